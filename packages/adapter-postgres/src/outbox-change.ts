import { restoreProduct, restoreProductDeletion, type ProductChange } from '@catalog/domain';
import type { OutboxRow } from './outbox-sql';

/** The domain's change from an outbox row; a ValidationError when the row's images are not products. */
export const toProductChange = (row: OutboxRow): ProductChange => {
  switch (row.kind) {
    case 'inserted':
      return { kind: 'inserted', after: restoreProduct(row.after) };
    case 'modified':
      return { kind: 'modified', before: restoreProduct(row.before), after: restoreProduct(row.after) };
    case 'removed':
      return {
        kind: 'removed',
        before: restoreProduct(row.before),
        deletion: restoreProductDeletion(row.deletion),
      };
    default:
      throw new Error(`Unknown outbox change kind ${JSON.stringify(row.kind)}`);
  }
};
