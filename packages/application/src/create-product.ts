import { createHash } from 'node:crypto';
import {
  IdempotencyKeyInFlightError,
  IdempotencyKeyReusedError,
  parseProductDetails,
  restoreProduct,
  type Product,
  type ProductDetails,
  type ProductDetailsInput,
} from '@catalog/domain';
import {
  Clock,
  IdGenerator,
  IdempotencyStore,
  ProductRepository,
  type HeldClaim,
  type IdempotentResult,
} from '@catalog/ports';
import { inject, injectable } from 'inversify';
import type { RequestContext } from './request-context';

export type CreateProductCommand = ProductDetailsInput;

export interface CreateProductContext extends RequestContext {
  readonly idempotencyKey?: string;
  /** Who is calling (the authorizer's principal); undefined for an anonymous caller. Keys are scoped to it. */
  readonly principal?: string;
  /** How long the invocation may still run, when the transport knows it; an idempotency claim lasts as long. */
  readonly remainingTimeMs?: number;
}

export interface CreateProductResult {
  readonly product: Product;
  /** True when the response repeats an earlier request with the same Idempotency-Key. */
  readonly replayed: boolean;
}

/** A stored idempotency result that is not a product: the service's fault (500), never the client's. */
export class CorruptIdempotencyRecordError extends Error {
  constructor(key: string, options?: ErrorOptions) {
    super(`The result stored for idempotency key ${JSON.stringify(key)} is not a valid product`, options);
    this.name = 'CorruptIdempotencyRecordError';
  }
}

// A claim locks its key while the request may still run, plus a margin for clock differences between the
// hosts that compare expiry times; never longer than a minute, so that a crashed request frees its key soon.
const LOCK_MARGIN_MS = 1_000;
export const IDEMPOTENCY_LOCK_MAX_SECONDS = 60;
// Keys stay well inside DynamoDB's 2,048-byte key limit; a longer scope (a huge principal) is hashed.
const SCOPED_KEY_MAX_BYTES = 1_024;

/** Two requests are "the same" when their parsed details are, so formatting and key order do not matter. */
const fingerprintOf = (details: ProductDetails): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        details.name,
        details.description ?? null,
        details.price.amount,
        details.price.currency,
      ]),
    )
    .digest('base64url');

/**
 * The stored key of a client's Idempotency-Key: scoped to the operation and the caller, JSON-encoded so that
 * no principal and key pair can spell another's (`null` stands for the anonymous caller).
 */
export const scopedIdempotencyKey = (principal: string | undefined, key: string): string => {
  const scope = JSON.stringify([principal ?? null, key]);
  return Buffer.byteLength(scope) <= SCOPED_KEY_MAX_BYTES
    ? `CreateProduct:${scope}`
    : `CreateProduct:sha256:${createHash('sha256').update(scope).digest('base64url')}`;
};

export const idempotencyLockSeconds = (remainingTimeMs: number | undefined): number => {
  if (remainingTimeMs === undefined || !Number.isFinite(remainingTimeMs)) return IDEMPOTENCY_LOCK_MAX_SECONDS;
  const seconds = Math.ceil((Math.max(0, remainingTimeMs) + LOCK_MARGIN_MS) / 1000);
  return Math.min(IDEMPOTENCY_LOCK_MAX_SECONDS, seconds);
};

@injectable()
export class CreateProduct {
  constructor(
    @inject(ProductRepository) private readonly products: ProductRepository,
    @inject(IdGenerator) private readonly ids: IdGenerator,
    @inject(Clock) private readonly clock: Clock,
    @inject(IdempotencyStore) private readonly idempotency: IdempotencyStore,
  ) {}

  async execute(command: CreateProductCommand, context: CreateProductContext): Promise<CreateProductResult> {
    const details = parseProductDetails(command);
    if (context.idempotencyKey === undefined) {
      return { product: await this.create(details, context), replayed: false };
    }
    const key = scopedIdempotencyKey(context.principal, context.idempotencyKey);
    const fingerprint = fingerprintOf(details);
    const claim = await this.idempotency.claim(
      key,
      fingerprint,
      idempotencyLockSeconds(context.remainingTimeMs),
    );
    if (claim.status !== 'claimed') {
      if (claim.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
      if (claim.status === 'in_progress') throw new IdempotencyKeyInFlightError();
      return { product: restoreResult(key, claim.result), replayed: true };
    }
    try {
      // The creation completes the claim in the same atomic write: a product is never created without its
      // key remembering it (so a retry after a crash replays instead of creating a second product), and an
      // execution whose claim was taken over (IdempotencyKeyInFlightError) creates nothing.
      const product = await this.create(details, context, { key, token: claim.token });
      return { product, replayed: false };
    } catch (error) {
      // Nothing was created, so the key is free again. If forgetting fails, the client still learns why its
      // request failed, and the claim expires by itself. A claim taken over is not ours to release.
      if (!(error instanceof IdempotencyKeyInFlightError)) {
        await this.idempotency.release(key, claim.token).catch(() => undefined);
      }
      throw error;
    }
  }

  private create(details: ProductDetails, context: RequestContext, completing?: HeldClaim): Promise<Product> {
    return this.products.create(
      this.ids.newProductId(),
      details,
      this.clock.now(),
      context,
      completing === undefined ? {} : { completing },
    );
  }
}

const restoreResult = (key: string, result: IdempotentResult): Product => {
  try {
    return restoreProduct(result);
  } catch (error) {
    throw new CorruptIdempotencyRecordError(key, { cause: error });
  }
};
