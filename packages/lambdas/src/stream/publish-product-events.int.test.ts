import { PassThrough } from 'node:stream';
import { eventIdFor } from '@catalog/application';
import { deleteProduct, replaceProduct, type Product } from '@catalog/domain';
import { aRandomProduct } from '@catalog/testkit';
import { LocalEventBridge, type ReceivedEntry } from '@catalog/testkit/eventbridge';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPublishProductEventsHandler, publishProductEventsPorts } from './publish-product-events-root';
import type { DynamoDbStreamHandler } from './product-stream-handler';
import { lambdaContext, streamRecord } from './stream-records.test-support';

// The function as deployed (composition root, real SDK client over HTTP) against the local PutEvents
// endpoint with injected faults, driven the way Lambda drives it: batches in stream order, and after a
// partial failure the next batch starts at the first reported record (the checkpoint).
const bus = new LocalEventBridge();
let handler: DynamoDbStreamHandler;

beforeAll(async () => {
  const endpoint = await bus.start();
  const ports = publishProductEventsPorts(
    {
      EVENT_BUS_NAME: 'catalog-local',
      EVENTBRIDGE_ENDPOINT: endpoint,
      AWS_REGION: 'eu-west-1',
      LOG_LEVEL: 'error',
    },
    // Short backoff keeps the test fast; attempts stay at the default.
    {
      logStream: new PassThrough(),
      writeMetrics: () => undefined,
      eventBridge: { retry: { baseDelayMs: 1, maxDelayMs: 4 } },
    },
  );
  handler = createPublishProductEventsHandler(ports);
});
afterAll(async () => {
  await bus.stop();
});
beforeEach(() => {
  bus.reset();
});

/** A product's history: created, renamed twice, touched without a visible change, sometimes deleted. */
const history = (product: Product, index: number): DynamoDBRecord[] => {
  const at = new Date('2026-03-01T00:00:00.000Z');
  const v2 = replaceProduct(
    product,
    { ...product, name: `${product.name} II` as Product['name'] },
    at,
  ).product;
  const v3 = replaceProduct(v2, { ...v2, price: { ...v2.price, amount: v2.price.amount + 1 } }, at).product;
  const records = [
    streamRecord({ kind: 'inserted', after: product }, { correlationId: `create-${index}` }),
    streamRecord({ kind: 'modified', before: product, after: v2 }),
    streamRecord({ kind: 'modified', before: v2, after: v3 }),
    streamRecord({ kind: 'modified', before: v3, after: { ...v3 } }),
  ];
  return index % 3 === 0
    ? [...records, streamRecord({ kind: 'removed', before: v3, deletion: deleteProduct(v3, at) })]
    : records;
};

/** Interleaves the histories (a shard holds many products) keeping each product's own order. */
const interleave = (histories: DynamoDBRecord[][]): DynamoDBRecord[] => {
  const queues = histories.map((records) => [...records]);
  const stream: DynamoDBRecord[] = [];
  for (let turn = 0; queues.some((queue) => queue.length > 0); turn++) {
    const queue = queues[(turn * 7) % queues.length]!;
    const next = queue.shift();
    if (next) stream.push(next);
  }
  // Sequence numbers must grow along the shard, as DynamoDB assigns them.
  return stream.map((record, i) => ({
    ...record,
    dynamodb: { ...record.dynamodb, SequenceNumber: String(9_000_000 + i).padStart(21, '0') },
  }));
};

