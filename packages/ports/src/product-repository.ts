import type { Product, ProductId } from '@catalog/domain';

/** Who caused a write; stored with the product so the events the write causes can carry it. */
export interface WriteContext {
  readonly correlationId: string;
}

export interface PutProductOptions {
  /** Write only when the stored product has this version; otherwise VersionConflictError (also when absent). */
  readonly expectedVersion?: number;
  /** Write only when no product has this id; otherwise VersionConflictError. */
  readonly createOnly?: boolean;
}

export interface DeleteProductOptions {
  /** Delete only when the stored product has this version; otherwise VersionConflictError (also when absent). */
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
 * Stores products. Conditional writes are atomic: of concurrent writers holding the same expected version,
 * exactly one wins. Throttling or an unavailable store surfaces as StoreUnavailableError.
 */
export interface ProductRepository {
  get(id: ProductId): Promise<Product | undefined>;
  /** Creates or replaces the product as given (its version is the caller's responsibility). */
  put(product: Product, context: WriteContext, options?: PutProductOptions): Promise<void>;
  /** Removes the product and returns what was removed, or undefined when there was nothing to remove. */
  delete(id: ProductId, context: WriteContext, options?: DeleteProductOptions): Promise<Product | undefined>;
  /**
   * Pages through all products; with no concurrent writes every product appears exactly once across pages.
   * A cursor that this repository did not issue throws InvalidCursorError.
   */
  list(query: ListProductsQuery): Promise<ProductPage>;
}
export const ProductRepository = Symbol.for('catalog.ProductRepository');
