import type { Product, ProductDetails, ProductField, ProductId } from '@catalog/domain';

/** Who caused a write; stored with the product so the events the write causes can carry it. */
export interface WriteContext {
  readonly correlationId: string;
}

/** An idempotency claim (IdempotencyStore.claim) held by the request that creates a product. */
export interface HeldClaim {
  readonly key: string;
  readonly token: string;
}

export interface CreateProductOptions {
  /**
   * Completes this claim in the same atomic write as the creation, with the created product as the claim's
   * result (kept for the idempotency store's retention, as `IdempotencyStore.complete` keeps it): the
   * product is created and the claim completed, or neither. When the store no longer holds the claim (its
   * lock expired and another execution claimed the key) nothing is written and IdempotencyKeyInFlightError
   * is thrown.
   */
  readonly completing?: HeldClaim;
}

export interface ReplaceProductOptions {
  /** Replace only the product at this version, or (`any`) whichever version is live. */
  readonly expectedVersion: number | 'any';
}

export interface ReplaceProductResult {
  /** The product as stored afterwards: the replacement, or the unchanged product for identical details. */
  readonly product: Product;
  /** The details that differ from the replaced product; empty when nothing was written. */
  readonly changedFields: readonly ProductField[];
}

export interface DeleteProductOptions {
  /** Delete only the product at this version; otherwise VersionConflictError (also when none is live). */
  readonly expectedVersion?: number;
}

export interface ListProductsQuery {
  /** 1..100. */
  readonly limit: number;
  /** An opaque cursor from a previous page's `nextCursor`. */
  readonly cursor?: string;
}

export interface ProductPage {
  readonly items: readonly Product[];
  /** Present while more items may follow. */
  readonly nextCursor?: string;
}

/**
 * Stores products, one state per id: a live product, or the deletion that ended the last one (kept for
 * good, so that versions grow over the whole life of an id). Only live products are ever returned.
 *
 * Every method is one atomic, conditional operation on the id, implementable as one store call: of
 * concurrent writers whose conditions hold on the same state exactly one wins. The versions, timestamps
 * and changed fields a write produces are those of the domain (`createProduct`, `replaceProduct`,
 * `deleteProduct`). Every write that succeeds puts exactly one change on the store's change feed; a write
 * that changes nothing puts none. A lost condition throws VersionConflictError whose `expected` is the
 * condition and `found` what the id held (`absent`: no live product); throttling or an unreachable store
 * throws StoreUnavailableError.
 */
export interface ProductRepository {
  /** The live product under `id`; undefined when there is none (never created, or deleted). */
  get(id: ProductId): Promise<Product | undefined>;
  /**
   * Creates the product under an id that holds no live product, at the version after the id's deletion
   * (FIRST_VERSION for an unused id), and returns it as stored. A live product: VersionConflictError
   * (`expected: 'absent'`, `found`: its version). With `options.completing`, still one atomic operation.
   */
  create(
    id: ProductId,
    details: ProductDetails,
    at: Date,
    context: WriteContext,
    options?: CreateProductOptions,
  ): Promise<Product>;
  /**
   * Replaces the live product's details at `options.expectedVersion` (`replaceProduct`). Identical details
   * write nothing: the product comes back unchanged, with no changed fields and no change on the feed. No
   * live product, or another version than expected: VersionConflictError (`found`: `absent` or the
   * version), even for identical details.
   */
  replace(
    id: ProductId,
    details: ProductDetails,
    at: Date,
    context: WriteContext,
    options: ReplaceProductOptions,
  ): Promise<ReplaceProductResult>;
  /**
   * Deletes the live product (`deleteProduct`: the id keeps the deletion's version) and returns the product
   * as it was; undefined, writing nothing, when there is no live product and no version was expected. An
   * expected version that does not match, or a missing product with one: VersionConflictError.
   */
  delete(
    id: ProductId,
    at: Date,
    context: WriteContext,
    options?: DeleteProductOptions,
  ): Promise<Product | undefined>;
  /**
   * Pages through all live products; with no concurrent writes every live product appears exactly once
   * across pages, no page is empty while more follow, and the last has no cursor. A cursor that this
   * repository did not issue throws InvalidCursorError.
   */
  list(query: ListProductsQuery): Promise<ProductPage>;
}
export const ProductRepository = Symbol.for('catalog.ProductRepository');
