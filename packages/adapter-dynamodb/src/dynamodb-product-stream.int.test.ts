// Reads the products table's real stream (DynamoDB Streams API on DynamoDB Local) after a product's whole
// life, and checks what the stream processor will see. With CATALOG_RECORD_STREAM_FIXTURES=1 it also
// re-records the JSON fixtures in packages/testkit/src/dynamodb/fixtures/:
//   CATALOG_RECORD_STREAM_FIXTURES=1 pnpm test:int packages/adapter-dynamodb/src/dynamodb-product-stream.int.test.ts
import { eventDataFor, type Product } from '@catalog/domain';
import { aRandomProduct } from '@catalog/testkit';
import { useDynamoDbTable, writeStreamFixture } from '@catalog/testkit/dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbProductRepository } from './dynamodb-product-repository';
import { readStreamOf, TEST_CURSOR_KEY, useDocumentClient } from './integration.test-support';
import { parseProductStreamRecord } from './product-stream-record';
import { productsTableDefinition } from './table-definitions';

const table = useDynamoDbTable(productsTableDefinition, { prefix: 'products-stream' });
const client = useDocumentClient(table);
const recording = process.env.CATALOG_RECORD_STREAM_FIXTURES === '1';

describe('the products table stream', () => {
  const created = aRandomProduct();
  const replaced = {
    ...created,
    name: 'Renamed product',
    price: { ...created.price, amount: created.price.amount + 50 },
    version: 2,
    updatedAt: '2026-01-02T00:00:00.000Z',
  } as Product;
  let records: Awaited<ReturnType<typeof readStreamOf>>;

  beforeAll(async () => {
    const repository = new DynamoDbProductRepository(client(), table.name, TEST_CURSOR_KEY);
    await repository.put(created, { correlationId: 'corr-create' }, { createOnly: true });
    await repository.put(replaced, { correlationId: 'corr-replace' }, { expectedVersion: 1 });
    // A no-op replace: the very same item again. DynamoDB writes no stream record for it.
    await repository.put(replaced, { correlationId: 'corr-replace' });
    await repository.delete(created.id, { correlationId: 'corr-delete' });
    records = await readStreamOf(table, created.id, 4);
    // Anything late would show up now; the no-op replace must not.
    records = await readStreamOf(table, created.id, 5, 500);
  });

  it('holds exactly INSERT, MODIFY, MODIFY (the delete stamp), REMOVE, with both images', () => {
    expect(records.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'MODIFY', 'REMOVE']);
    for (const record of records) {
      expect(record.dynamodb.StreamViewType).toBe('NEW_AND_OLD_IMAGES');
      expect(record.dynamodb.Keys).toEqual({ id: { S: created.id } });
    }
    expect(records[0]!.dynamodb.OldImage).toBeUndefined();
    expect(records[3]!.dynamodb.NewImage).toBeUndefined();
  });

  it('reads the INSERT as the created product, with the creating request id', () => {
    expect(parseProductStreamRecord(records[0])).toMatchObject({
      correlationId: 'corr-create',
      change: { kind: 'inserted', after: created },
    });
  });

  it('reads the replace as a modification from the old to the new product', () => {
    const change = parseProductStreamRecord(records[1]);
    expect(change).toMatchObject({
      correlationId: 'corr-replace',
      change: { kind: 'modified', before: created, after: replaced },
    });
    expect(eventDataFor(change.change)).toMatchObject({
      type: 'ProductUpdated',
      changedFields: ['name', 'price'],
    });
  });

  it('reads the delete stamp as a modification that is worth no event', () => {
    const change = parseProductStreamRecord(records[2]);
    expect(change).toMatchObject({
      correlationId: 'corr-delete',
      change: { kind: 'modified', before: replaced, after: replaced },
    });
    expect(eventDataFor(change.change)).toBeUndefined();
  });

  it('reads the REMOVE as the removed product, carrying the deleting request id', () => {
    expect(parseProductStreamRecord(records[3])).toMatchObject({
      correlationId: 'corr-delete',
      change: { kind: 'removed', before: replaced },
    });
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
    const [insert, replace, stamp, remove] = records;
    writeStreamFixture('insert', { Records: [insert!] });
    writeStreamFixture('replace', { Records: [replace!] });
    writeStreamFixture('metadata-only', { Records: [stamp!] });
    writeStreamFixture('delete', { Records: [remove!] });
    writeStreamFixture('lifecycle', { Records: records });
  });
});
