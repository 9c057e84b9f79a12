import { changedFields, type Product, type ProductField } from './product';

/** A change to one stored product, as the store reports it (e.g. one DynamoDB stream record). */
export type ProductChange =
  | { readonly kind: 'inserted'; readonly after: Product }
  | { readonly kind: 'modified'; readonly before: Product; readonly after: Product }
  | { readonly kind: 'removed'; readonly before: Product };

export type ProductEventType = 'ProductCreated' | 'ProductUpdated' | 'ProductDeleted';

export const PRODUCT_EVENT_TYPES: readonly ProductEventType[] = [
  'ProductCreated',
  'ProductUpdated',
  'ProductDeleted',
];

export type ProductEventData =
  | { readonly type: 'ProductCreated'; readonly product: Product }
  | { readonly type: 'ProductUpdated'; readonly product: Product; readonly changedFields: ProductField[] }
  | { readonly type: 'ProductDeleted'; readonly product: Product };

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

/**
 * The event a change is worth, or undefined when nothing a consumer can see has changed (a rewrite of
 * identical details, or a change to storage-only attributes).
 */
export const eventDataFor = (change: ProductChange): ProductEventData | undefined => {
  switch (change.kind) {
    case 'inserted':
      return { type: 'ProductCreated', product: change.after };
    case 'removed':
      return { type: 'ProductDeleted', product: change.before };
    case 'modified': {
      const fields = changedFields(change.before, change.after);
      return fields.length === 0
        ? undefined
        : { type: 'ProductUpdated', product: change.after, changedFields: fields };
    }
  }
};
