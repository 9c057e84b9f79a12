import {
  InternalServerError,
  ProvisionedThroughputExceededException,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError, type Product } from '@catalog/domain';
import { aRandomProduct } from '@catalog/testkit';
import { useDynamoDbTable } from '@catalog/testkit/dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { DYNAMODB_MAX_ATTEMPTS } from './client';
import { DynamoDbProductRepository } from './dynamodb-product-repository';
import { TEST_CURSOR_KEY, useDocumentClient } from './integration.test-support';
import { productsTableDefinition } from './table-definitions';

const table = useDynamoDbTable(productsTableDefinition, { prefix: 'products-faults' });
// The production retry settings, so the test also shows how many times the SDK tries.
const client = useDocumentClient(table);
const repository = (): DynamoDbProductRepository =>
  new DynamoDbProductRepository(client(), table.name, TEST_CURSOR_KEY);

type Fault = () => Error;
const throttled: Fault = () =>
  new ProvisionedThroughputExceededException({ message: 'Injected throttling', $metadata: {} });

/**
 * Makes every attempt of `commandName` fail with `fault` before it reaches DynamoDB, inside the SDK's retry
 * loop (as a throttled response would). Returns the attempt count.
 */
const injectFault = (documentClient: DynamoDBDocumentClient, commandName: string, fault: Fault) => {
  const counter = { attempts: 0 };
  documentClient.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName !== commandName) return next(args);
      counter.attempts++;
      throw fault();
    },
    { step: 'deserialize', priority: 'high', name: 'injectedFault', override: true },
  );
  return counter;
};

const storedItem = async (id: string) =>
  (await client().send(new GetCommand({ TableName: table.name, Key: { id }, ConsistentRead: true }))).Item;

describe(DynamoDbProductRepository, () => {
  afterEach(() => {
    client().middlewareStack.remove('injectedFault');
  });

  describe('when DynamoDB throttles a create', () => {
    it('throws a retryable StoreUnavailableError after the SDK retries, and stores nothing', async () => {
      const product = aRandomProduct();
      const fault = injectFault(client(), 'PutItemCommand', throttled);
      const error = await repository()
        .put(product, { correlationId: 'corr' }, { createOnly: true })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ kind: 'unavailable', retryAfterSeconds: expect.any(Number) });
      expect((error as Error).cause).toBeInstanceOf(ProvisionedThroughputExceededException);
      expect(fault.attempts).toBe(DYNAMODB_MAX_ATTEMPTS);
      client().middlewareStack.remove('injectedFault');
      expect(await storedItem(product.id)).toBeUndefined();
    });
  });

  describe('when DynamoDB throttles a replace', () => {
    it('throws StoreUnavailableError and keeps the stored product and its version', async () => {
      const product = aRandomProduct();
      await repository().put(product, { correlationId: 'seed' });
      const before = await storedItem(product.id);
      injectFault(
        client(),
        'PutItemCommand',
        () => new ThrottlingException({ message: 'Injected', $metadata: {} }),
      );
      await expect(
        repository().put(
          { ...product, name: 'Lost', version: 2 } as Product,
          { correlationId: 'corr' },
          { expectedVersion: 1 },
        ),
      ).rejects.toBeInstanceOf(StoreUnavailableError);
      client().middlewareStack.remove('injectedFault');
      expect(await storedItem(product.id)).toEqual(before);
    });
  });

  describe('when DynamoDB throttles the delete after its correlation stamp', () => {
    it('throws StoreUnavailableError and keeps the product as it was', async () => {
      const product = aRandomProduct();
      await repository().put(product, { correlationId: 'seed' });
      injectFault(client(), 'DeleteItemCommand', throttled);
      await expect(repository().delete(product.id, { correlationId: 'corr-delete' })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      client().middlewareStack.remove('injectedFault');
      expect(await repository().get(product.id)).toEqual(product);
      // Only the correlation id moved: a metadata-only change that the stream processor skips.
      expect(await storedItem(product.id)).toMatchObject({ version: 1, correlationId: 'corr-delete' });
    });
  });

  describe('when DynamoDB keeps failing a scan with a server error', () => {
    it('throws StoreUnavailableError', async () => {
      injectFault(
        client(),
        'ScanCommand',
        () => new InternalServerError({ message: 'Injected', $metadata: {} }),
      );
      await expect(repository().list({ limit: 5 })).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });
});
