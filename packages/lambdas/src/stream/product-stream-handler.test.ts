import { eventIdFor } from '@catalog/application';
import { deleteProduct, replaceProduct, type Product, type ProductChange } from '@catalog/domain';
import { aProduct, RecordingProductEventPublisher } from '@catalog/testkit';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ProductStreamHandler } from './product-stream-handler';
import { corruptRecord, lambdaContext, streamHandlerOn, streamRecord } from './stream-records.test-support';

const renamed = (product: Product, name: string): Product =>
  replaceProduct(product, { ...product, name: name as Product['name'] }, new Date('2026-02-01T00:00:00.000Z'))
    .product;

const removal = (before: Product, at = new Date('2026-02-02T00:00:00.000Z')): ProductChange => ({
  kind: 'removed',
  before,
  deletion: deleteProduct(before, at),
});

const setup = () => {
  const publisher = new RecordingProductEventPublisher();
  return { publisher, ...streamHandlerOn(publisher) };
};

const sequenceNumbers = (records: readonly DynamoDBRecord[]) =>
  records.map((record) => ({ itemIdentifier: record.dynamodb!.SequenceNumber! }));

const inserts = (count: number) =>
  Array.from({ length: count }, () => streamRecord({ kind: 'inserted', after: aProduct() }));

describe(ProductStreamHandler, () => {
  it('publishes ProductCreated, ProductUpdated and ProductDeleted for a creation, a replace and a delete', async () => {
    const { handler, publisher, metrics } = setup();
    const product = aProduct();
    const updated = renamed(product, 'Renamed');
    const records = [
      streamRecord({ kind: 'inserted', after: product }, { correlationId: 'corr-create' }),
      streamRecord({ kind: 'modified', before: product, after: updated }, { correlationId: 'corr-rename' }),
      streamRecord(removal(updated, new Date('2026-04-24T03:06:49.321Z')), {
        correlationId: 'corr-delete',
        createdAt: 1_777_000_009,
      }),
    ];

    expect(await handler({ Records: records }, lambdaContext)).toEqual({ batchItemFailures: [] });

    expect(publisher.delivered).toEqual([
      {
        type: 'ProductCreated',
        metadata: {
          eventId: eventIdFor(records[0]!.eventID!),
          eventVersion: '1',
          // The write's own timestamp, to the millisecond (for a removal, the deletion's: below).
          occurredAt: product.updatedAt,
          correlationId: 'corr-create',
          productId: product.id,
          productVersion: 1,
        },
        data: { product },
      },
      {
        type: 'ProductUpdated',
        metadata: expect.objectContaining({ correlationId: 'corr-rename', productVersion: 2 }),
        data: { product: updated, changedFields: ['name'] },
      },
      {
        type: 'ProductDeleted',
        metadata: expect.objectContaining({
          correlationId: 'corr-delete',
          productVersion: 3,
          occurredAt: '2026-04-24T03:06:49.321Z',
        }),
        data: { product: updated },
      },
    ]);
    expect(metrics()).toEqual([{ RecordsIn: 3, EventsPublished: 3, EventsFailed: 0 }]);
  });

  it('skips a MODIFY that changed nothing the product exposes', async () => {
    const { handler, publisher, metrics } = setup();
    const product = aProduct();
    const touched = { ...product, version: 2, updatedAt: '2026-02-01T00:00:00.000Z' };
    const records = [streamRecord({ kind: 'modified', before: product, after: touched })];
    expect(await handler({ Records: records }, lambdaContext)).toEqual({ batchItemFailures: [] });
    expect(publisher.calls).toBe(0);
    expect(metrics()).toEqual([{ RecordsIn: 1, EventsPublished: 0, EventsFailed: 0 }]);
  });

  it('derives the event id from the record, so a redelivered record carries the same id', async () => {
    const { handler, publisher } = setup();
    const record = streamRecord({ kind: 'inserted', after: aProduct() });
    await handler({ Records: [record] }, lambdaContext);
    await handler({ Records: [structuredClone(record)] }, lambdaContext);
    expect(publisher.delivered.map((event) => event.metadata.eventId)).toEqual([
      eventIdFor(record.eventID!),
      eventIdFor(record.eventID!),
    ]);
  });

  it('uses the event id as correlation id when the item carries none', async () => {
    const { handler, publisher } = setup();
    await handler({ Records: inserts(1) }, lambdaContext);
    const { metadata } = publisher.delivered[0]!;
    expect(metadata.correlationId).toBe(metadata.eventId);
  });

  it('keeps the order of each product within a batch', async () => {
    const { handler, publisher } = setup();
    const [a, b] = [aProduct(), aProduct()];
    const a2 = renamed(a, 'A2');
    const a3 = renamed(a2, 'A3');
    const records = [
      streamRecord({ kind: 'inserted', after: a }),
      streamRecord({ kind: 'inserted', after: b }),
      streamRecord({ kind: 'modified', before: a, after: a2 }),
      streamRecord(removal(b)),
      streamRecord({ kind: 'modified', before: a2, after: a3 }),
    ];
    await handler({ Records: records }, lambdaContext);
    expect(
      publisher.delivered.map((e) => `${e.metadata.productId}@${e.metadata.productVersion}:${e.type}`),
    ).toEqual([
      `${a.id}@1:ProductCreated`,
      `${b.id}@1:ProductCreated`,
      `${a.id}@2:ProductUpdated`,
      `${b.id}@2:ProductDeleted`,
      `${a.id}@3:ProductUpdated`,
    ]);
  });

  describe('when a record cannot be read', () => {
    it('publishes the records before it and reports it and every later record', async () => {
      const { handler, publisher, logs, metrics } = setup();
      const secret = aProduct({ name: 'Top secret name' as Product['name'] });
      const records = [...inserts(2), corruptRecord(secret), ...inserts(2)];

      const response = await handler({ Records: records }, lambdaContext);

      expect(response).toEqual({ batchItemFailures: sequenceNumbers(records.slice(2)) });
      expect(publisher.delivered.map((e) => e.metadata.eventId)).toEqual(
        records.slice(0, 2).map((record) => eventIdFor(record.eventID!)),
      );
      const errors = logs().filter((line) => line.level === 'error');
      expect(errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('unreadable stream record'),
          sequenceNumber: records[2]!.dynamodb!.SequenceNumber,
          requestId: 'request-1',
          error: expect.objectContaining({ name: 'StreamRecordError' }),
        }),
      ]);
      expect(JSON.stringify(logs())).not.toContain('Top secret name');
      expect(metrics()).toEqual([{ RecordsIn: 5, EventsPublished: 2, EventsFailed: 0 }]);
    });

    it('reports the whole batch when the first record is unreadable', async () => {
      const { handler, publisher } = setup();
      const records = [corruptRecord(aProduct()), ...inserts(1)];
      expect(await handler({ Records: records }, lambdaContext)).toEqual({
        batchItemFailures: sequenceNumbers(records),
      });
      expect(publisher.calls).toBe(0);
    });

    it('reports from the earlier of the unreadable record and the first undelivered one', async () => {
      const { handler, publisher } = setup();
      const records = [...inserts(4), corruptRecord(aProduct()), ...inserts(1)];
      const refused = eventIdFor(records[1]!.eventID!);
      publisher.rejectWhen((event) => (event.metadata.eventId === refused ? 'InternalFailure' : undefined));
      expect(await handler({ Records: records }, lambdaContext)).toEqual({
        batchItemFailures: sequenceNumbers(records.slice(1)),
      });
    });
  });

  describe('when events cannot be delivered', () => {
    it('reports every record from the first one whose event was not delivered, and counts right', async () => {
      const { handler, publisher, logs, metrics } = setup();
      const records = inserts(5);
      const refused = eventIdFor(records[2]!.eventID!);
      publisher.rejectWhen((event) =>
        event.metadata.eventId === refused ? 'ThrottlingException' : undefined,
      );

      const response = await handler({ Records: records }, lambdaContext);

      expect(response).toEqual({ batchItemFailures: sequenceNumbers(records.slice(2)) });
      // Two delivered; one refused by the bus; two never attempted (they are retried, not failed).
      expect(metrics()).toEqual([{ RecordsIn: 5, EventsPublished: 2, EventsFailed: 1 }]);
      expect(logs().find((line) => line.level === 'warn')).toMatchObject({
        published: 2,
        failed: 1,
        notAttempted: 2,
        firstFailedSequenceNumber: records[2]!.dynamodb!.SequenceNumber,
        retried: 3,
      });
    });

    it('reports from the undelivered record, not from a skipped record before it', async () => {
      const { handler, publisher } = setup();
      const product = aProduct();
      const records = [
        streamRecord({ kind: 'inserted', after: aProduct() }),
        streamRecord({ kind: 'modified', before: product, after: { ...product, version: 2 } }),
        streamRecord({ kind: 'inserted', after: aProduct() }),
      ];
      const refused = eventIdFor(records[2]!.eventID!);
      publisher.rejectWhen((event) => (event.metadata.eventId === refused ? 'InternalFailure' : undefined));
      expect(await handler({ Records: records }, lambdaContext)).toEqual({
        batchItemFailures: sequenceNumbers(records.slice(2)),
      });
    });
  });

  it('handles an empty batch without publishing', async () => {
    const { handler, publisher, metrics } = setup();
    expect(await handler({ Records: [] }, lambdaContext)).toEqual({ batchItemFailures: [] });
    expect(publisher.calls).toBe(0);
    expect(metrics()).toEqual([{ RecordsIn: 0, EventsPublished: 0, EventsFailed: 0 }]);
  });

  it('logs an unexpected error, flushes the metrics and fails the invocation', async () => {
    const { handler, logs, metrics } = streamHandlerOn({
      publish: () => Promise.reject(new Error('publisher bug')),
    });
    await expect(handler({ Records: inserts(2) }, lambdaContext)).rejects.toThrow('publisher bug');
    expect(logs().find((line) => line.level === 'error')).toMatchObject({
      message: 'stream batch failed',
      error: expect.objectContaining({ message: 'publisher bug' }),
    });
    expect(metrics()).toEqual([{ RecordsIn: 2 }]);
  });
});
