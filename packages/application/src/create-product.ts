import { createHash } from 'node:crypto';
import {
  createProduct,
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
  type IdempotentResult,
} from '@catalog/ports';
import { inject, injectable } from 'inversify';
import type { RequestContext } from './request-context';

export type CreateProductCommand = ProductDetailsInput;

export interface CreateProductContext extends RequestContext {
  readonly idempotencyKey?: string;
}

export interface CreateProductResult {
  readonly product: Product;
  /** True when the response repeats an earlier request with the same Idempotency-Key. */
  readonly replayed: boolean;
}

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
    const key = `CreateProduct:${context.idempotencyKey}`;
    const fingerprint = fingerprintOf(details);
    const claim = await this.idempotency.claim(key, fingerprint);
    if (claim.status !== 'claimed') {
      if (claim.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
      if (claim.status === 'in_progress') throw new IdempotencyKeyInFlightError();
      return { product: restoreProduct(claim.result), replayed: true };
    }
    let product: Product;
    try {
      product = await this.create(details, context);
    } catch (error) {
      // Nothing was created, so the key is free again; if forgetting fails the claim expires by itself.
      await this.idempotency.release(key).catch(() => undefined);
      throw error;
    }
    await this.idempotency.complete(key, fingerprint, product as unknown as IdempotentResult);
    return { product, replayed: false };
  }

  private async create(details: ProductDetails, context: RequestContext): Promise<Product> {
    const product = createProduct(this.ids.newProductId(), details, this.clock.now());
    await this.products.put(product, context, { createOnly: true });
    return product;
  }
}
