import { deleteProduct, replaceProduct, type Product } from '@catalog/domain';
import { aProduct } from '@catalog/testkit';
import { describe, expect, it } from 'vitest';
import { eventIdFor } from './event-id';
import { PublishProductChanges, type ProductChangeRecord } from './publish-product-changes';
import { fakeWorld } from './use-cases.test-support';

const setup = () => {
  const world = fakeWorld();
  world.container.bind(PublishProductChanges).toSelf();
  return { ...world, publish: world.container.get(PublishProductChanges) };
};

let sequence = 0;
const record = (change: ProductChangeRecord['change'], correlationId?: string): ProductChangeRecord => {
  sequence++;
  return {
    recordId: `seq-${sequence}`,
    sourceId: `event-${sequence}`,
    change,
    ...(correlationId === undefined ? {} : { correlationId }),
  };
};

const renamed = (product: Product, name: string): Product =>
  replaceProduct(product, { ...product, name: name as Product['name'] }, new Date('2026-05-02T00:00:00.000Z'))
    .product;

describe(PublishProductChanges, () => {
  it('publishes Created, Updated and Deleted events with metadata, in record order', async () => {
    // occurredAt: the write's own exact time (updatedAt, or the deletion's time); productVersion: the
    // version the change produced, for a deletion the deletion's own.
    const { publish, publisher } = setup();
    const product = aProduct();
    const updated = renamed(product, 'Renamed');
    const deletion = deleteProduct(updated, new Date('2026-05-03T09:15:30.456Z'));
    const records = [
      record({ kind: 'inserted', after: product }, 'corr-1'),
      record({ kind: 'modified', before: product, after: updated }, 'corr-2'),
      record({ kind: 'removed', before: updated, deletion }, 'corr-3'),
    ];

    expect(await publish.execute(records)).toEqual({ published: 3, skipped: 0, failed: 0, notAttempted: 0 });
    expect(publisher.delivered).toEqual([
      {
        type: 'ProductCreated',
        metadata: {
          eventId: eventIdFor(records[0]!.sourceId),
          eventVersion: '1',
          occurredAt: product.updatedAt,
          correlationId: 'corr-1',
          productId: product.id,
          productVersion: 1,
        },
        data: { product },
      },
      expect.objectContaining({
        type: 'ProductUpdated',
        metadata: expect.objectContaining({
          correlationId: 'corr-2',
          productVersion: 2,
          occurredAt: '2026-05-02T00:00:00.000Z',
        }),
        data: { product: updated, changedFields: ['name'] },
      }),
      expect.objectContaining({
        type: 'ProductDeleted',
        metadata: expect.objectContaining({
          correlationId: 'corr-3',
          productVersion: 3,
          occurredAt: '2026-05-03T09:15:30.456Z',
        }),
        data: { product: updated },
      }),
    ]);
    const versions = publisher.delivered.map((event) => event.metadata.productVersion);
    expect(versions).toEqual([1, 2, 3]);
    // Only an update names changed fields; the other events carry no such key at all.
    expect(publisher.delivered.map((event) => Object.keys(event.data))).toEqual([
      ['product'],
      ['product', 'changedFields'],
      ['product'],
    ]);
  });

  it('skips a record that concerns no product', async () => {
    const { publish, publisher } = setup();
    expect(
      await publish.execute([record(undefined), record({ kind: 'inserted', after: aProduct() })]),
    ).toEqual({ published: 1, skipped: 1, failed: 0, notAttempted: 0 });
    expect(publisher.delivered).toHaveLength(1);
  });

  it('skips a modification that changed nothing a consumer sees, and calls no publisher for none', async () => {
    const { publish, publisher } = setup();
    const product = aProduct();
    const touched = { ...product, version: 2 };
    expect(await publish.execute([record({ kind: 'modified', before: product, after: touched })])).toEqual({
      published: 0,
      skipped: 1,
      failed: 0,
      notAttempted: 0,
    });
    expect(publisher.calls).toBe(0);
  });

  it('gives a redelivered record the same event id', async () => {
    const { publish, publisher } = setup();
    const same = record({ kind: 'inserted', after: aProduct() });
    await publish.execute([same]);
    await publish.execute([same]);
    expect(publisher.delivered[0]!.metadata.eventId).toBe(publisher.delivered[1]!.metadata.eventId);
  });

  it('falls back to the event id when the write carried no correlation id', async () => {
    const { publish, publisher } = setup();
    await publish.execute([record({ kind: 'inserted', after: aProduct() })]);
    const { metadata } = publisher.delivered[0]!;
    expect(metadata.correlationId).toBe(metadata.eventId);
  });

  describe('when an event cannot be delivered', () => {
    it('reports the first record whose event failed, counting failed and unattempted events apart', async () => {
      const { publish, publisher } = setup();
      const products = [aProduct(), aProduct(), aProduct(), aProduct()];
      const records = [
        record({ kind: 'inserted', after: products[0]! }),
        record({ kind: 'modified', before: products[1]!, after: { ...products[1]!, version: 2 } }),
        record({ kind: 'inserted', after: products[2]! }),
        record({ kind: 'inserted', after: products[3]! }),
      ];
      publisher.rejectWhen((event) =>
        event.metadata.productId === products[2]!.id ? 'InternalFailure' : undefined,
      );

      expect(await publish.execute(records)).toEqual({
        published: 1,
        skipped: 1,
        failed: 1,
        notAttempted: 1,
        firstFailedRecordId: records[2]!.recordId,
      });
      expect(publisher.delivered.map((event) => event.metadata.productId)).toEqual([products[0]!.id]);
    });

    it('counts every event after the failed one as not attempted', async () => {
      const { publish, publisher } = setup();
      const products = [aProduct(), aProduct(), aProduct(), aProduct()];
      const records = products.map((product) => record({ kind: 'inserted', after: product }));
      publisher.rejectWhen((event) =>
        event.metadata.productId === products[1]!.id ? 'InternalFailure' : undefined,
      );
      expect(await publish.execute(records)).toEqual({
        published: 1,
        skipped: 0,
        failed: 1,
        notAttempted: 2,
        firstFailedRecordId: records[1]!.recordId,
      });
    });

    it('reports the earliest record even when the publisher lists failures out of order', async () => {
      const records = [
        record({ kind: 'inserted', after: aProduct() }),
        record({ kind: 'inserted', after: aProduct() }),
      ];
      const reversed = new PublishProductChanges({
        publish: (events) =>
          Promise.resolve({
            failed: [...events].reverse().map((event) => ({
              eventId: event.metadata.eventId,
              errorCode: 'InternalFailure',
              errorMessage: 'x',
            })),
          }),
      });
      expect((await reversed.execute(records)).firstFailedRecordId).toBe(records[0]!.recordId);
    });

    it('refuses a publisher that reports an event it was not given', async () => {
      const liar = new PublishProductChanges({
        publish: () => Promise.resolve({ failed: [{ eventId: 'who', errorCode: 'X', errorMessage: 'x' }] }),
      });
      await expect(liar.execute([record({ kind: 'inserted', after: aProduct() })])).rejects.toThrow(
        /unknown event id who/,
      );
    });
  });
});
