import { ProductId } from '@catalog/domain';
import type { IdGenerator } from '@catalog/ports';

/** Predictable ids: 00000000-0000-4000-8000-000000000001, ...002, ... */
export class SequentialIdGenerator implements IdGenerator {
  private next = 1;

  newProductId(): ProductId {
    const suffix = (this.next++).toString(16).padStart(12, '0');
    return ProductId.parse(`00000000-0000-4000-8000-${suffix}`);
  }
}
