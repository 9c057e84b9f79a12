import { PassThrough } from 'node:stream';
import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandInput,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { PostgresClient, PostgresProductRepository } from '@catalog/adapter-postgres';
import { migrate } from '@catalog/adapter-postgres/migrations';
import { eventIdFor } from '@catalog/application';
import {
  parseProductDetails,
  ProductId,
  StoreUnavailableError,
  type ProductEventType,
} from '@catalog/domain';
import { InMemoryListCursors } from '@catalog/testkit';
import { usePostgresDatabase } from '@catalog/testkit/postgres';
import { mockClient } from 'aws-sdk-client-mock';
import pg from 'pg';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { detailValidators } from '../stream/event-schemas.test-support';
import { lambdaContext, streamRecord } from '../stream/stream-records.test-support';
import { functionOnStubbedBus, TRACE_HEADER } from '../stream/stubbed-bus.test-support';
import { outboxSourceId } from './outbox-records';
import { createOutboxRelay, relayProductOutboxPorts } from './relay-product-outbox-root';

const database = usePostgresDatabase(async (url) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await migrate(client).finally(() => client.end());
}, 'relay');

const validators = detailValidators();
const context = { correlationId: 'relay-test' };
const details = (name: string) => parseProductDetails({ name, price: { amount: 250, currency: 'EUR' } });

interface Bus {
  readonly entries: PutEventsRequestEntry[];
  /** Runs after each accepted PutEvents call, before its answer reaches the relay. */
  afterPut?: (() => Promise<void>) | undefined;
}

const closing: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const closable of closing) await closable.close().catch(() => undefined);
});

/** relay-product-outbox as its root builds it from the environment, on a stubbed EventBridge client. */
const relayOnStubbedBus = () => {
  const client = new EventBridgeClient({ region: 'eu-west-1' });
  const bus: Bus = { entries: [] };
  mockClient(client)
    .on(PutEventsCommand)
    .callsFake(async (input: PutEventsCommandInput) => {
      const sent = input.Entries ?? [];
      bus.entries.push(...sent);
      await bus.afterPut?.();
      return { FailedEntryCount: 0, Entries: sent.map((_, i) => ({ EventId: `id-${i}` })) };
    });
  const ports = relayProductOutboxPorts(
    {
      PERSISTENCE: 'postgres',
      POSTGRES_URL: database.url,
      EVENT_BUS_NAME: 'catalog-test-bus',
      LOG_LEVEL: 'error',
    },
    {
      logStream: new PassThrough(),
      writeMetrics: () => undefined,
      eventBridge: { client, traceHeader: () => TRACE_HEADER },
    },
  );
  const { relay, handler } = createOutboxRelay(ports);
  return { relay, handler, bus };
};

const repository = () => {
  const parsed = new URL(database.url);
  const client = new PostgresClient(
    {
      host: parsed.hostname,
      port: Number(parsed.port),
      database: parsed.pathname.slice(1),
      user: decodeURIComponent(parsed.username),
      auth: { kind: 'password', password: decodeURIComponent(parsed.password) },
      ssl: 'disable',
    },
    { maxConnections: 5 },
  );
  closing.push(client);
  return new PostgresProductRepository(client, new InMemoryListCursors());
};

const positions = () =>
  (async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (
        await client.query<{ position: string }>(
          'SELECT position::text FROM product_outbox ORDER BY position',
        )
      ).rows.map((row) => row.position);
    } finally {
      await client.end();
    }
  })();

const detailOf = (entry: PutEventsRequestEntry) =>
  JSON.parse(entry.Detail ?? 'null') as {
    metadata: { eventId: string; productId: string; productVersion: number };
  };

