import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { eventIdFor } from '@catalog/application';
import {
  deleteProduct,
  ISO_4217_CODES,
  PRODUCT_EVENT_TYPES,
  PRODUCT_FIELDS,
  ProductId,
  type Product,
  type ProductChange,
  type ProductEventType,
} from '@catalog/domain';
import { loadStreamFixture, STREAM_FIXTURE_NAMES, type StreamFixtureName } from '@catalog/testkit/dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detailValidators, loadSchema } from './event-schemas.test-support';
import { lambdaContext, streamRecord } from './stream-records.test-support';
import { functionOnStubbedBus, TRACE_HEADER } from './stubbed-bus.test-support';

// The contract with consumers: a stored change becomes an event, the event a PutEvents entry, and every
// entry's Detail validates against the published schema of its DetailType (docs/events).
const validators = detailValidators();

// What each recorded fixture is worth: a removed tombstone concerns no product and is worth nothing.
const EXPECTED_TYPES: Record<StreamFixtureName, ProductEventType[]> = {
  insert: ['ProductCreated'],
  replace: ['ProductUpdated'],
  delete: ['ProductDeleted'],
  recreate: ['ProductCreated'],
  lifecycle: ['ProductCreated', 'ProductUpdated', 'ProductDeleted', 'ProductCreated', 'ProductUpdated'],
  'removed-by-hand': ['ProductDeleted'],
  'tombstone-removed': [],
};

const expectValid = (entry: PutEventsRequestEntry): void => {
  const validate = validators[entry.DetailType as ProductEventType];
  expect(validate, `no schema for ${String(entry.DetailType)}`).toBeDefined();
  const valid = validate(JSON.parse(entry.Detail ?? 'null'));
  expect(validate.errors ?? [], entry.Detail).toEqual([]);
  expect(valid).toBe(true);
};

