import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { parseProductDetails, type Product, type ProductDeletion } from '@catalog/domain';
import { InMemoryListCursors } from '@catalog/testkit';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDbProductRepository } from './dynamodb-product-repository';

/** A repository whose document client answers from aws-sdk-client-mock (no network). */
export const mockedRepository = () => {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'unit', secretAccessKey: 'unit' },
    }),
  );
  const mock = mockClient(client);
  return {
    mock,
    client,
    repository: new DynamoDbProductRepository(client, 'products', new InMemoryListCursors()),
  };
};

/** The error DynamoDB answers a failed condition with; `item` is what ALL_OLD returns (plain, marshalled here). */
export const conditionFailed = (item?: Record<string, unknown>): ConditionalCheckFailedException =>
  new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: { httpStatusCode: 400 },
    ...(item === undefined ? {} : { Item: marshall(item, { removeUndefinedValues: true }) }),
  });

/** The item the repository stores for `product`. */
export const itemOf = (product: Product, correlationId = 'corr'): Record<string, unknown> => ({
  ...product,
  price: { ...product.price },
  correlationId,
});

/** The tombstone item a deletion leaves. */
export const tombstoneOf = (deletion: ProductDeletion, correlationId = 'corr'): Record<string, unknown> => ({
  ...deletion,
  correlationId,
});

export const detailsOf = (product: Product) =>
  parseProductDetails({ name: product.name, description: product.description, price: product.price });
