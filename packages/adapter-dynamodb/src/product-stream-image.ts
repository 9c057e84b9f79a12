import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Product } from '@catalog/domain';
import { toProductItem } from './product-item';

/**
 * The image of a product the products table's stream carries (NewImage / OldImage), for emulators that
 * feed the stream handler without DynamoDB (the local stack's in-memory mode). Parsing it back with
 * `parseProductStreamRecord` yields the same product and correlation id.
 */
export const productStreamImage = (product: Product, correlationId: string): Record<string, AttributeValue> =>
  marshall(toProductItem(product, correlationId));
