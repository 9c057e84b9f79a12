// Reads the products table's real stream (DynamoDB Streams API on DynamoDB Local) after a product's whole
// life, and checks what the stream processor will see. With CATALOG_RECORD_STREAM_FIXTURES=1 it also
// re-records the JSON fixtures in packages/testkit/src/dynamodb/fixtures/:
//   CATALOG_RECORD_STREAM_FIXTURES=1 pnpm test:int packages/adapter-dynamodb/src/dynamodb-product-stream.int.test.ts
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { eventDataFor, parseProductDetails, ProductId, type Product } from '@catalog/domain';
import { useDynamoDbTable, writeStreamFixture } from '@catalog/testkit/dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbProductRepository } from './dynamodb-product-repository';
import { readStreamOf, TEST_CURSORS, useDocumentClient } from './integration.test-support';
import { parseProductStreamRecord } from './product-stream-record';
import { productsTableDefinition } from './table-definitions';

const table = useDynamoDbTable(productsTableDefinition, { prefix: 'products-stream' });
const client = useDocumentClient(table);
const recording = process.env.CATALOG_RECORD_STREAM_FIXTURES === '1';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute, 0, 123));
const details = (name: string, amount: number) =>
  parseProductDetails({ name, description: 'Recorded', price: { amount, currency: 'EUR' } });

describe('the products table stream', () => {
  const id = ProductId.parse(crypto.randomUUID());
  // Two more items, removed by hand (DeleteItem), as the repository never does: a live one and a tombstone.
  const handId = ProductId.parse(crypto.randomUUID());
  const tombstoneId = ProductId.parse(crypto.randomUUID());
  const life: Product[] = [];
  let records: Awaited<ReturnType<typeof readStreamOf>>;
  let byHand: Awaited<ReturnType<typeof readStreamOf>>;
  let tombstoneRemoved: Awaited<ReturnType<typeof readStreamOf>>;

  beforeAll(async () => {
    const repository = new DynamoDbProductRepository(client(), table.name, TEST_CURSORS);
    const options = { expectedVersion: 'any' } as const;
    life.push(await repository.create(id, details('Lamp', 1999), at(0), { correlationId: 'corr-create' }));
    const replaced = await repository.replace(
      id,
      details('Desk lamp', 2499),
      at(1),
      { correlationId: 'corr-replace' },
      options,
    );
    life.push(replaced.product);
    // A no-op replace: identical details. It writes nothing, so the stream has no record of it.
    await repository.replace(id, details('Desk lamp', 2499), at(2), { correlationId: 'corr-noop' }, options);
    await repository.delete(id, at(3), { correlationId: 'corr-delete' });
    life.push(await repository.create(id, details('Lamp', 2999), at(4), { correlationId: 'corr-recreate' }));
    life.push(
      (await repository.replace(id, details('Lamp', 3499), at(5), { correlationId: 'corr-update' }, options))
        .product,
    );

    await repository.create(handId, details('Removed by hand', 1), at(0), { correlationId: 'corr-hand' });
    await client().send(new DeleteCommand({ TableName: table.name, Key: { id: handId } }));
    await repository.create(tombstoneId, details('Tombstone', 1), at(0), { correlationId: 'corr-t' });
    await repository.delete(tombstoneId, at(1), { correlationId: 'corr-t' });
    await client().send(new DeleteCommand({ TableName: table.name, Key: { id: tombstoneId } }));

    records = await readStreamOf(table, id, 5);
    // Anything late would show up now; the no-op replace must not.
    records = await readStreamOf(table, id, 6, 500);
    byHand = await readStreamOf(table, handId, 2);
    tombstoneRemoved = await readStreamOf(table, tombstoneId, 3);
  });

  const changes = () => records.map((record) => parseProductStreamRecord(record));

  it('holds INSERT, then a MODIFY for each replace, the delete and the re-creation, with both images', () => {
    expect(records.map((record) => record.eventName)).toEqual([
      'INSERT',
      'MODIFY',
      'MODIFY',
      'MODIFY',
      'MODIFY',
    ]);
    for (const record of records) {
      expect(record.dynamodb.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
      expect(record.dynamodb.Keys).toEqual({ id: { S: id } });
      expect(record.dynamodb.NewImage).toBeDefined();
    }
    expect(records[0]!.dynamodb.OldImage).toBeUndefined();
  });

  it('reads them as created, updated, deleted, created, updated, each with its request’s id', () => {
    expect(changes().map(({ correlationId, change }) => [change?.kind, correlationId])).toEqual([
      ['inserted', 'corr-create'],
      ['modified', 'corr-replace'],
      ['removed', 'corr-delete'],
      ['inserted', 'corr-recreate'],
      ['modified', 'corr-update'],
    ]);
    expect(changes()[2]!.change).toEqual({
      kind: 'removed',
      before: life[1],
      deletion: { id, version: 3, deletedAt: at(3).toISOString() },
    });
    expect(changes()[3]!.change).toEqual({ kind: 'inserted', after: life[2] });
  });

  it('gives the events strictly increasing versions, at the writes’ exact times', () => {
    const events = changes().map(({ change }) => eventDataFor(change!)!);
    expect(events.map((event) => [event.type, event.productVersion, event.occurredAt])).toEqual([
      ['ProductCreated', 1, at(0).toISOString()],
      ['ProductUpdated', 2, at(1).toISOString()],
      ['ProductDeleted', 3, at(3).toISOString()],
      ['ProductCreated', 4, at(4).toISOString()],
      ['ProductUpdated', 5, at(5).toISOString()],
    ]);
  });

  it('reads an item removed by hand as deleted at the next version, without a correlation id', () => {
    expect(byHand.map((record) => record.eventName)).toEqual(['INSERT', 'REMOVE']);
    const removed = parseProductStreamRecord(byHand[1]);
    expect(removed.correlationId).toBeUndefined();
    expect(removed.change).toMatchObject({ kind: 'removed', deletion: { id: handId, version: 2 } });
  });

  it('reads a tombstone removed by hand as no change at all', () => {
    expect(tombstoneRemoved.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    expect(parseProductStreamRecord(tombstoneRemoved[2]).change).toBeUndefined();
  });

  it('orders the records by sequence number and gives each its own event id', () => {
    const ids = new Set(records.map((record) => record.eventID));
    expect(ids.size).toBe(records.length);
    const sequence = records.map((record) => BigInt(record.dynamodb.SequenceNumber));
    expect(sequence).toEqual([...sequence].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  // Not a test: with CATALOG_RECORD_STREAM_FIXTURES=1 the records the tests above checked become the fixtures.
  afterAll(() => {
    if (!recording) return;
    const [insert, replace, remove, recreate] = records;
    writeStreamFixture('insert', { Records: [insert!] });
    writeStreamFixture('replace', { Records: [replace!] });
    writeStreamFixture('delete', { Records: [remove!] });
    writeStreamFixture('recreate', { Records: [recreate!] });
    writeStreamFixture('removed-by-hand', { Records: [byHand[1]!] });
    writeStreamFixture('tombstone-removed', { Records: [tombstoneRemoved[2]!] });
    writeStreamFixture('lifecycle', { Records: records });
  });
});
