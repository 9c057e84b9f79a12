import { ValidationError, type FieldIssue } from './errors';
import { isRecord, isUtcTimestamp, isVersion } from './guards';
import type { Product } from './product';
import { ProductId } from './product-id';

/**
 * What a deletion leaves of a product: its id and the version the deletion took, one after the product's
 * last. Stores keep it for as long as the id may be used again, so that versions keep growing over the whole
 * life of an id (a re-created product continues after it) and "ignore what is not newer" stays a correct
 * rule for consumers of the product's events.
 */
export interface ProductDeletion {
  readonly id: ProductId;
  readonly version: number;
  /** ISO 8601 UTC: when the product was deleted. */
  readonly deletedAt: string;
}

/** What an id stands for in a store: a live product, or the deletion that ended the last one. */
export type ProductState = Product | ProductDeletion;

export const isProductDeletion = (state: ProductState): state is ProductDeletion => 'deletedAt' in state;

/** The deletion of `product` at `at`: the next version of the id, so it sorts after every earlier change. */
export const deleteProduct = (product: Product, at: Date): ProductDeletion => ({
  id: product.id,
  version: product.version + 1,
  deletedAt: at.toISOString(),
});

/** Rebuilds a ProductDeletion from stored data, checking every field (ValidationError otherwise). */
export const restoreProductDeletion = (raw: unknown): ProductDeletion => {
  if (!isRecord(raw)) throw ValidationError.of('deletion', 'must be an object');
  const issues: FieldIssue[] = [];
  const { id, version, deletedAt } = raw;
  if (!ProductId.isValid(id)) issues.push({ field: 'id', message: 'must be a UUID' });
  if (!isVersion(version)) issues.push({ field: 'version', message: 'must be a positive integer' });
  if (!isUtcTimestamp(deletedAt)) {
    issues.push({ field: 'deletedAt', message: 'must be an ISO 8601 UTC timestamp' });
  }
  if (issues.length > 0 || !ProductId.isValid(id) || !isVersion(version) || !isUtcTimestamp(deletedAt)) {
    throw new ValidationError(issues);
  }
  return { id: ProductId.parse(id), version, deletedAt };
};
