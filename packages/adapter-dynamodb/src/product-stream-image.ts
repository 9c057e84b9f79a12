import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { ProductChange, ProductState } from '@catalog/domain';
import { toStateItem } from './product-item';

/**
 * The image of an id's state (a product, or the tombstone a deletion leaves) that the products table's
 * stream carries (NewImage / OldImage), for emulators that feed the stream handler without DynamoDB (the
 * local stack's in-memory mode, tests). Parsing it back with `parseProductStreamRecord` yields the same
 * state and correlation id.
 */
export const productStreamImage = (
  state: ProductState,
  correlationId: string,
): Record<string, AttributeValue> => marshall(toStateItem(state, correlationId));

export interface ProductStreamImages {
  readonly eventName: 'INSERT' | 'MODIFY';
  readonly OldImage?: Record<string, AttributeValue>;
  readonly NewImage: Record<string, AttributeValue>;
}

/**
 * What the stream record of a change made through the repository carries: INSERT for a creation (a
 * re-creation is a MODIFY from the tombstone, which reads the same), MODIFY for a replace and for a delete
 * (product -> tombstone). `correlationId` is the writer's; the old image keeps `previousCorrelationId`.
 */
export const productStreamImages = (
  change: ProductChange,
  correlationId: string,
  previousCorrelationId = '',
): ProductStreamImages => {
  switch (change.kind) {
    case 'inserted':
      return { eventName: 'INSERT', NewImage: productStreamImage(change.after, correlationId) };
    case 'modified':
      return {
        eventName: 'MODIFY',
        OldImage: productStreamImage(change.before, previousCorrelationId),
        NewImage: productStreamImage(change.after, correlationId),
      };
    case 'removed':
      return {
        eventName: 'MODIFY',
        OldImage: productStreamImage(change.before, previousCorrelationId),
        NewImage: productStreamImage(change.deletion, correlationId),
      };
  }
};