describe('relay-product-outbox', () => {
  beforeEach(async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('TRUNCATE product_outbox, products RESTART IDENTITY').finally(() => client.end());
  });

  it('publishes each change once, in order, with event ids derived from the outbox row, validating against the schemas', async () => {
    const products = repository();
    const id = ProductId.parse(crypto.randomUUID());
    await products.create(id, details('Cup'), new Date(), context);
    await products.replace(id, details('Mug'), new Date(), context, { expectedVersion: 1 });
    await products.delete(id, new Date(), context);
    const { relay, bus } = relayOnStubbedBus();
    expect(await relay.pass()).toEqual({ claimed: 3, published: 3, refused: false });
    expect(bus.entries.map((entry) => entry.DetailType)).toEqual([
      'ProductCreated',
      'ProductUpdated',
      'ProductDeleted',
    ]);
    expect(bus.entries.map((entry) => detailOf(entry).metadata.eventId)).toEqual(
      (await positions()).map((position) => eventIdFor(outboxSourceId(position))),
    );
    for (const entry of bus.entries) {
      const validate = validators[entry.DetailType as ProductEventType];
      expect(validate(JSON.parse(entry.Detail!)), JSON.stringify(validate.errors)).toBe(true);
      expect(entry).toMatchObject({
        Source: 'catalog.products',
        EventBusName: 'catalog-test-bus',
        TraceHeader: TRACE_HEADER,
      });
    }
    expect(await relay.pass()).toMatchObject({ claimed: 0 });
  });

  it('produces the same events as the stream path for the same changes (but for the event id)', async () => {
    const products = repository();
    const id = ProductId.parse(crypto.randomUUID());
    const created = await products.create(id, details('Lamp'), new Date(), context);
    const { product: updated } = await products.replace(id, details('Lamp XL'), new Date(), context, {
      expectedVersion: 1,
    });
    const { relay, bus } = relayOnStubbedBus();
    await relay.pass();

    const stream = functionOnStubbedBus();
    await stream.handler(
      {
        Records: [
          streamRecord({ kind: 'inserted', after: created }, { correlationId: context.correlationId }),
          streamRecord(
            { kind: 'modified', before: created, after: updated },
            { correlationId: context.correlationId },
          ),
        ],
      },
      lambdaContext,
    );
    const normalized = (entries: readonly PutEventsRequestEntry[]) =>
      entries.map((entry) => {
        const detail = detailOf(entry);
        return {
          ...entry,
          Detail: JSON.stringify({ ...detail, metadata: { ...detail.metadata, eventId: 'x' } }),
        };
      });
    expect(normalized(bus.entries)).toEqual(normalized(stream.entries));
  });

  it('republishes with the same event ids when the relay dies between PutEvents and marking', async () => {
    const products = repository();
    for (let i = 0; i < 3; i++)
      await products.create(ProductId.parse(crypto.randomUUID()), details(`P${i}`), new Date(), context);
    const { relay, bus } = relayOnStubbedBus();
    bus.afterPut = async () => {
      bus.afterPut = undefined;
      // The relay's connection dies while PutEvents answers: the marking transaction never commits.
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      await admin
        .query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'catalog' AND datname = current_database() AND state = 'idle in transaction'",
        )
        .finally(() => admin.end());
    };
    await expect(relay.pass()).rejects.toBeInstanceOf(StoreUnavailableError);
    const first = bus.entries.map((entry) => detailOf(entry).metadata.eventId);
    expect(first).toHaveLength(3);
    expect(await relay.pass()).toEqual({ claimed: 3, published: 3, refused: false });
    expect(bus.entries.slice(3).map((entry) => detailOf(entry).metadata.eventId)).toEqual(first);
  });

  it('drains during its invocation and stops before the invocation ends', async () => {
    const products = repository();
    const { handler, bus } = relayOnStubbedBus();
    let remaining = 7_000;
    const done = handler(
      {},
      { ...lambdaContext, functionName: 'relay-product-outbox', getRemainingTimeInMillis: () => remaining },
    );
    await products.create(ProductId.parse(crypto.randomUUID()), details('Late'), new Date(), context);
    for (let i = 0; i < 100 && bus.entries.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    remaining = 4_000;
    expect(await done).toMatchObject({ published: 1, refused: 0 });
    expect(bus.entries).toHaveLength(1);
  });
});
