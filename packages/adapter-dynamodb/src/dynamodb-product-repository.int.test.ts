import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { parseProductDetails, ProductId } from '@catalog/domain';
import { describeProductRepositoryContract } from '@catalog/testkit/contracts';
import { clearDynamoDbTable, useDynamoDbTable } from '@catalog/testkit/dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbProductRepository } from './dynamodb-product-repository';
import { readStream, TEST_CURSORS, useDocumentClient } from './integration.test-support';
import { parseProductStreamRecord } from './product-stream-record';
import { DynamoDbIdempotencyStore } from './dynamodb-idempotency-store';
import {
  idempotencyTableDefinition,
  idempotencyTimeToLive,
  productsTableDefinition,
} from './table-definitions';

const table = useDynamoDbTable(productsTableDefinition, { prefix: 'products' });
const idempotencyTable = useDynamoDbTable(idempotencyTableDefinition, {
  prefix: 'products-claims',
  timeToLive: idempotencyTimeToLive,
});
const client = useDocumentClient(table);
const retention = { ttlSeconds: 3_600 };
const clock = { now: () => new Date() };
const repository = (): DynamoDbProductRepository =>
  new DynamoDbProductRepository(client(), table.name, TEST_CURSORS, idempotencyTable.name, retention, clock);

describeProductRepositoryContract('DynamoDB Local', async () => {
  await clearDynamoDbTable(table);
  return {
    repository: repository(),
    idempotency: new DynamoDbIdempotencyStore(
      client(),
      idempotencyTable.name,
      { now: () => new Date() },
      retention,
    ),
    // The table's real stream, read as the stream processor reads it.
    changesOf: async (id) =>
      (await readStream(table))
        .filter((record) => record.dynamodb.Keys.id?.S === id)
        .map((record) => {
          const { correlationId, change } = parseProductStreamRecord(record);
          if (change === undefined) throw new Error(`Stream record ${record.eventID} is worth no change`);
          return correlationId === undefined ? { change } : { correlationId, change };
        }),
  };
});

const storedItem = async (id: string): Promise<Record<string, unknown> | undefined> =>
  (await client().send(new GetCommand({ TableName: table.name, Key: { id }, ConsistentRead: true }))).Item;

const newId = () => ProductId.parse(crypto.randomUUID());
const details = parseProductDetails({
  name: 'Lamp',
  description: 'Brass',
  price: { amount: 1999, currency: 'EUR' },
});
const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 12, minute));

describe(DynamoDbProductRepository, () => {
  it('stores the product field by field, its version and the correlation id of the write', async () => {
    const id = newId();
    await repository().create(id, details, at(0), { correlationId: 'corr-create' });
    expect(await storedItem(id)).toEqual({
      id,
      name: 'Lamp',
      description: 'Brass',
      price: { amount: 1999, currency: 'EUR' },
      version: 1,
      createdAt: at(0).toISOString(),
      updatedAt: at(0).toISOString(),
      correlationId: 'corr-create',
    });
  });

  it('leaves the description attribute out for a product without one, and removes it on replace', async () => {
    const id = newId();
    const { description: _none, ...bare } = details;
    await repository().create(id, bare, at(0), { correlationId: 'c' });
    expect(await storedItem(id)).not.toHaveProperty('description');
    await repository().replace(id, details, at(1), { correlationId: 'c' }, { expectedVersion: 1 });
    await repository().replace(id, bare, at(2), { correlationId: 'c' }, { expectedVersion: 2 });
    expect(await storedItem(id)).not.toHaveProperty('description');
  });

  it('keeps the correlation id of the latest write', async () => {
    const id = newId();
    await repository().create(id, details, at(0), { correlationId: 'first' });
    const renamed = parseProductDetails({ ...details, name: 'Lamp 2' });
    await repository().replace(id, renamed, at(1), { correlationId: 'second' }, { expectedVersion: 1 });
    expect(await storedItem(id)).toMatchObject({ version: 2, correlationId: 'second' });
  });

  it('leaves a tombstone of id, version, deletion time and the deleting request, and nothing else', async () => {
    const id = newId();
    await repository().create(id, details, at(0), { correlationId: 'c' });
    await repository().delete(id, at(1), { correlationId: 'corr-delete' });
    expect(await storedItem(id)).toEqual({
      id,
      version: 2,
      deletedAt: at(1).toISOString(),
      correlationId: 'corr-delete',
    });
  });

  it('writes nothing when deleting an id it never held', async () => {
    const id = newId();
    expect(await repository().delete(id, at(0), { correlationId: 'corr-delete' })).toBeUndefined();
    expect(await storedItem(id)).toBeUndefined();
  });
});
