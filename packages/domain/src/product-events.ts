import { changedFields, type Product, type ProductField } from './product';
import {
  deleteProduct,
  isProductDeletion,
  type ProductDeletion,
  type ProductState,
} from './product-deletion';

/** A change to one stored product, as the store's change feed reports it (e.g. one DynamoDB stream record). */
export type ProductChange =
  | { readonly kind: 'inserted'; readonly after: Product }
  | { readonly kind: 'modified'; readonly before: Product; readonly after: Product }
  /** `before` is the last product; `deletion` carries the deletion's own version and time. */
  | { readonly kind: 'removed'; readonly before: Product; readonly deletion: ProductDeletion };

/**
 * The change that a store's transition of one id from `before` to `after` (undefined: nothing stored) is
 * worth, or undefined when no product was involved (a deletion rewritten or removed):
 * nothing or a deletion -> a product: inserted (a creation, or a re-creation after a deletion);
 * product -> product: modified; product -> deletion: removed, at the deletion's version and time;
 * product -> nothing (the record was removed without a deletion, e.g. by hand): removed at the version
 * after the product's, as a deletion would have been, at `recordedAt` (the feed's own time of the change).
 */
export const changeBetween = (
  before: ProductState | undefined,
  after: ProductState | undefined,
  recordedAt: Date,
): ProductChange | undefined => {
  const product = before === undefined || isProductDeletion(before) ? undefined : before;
  if (after !== undefined && !isProductDeletion(after)) {
    return product === undefined ? { kind: 'inserted', after } : { kind: 'modified', before: product, after };
  }
  if (product === undefined) return undefined;
  return { kind: 'removed', before: product, deletion: after ?? deleteProduct(product, recordedAt) };
};

export type ProductEventType = 'ProductCreated' | 'ProductUpdated' | 'ProductDeleted';

export const PRODUCT_EVENT_TYPES: readonly ProductEventType[] = [
  'ProductCreated',
  'ProductUpdated',
  'ProductDeleted',
];

interface EventPosition {
  /**
   * Orders the events of one product over the whole life of its id: the version the change produced (for a
   * deletion, the deletion's own version, one after the deleted product's).
   */
  readonly productVersion: number;
  /** When the change was written, to the millisecond (the product's updatedAt, or the deletion's time). */
  readonly occurredAt: string;
}

export type ProductEventData = EventPosition &
  (
    | { readonly type: 'ProductCreated'; readonly product: Product }
    | { readonly type: 'ProductUpdated'; readonly product: Product; readonly changedFields: ProductField[] }
    /** `product` is the last product before the deletion. */
    | { readonly type: 'ProductDeleted'; readonly product: Product }
  );

export const PRODUCT_EVENT_VERSION = '1';

export interface ProductEventMetadata {
  /** Derived from the change's source record, so a redelivery carries the same id. */
  readonly eventId: string;
  readonly eventVersion: typeof PRODUCT_EVENT_VERSION;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly productId: string;
  readonly productVersion: number;
}

/** A product event as consumers receive it: `type` is the EventBridge DetailType. */
export interface ProductEvent {
  readonly type: ProductEventType;
  readonly metadata: ProductEventMetadata;
  readonly data: { readonly product: Product; readonly changedFields?: ProductField[] };
}

const positionOf = (product: Product): EventPosition => ({
  productVersion: product.version,
  occurredAt: product.updatedAt,
});

/**
 * The event a change is worth, or undefined when nothing a consumer can see has changed (a rewrite of
 * identical details, or a change to storage-only attributes).
 */
export const eventDataFor = (change: ProductChange): ProductEventData | undefined => {
  switch (change.kind) {
    case 'inserted':
      return { type: 'ProductCreated', product: change.after, ...positionOf(change.after) };
    case 'removed':
      return {
        type: 'ProductDeleted',
        product: change.before,
        productVersion: change.deletion.version,
        occurredAt: change.deletion.deletedAt,
      };
    case 'modified': {
      const fields = changedFields(change.before, change.after);
      return fields.length === 0
        ? undefined
        : {
            type: 'ProductUpdated',
            product: change.after,
            changedFields: fields,
            ...positionOf(change.after),
          };
    }
  }
};