describe('product events contract', () => {
  describe.each(STREAM_FIXTURE_NAMES)('recorded stream fixture "%s"', (name) => {
    it('becomes PutEvents entries whose details validate against their schemas', async () => {
      const { handler, entries } = functionOnStubbedBus({ EVENT_SOURCE: 'acme.catalog' });
      const { Records } = loadStreamFixture(name);
      const records = Records as unknown as DynamoDBRecord[];

      expect(await handler({ Records: records }, lambdaContext)).toEqual({ batchItemFailures: [] });

      expect(entries.map((entry) => entry.DetailType)).toEqual(EXPECTED_TYPES[name]);
      for (const entry of entries) {
        expectValid(entry);
        const { metadata } = JSON.parse(entry.Detail!) as {
          metadata: { occurredAt: string; eventId: string };
        };
        expect(entry).toMatchObject({
          Source: 'acme.catalog',
          EventBusName: 'catalog-test-bus',
          Time: new Date(metadata.occurredAt),
          TraceHeader: TRACE_HEADER,
        });
        expect(records.map((record) => eventIdFor(record.eventID!))).toContain(metadata.eventId);
      }
    });
  });

  it('orders a recorded whole life strictly by productVersion, so the consumer rule loses no event', async () => {
    const { handler, entries } = functionOnStubbedBus();
    const { Records } = loadStreamFixture('lifecycle');
    await handler({ Records: Records as unknown as DynamoDBRecord[] }, lambdaContext);
    const metadata = entries.map(
      (entry) =>
        (JSON.parse(entry.Detail!) as { metadata: { productVersion: number; occurredAt: string } }).metadata,
    );
    expect(metadata.map((m) => m.productVersion)).toEqual([1, 2, 3, 4, 5]);
    // docs/events/README.md: "ignore an event whose productVersion is not newer than the last one applied".
    let last = 0;
    const applied = metadata.filter((m) =>
      m.productVersion > last ? ((last = m.productVersion), true) : false,
    );
    expect(applied).toHaveLength(5);
    const times = metadata.map((m) => Date.parse(m.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('validates every event produced from any valid product change', async () => {
    // Code points, as the domain counts them; graphemes can hold several.
    const atMost = (max: number) => (s: string) => Array.from(s).slice(0, max).join('');
    const product = fc
      .record({
        id: fc.uuid({ version: [4, 7] }),
        name: fc
          .string({ unit: 'grapheme', minLength: 1, maxLength: 100 })
          .map((s) => atMost(100)(s.replace(/\p{Cc}/gu, '')).trim())
          .filter((s) => s.length > 0),
        description: fc.option(
          fc
            .string({ unit: 'grapheme', maxLength: 2000 })
            .map((s) => atMost(2000)(s.replace(/[^\P{Cc}\t\n\r]/gu, ''))),
          { nil: undefined },
        ),
        amount: fc.integer({ min: 0, max: 1_000_000_000 }),
        currency: fc.constantFrom(...ISO_4217_CODES),
        version: fc.integer({ min: 1, max: 1_000_000 }),
        createdAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
      })
      .map((raw): Product => ({
        id: ProductId.parse(raw.id),
        name: raw.name as Product['name'],
        ...(raw.description === undefined
          ? {}
          : { description: raw.description as NonNullable<Product['description']> }),
        price: { amount: raw.amount, currency: raw.currency as Product['price']['currency'] },
        version: raw.version,
        createdAt: raw.createdAt.toISOString(),
        updatedAt: raw.createdAt.toISOString(),
      }));
    const change = fc.oneof(
      product.map((after): ProductChange => ({ kind: 'inserted', after })),
      fc
        .tuple(
          product,
          fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        )
        .map(([before, at]): ProductChange => ({
          kind: 'removed',
          before,
          deletion: deleteProduct(before, at),
        })),
      fc.tuple(product, product).map(([before, other]): ProductChange => ({
        kind: 'modified',
        before,
        after: { ...other, id: before.id, version: before.version + 1, createdAt: before.createdAt },
      })),
    );
    const correlationId = fc.option(fc.stringMatching(/^[A-Za-z0-9._:-]{1,128}$/), { nil: undefined });

    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(change, correlationId), { maxLength: 25 }), async (changes) => {
        const { handler, entries } = functionOnStubbedBus();
        const records = changes.map(([c, id]) =>
          streamRecord(c, id === undefined ? {} : { correlationId: id }),
        );
        expect(await handler({ Records: records }, lambdaContext)).toEqual({ batchItemFailures: [] });
        entries.forEach(expectValid);
      }),
      { numRuns: 60 },
    );
  });

  describe('the schemas', () => {
    it('exist for every detail type and share one definition of the product and the metadata', () => {
      const defs = PRODUCT_EVENT_TYPES.map((type) => loadSchema(type).$defs);
      expect(defs[1]).toEqual(defs[0]);
      expect(defs[2]).toEqual(defs[0]);
      expect(loadSchema('ProductUpdated')).toMatchObject({
        properties: { data: { properties: { changedFields: { items: { enum: PRODUCT_FIELDS } } } } },
      });
    });

    it('refuse details that are not what the service produces', async () => {
      const { handler, entries } = functionOnStubbedBus();
      const product: Product = {
        id: ProductId.parse('0b6f2f5e-3a8c-4b7e-9d2a-5c1e7f9a3b4d'),
        name: 'Cup' as Product['name'],
        price: { amount: 450, currency: 'EUR' as Product['price']['currency'] },
        version: 1,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      };
      await handler({ Records: [streamRecord({ kind: 'inserted', after: product })] }, lambdaContext);
      const detail = JSON.parse(entries[0]!.Detail!) as {
        metadata: Record<string, unknown>;
        data: Record<string, unknown>;
      };
      const invalid = [
        { ...detail, extra: true },
        { ...detail, metadata: { ...detail.metadata, eventVersion: '2' } },
        { ...detail, metadata: { ...detail.metadata, eventId: 'not-a-uuid' } },
        { ...detail, data: { product: { ...product, name: ' padded ' } } },
        { ...detail, data: { product: { ...product, price: { amount: 1.5, currency: 'EUR' } } } },
        { ...detail, data: { product: { ...product, sku: 'x' } } },
      ];
      for (const candidate of invalid) expect(validators.ProductCreated(candidate)).toBe(false);
      const update = { ...detail, data: { product, changedFields: ['name', 'colour'] } };
      expect(validators.ProductUpdated(update)).toBe(false);
      expect(validators.ProductUpdated({ ...detail, data: { product } })).toBe(false);
      expect(validators.ProductCreated(detail)).toBe(true);
    });
  });
});