/** Lambda's event source mapping on one shard: batches from the checkpoint, retried from the first failure. */
const drive = async (stream: readonly DynamoDBRecord[], batchSize: number) => {
  const reportedFailed = new Map<string, number>();
  let checkpoint = 0;
  let invocations = 0;
  while (checkpoint < stream.length) {
    if (++invocations > 100) throw new Error('the stream did not drain');
    const batch = stream.slice(checkpoint, checkpoint + batchSize);
    const { batchItemFailures } = await handler({ Records: batch }, lambdaContext);
    for (const { itemIdentifier } of batchItemFailures) {
      reportedFailed.set(itemIdentifier, (reportedFailed.get(itemIdentifier) ?? 0) + 1);
    }
    const failedAt =
      batchItemFailures.length === 0
        ? batch.length
        : Math.min(
            ...batchItemFailures.map(({ itemIdentifier }) =>
              batch.findIndex((record) => record.dynamodb?.SequenceNumber === itemIdentifier),
            ),
          );
    expect(failedAt).toBeGreaterThanOrEqual(0);
    checkpoint += failedAt;
  }
  return { reportedFailed, invocations };
};

describe('publish-product-events over HTTP with Lambda checkpointing', () => {
  it('delivers every event through partial failures and throttling, duplicating only retried records', async () => {
    const products = Array.from({ length: 24 }, () => aRandomProduct());
    const stream = interleave(products.map(history));
    const worthAnEvent = stream.filter((record) => record.eventName !== 'MODIFY' || !isNoOp(record));
    const eventIdOfRecord = new Map(stream.map((record) => [eventIdFor(record.eventID!), record]));
    // Faults: two throttled calls up front; one entry in five refused on its first five attempts (more than
    // one invocation's retries), so Lambda must retry its record; one in two refused once.
    const bucket = (entry: ReceivedEntry) =>
      parseInt((entry.detail.metadata as { eventId: string }).eventId.slice(-4), 16) % 10;
    bus.throttleNextCalls(2);
    bus.failEntries({
      when: (entry) => entry.attempt <= 5 && bucket(entry) < 2,
      errorCode: 'InternalFailure',
    });
    bus.failEntries({
      when: (entry) => entry.attempt === 1 && bucket(entry) >= 5,
      errorCode: 'ThrottlingException',
    });

    const { reportedFailed, invocations } = await drive(stream, 50);

    const deliveries = new Map<string, number>();
    for (const event of bus.events()) {
      const { eventId } = event.detail.metadata as { eventId: string };
      deliveries.set(eventId, (deliveries.get(eventId) ?? 0) + 1);
    }
    // No event lost, none invented.
    expect([...deliveries.keys()].sort()).toEqual(
      worthAnEvent.map((record) => eventIdFor(record.eventID!)).sort(),
    );
    // A record is delivered more than once only if Lambda had to retry it, at most once per retry.
    for (const [eventId, count] of deliveries) {
      const sequenceNumber = eventIdOfRecord.get(eventId)!.dynamodb!.SequenceNumber!;
      expect(count).toBeLessThanOrEqual(1 + (reportedFailed.get(sequenceNumber) ?? 0));
    }
    const neverReported = worthAnEvent.filter(
      (record) => !reportedFailed.has(record.dynamodb!.SequenceNumber!),
    );
    expect(neverReported.length).toBeGreaterThan(0);
    for (const record of neverReported) expect(deliveries.get(eventIdFor(record.eventID!))).toBe(1);
    // Per product, versions never go backwards in delivery order.
    for (const product of products) {
      const versions = bus
        .events({ productId: product.id })
        .map((event) => (event.detail.metadata as { productVersion: number }).productVersion);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
    }
    expect(reportedFailed.size).toBeGreaterThan(0);
    expect(invocations).toBeGreaterThan(Math.ceil(stream.length / 50));
  });

  it('publishes each record of a fault-free stream exactly once, in ceil(n/10) calls per batch', async () => {
    const stream = interleave(
      Array.from({ length: 30 }, () => [streamRecord({ kind: 'inserted', after: aRandomProduct() })]),
    );
    const { invocations } = await drive(stream, 30);
    expect(invocations).toBe(1);
    expect(bus.events()).toHaveLength(30);
    expect(bus.calls).toHaveLength(3);
  });
});

function isNoOp(record: DynamoDBRecord): boolean {
  const { NewImage, OldImage } = record.dynamodb ?? {};
  return NewImage?.version?.N === OldImage?.version?.N;
}
