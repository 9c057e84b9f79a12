import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Product } from '@catalog/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDbProductRepository } from './dynamodb-product-repository';

export const UNIT_CURSOR_KEY = 'unit-test-cursor-signing-key';

/** A repository whose document client answers from aws-sdk-client-mock (no network). */
export const mockedRepository = () => {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'unit', secretAccessKey: 'unit' },
    }),
  );
  const mock = mockClient(client);
  return { mock, client, repository: new DynamoDbProductRepository(client, 'products', UNIT_CURSOR_KEY) };
};

export const conditionFailed = (item?: Record<string, unknown>): ConditionalCheckFailedException =>
  new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: { httpStatusCode: 400 },
    ...(item === undefined ? {} : { Item: item as ConditionalCheckFailedException['Item'] }),
  });

/** The item the repository writes for `product`. */
export const itemOf = (product: Product, correlationId = 'corr'): Record<string, unknown> => ({
  ...product,
  price: { ...product.price },
  correlationId,
});
