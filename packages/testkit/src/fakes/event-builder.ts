import {
  PRODUCT_EVENT_VERSION,
  type Product,
  type ProductEvent,
  type ProductEventType,
} from '@catalog/domain';
import { aProduct } from './product-builder';

let counter = 0;

/** A well-formed product event; the event id is unique per call. */
export const aProductEvent = (
  type: ProductEventType = 'ProductCreated',
  product: Product = aProduct(),
): ProductEvent => {
  counter++;
  const eventId = `20000000-0000-5000-8000-${counter.toString(16).padStart(12, '0')}`;
  return {
    type,
    metadata: {
      eventId,
      eventVersion: PRODUCT_EVENT_VERSION,
      occurredAt: '2026-01-01T00:00:00.000Z',
      correlationId: `corr-${counter}`,
      productId: product.id,
      productVersion: product.version,
    },
    data: type === 'ProductUpdated' ? { product, changedFields: ['name'] } : { product },
  };
};
