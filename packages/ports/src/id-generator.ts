import type { ProductId } from '@catalog/domain';

/** Issues identifiers for new products (random UUIDs in production). */
export interface IdGenerator {
  newProductId(): ProductId;
}
export const IdGenerator = Symbol.for('catalog.IdGenerator');
