import {
  InternalServerError,
  ProvisionedThroughputExceededException,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseProductDetails, ProductId, StoreUnavailableError } from '@catalog/domain';
import { useDynamoDbTable } from '@catalog/testkit/dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { DYNAMODB_MAX_ATTEMPTS } from './client';
import { DynamoDbProductRepository } from './dynamodb-product-repository';
import { TEST_CURSORS, useDocumentClient } from './integration.test-support';
import { productsTableDefinition } from './table-definitions';

const table = useDynamoDbTable(productsTableDefinition, { prefix: 'products-faults' });
// The production retry settings, so the test also shows how many times the SDK tries.
const client = useDocumentClient(table);
const repository = (): DynamoDbProductRepository =>
  new DynamoDbProductRepository(client(), table.name, TEST_CURSORS);

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

const newId = () => ProductId.parse(crypto.randomUUID());
const details = parseProductDetails({ name: 'Lamp', price: { amount: 1999, currency: 'EUR' } });
const renamed = parseProductDetails({ name: 'Lost', price: { amount: 1999, currency: 'EUR' } });
const context = { correlationId: 'corr' };
const at = new Date('2026-05-01T12:00:00.000Z');

describe(DynamoDbProductRepository, () => {
  afterEach(() => {
    client().middlewareStack.remove('injectedFault');
  });

  describe('when DynamoDB throttles a create', () => {
    it('throws a StoreUnavailableError to retry after 2 s once the SDK gave up, and stores nothing', async () => {
      const id = newId();
      const fault = injectFault(client(), 'UpdateItemCommand', throttled);
      const error = await repository()
        .create(id, details, at, context)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ kind: 'unavailable', retryAfterSeconds: 2 });
      expect((error as Error).cause).toBeInstanceOf(ProvisionedThroughputExceededException);
      expect(fault.attempts).toBe(DYNAMODB_MAX_ATTEMPTS);
      client().middlewareStack.remove('injectedFault');
      expect(await storedItem(id)).toBeUndefined();
    });
  });

  describe('when DynamoDB throttles a replace', () => {
    it('throws StoreUnavailableError and keeps the stored product and its version', async () => {
      const id = newId();
      await repository().create(id, details, at, { correlationId: 'seed' });
      const before = await storedItem(id);
      injectFault(
        client(),
        'UpdateItemCommand',
        () => new ThrottlingException({ message: 'Injected', $metadata: {} }),
      );
      await expect(
        repository().replace(id, renamed, at, context, { expectedVersion: 1 }),
      ).rejects.toBeInstanceOf(StoreUnavailableError);
      client().middlewareStack.remove('injectedFault');
      expect(await storedItem(id)).toEqual(before);
    });
  });

  describe('when DynamoDB throttles a delete', () => {
    it('throws StoreUnavailableError and keeps the product exactly as it was', async () => {
      const id = newId();
      const product = await repository().create(id, details, at, { correlationId: 'seed' });
      const before = await storedItem(id);
      injectFault(client(), 'UpdateItemCommand', throttled);
      await expect(repository().delete(id, at, { correlationId: 'corr-delete' })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      client().middlewareStack.remove('injectedFault');
      expect(await repository().get(id)).toEqual(product);
      expect(await storedItem(id)).toEqual(before);
    });
  });

  describe('when DynamoDB keeps failing a scan with a server error', () => {
    it('throws a StoreUnavailableError to retry after 1 s', async () => {
      injectFault(
        client(),
        'ScanCommand',
        () => new InternalServerError({ message: 'Injected', $metadata: {} }),
      );
      const error = await repository()
        .list({ limit: 5 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ retryAfterSeconds: 1 });
    });
  });
});
