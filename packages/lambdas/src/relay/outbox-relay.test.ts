import { PassThrough } from 'node:stream';
import type { OutboxEntry, RelayDecision } from '@catalog/adapter-postgres';
import { eventIdFor, PublishProductChanges } from '@catalog/application';
import { aProduct, RecordingProductEventPublisher } from '@catalog/testkit';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import { outboxSourceId } from './outbox-records';
import { OutboxRelay, REFUSED_ATTEMPTS, UNREADABLE_ATTEMPTS } from './outbox-relay';

const entry = (position: number, overrides: Partial<OutboxEntry> = {}): OutboxEntry => {
  const product = aProduct();
  return {
    position: String(position),
    productId: product.id,
    change: { kind: 'inserted', after: product },
    correlationId: `corr-${position}`,
    recordedAt: product.updatedAt,
    attempts: 0,
    ...overrides,
  };
};

/** The relay on a fake outbox that hands over `entries` once and records the decision. */
const relayOver = (entries: OutboxEntry[], parks = false) => {
  const publisher = new RecordingProductEventPublisher();
  const decisions: RelayDecision[] = [];
  const logs: string[] = [];
  const metricLines: string[] = [];
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
  const relay = new OutboxRelay(
    {
      purgePublished: () => Promise.resolve(0),
      purgeExpiredIdempotencyRecords: () => Promise.resolve(3),
      backlog: () => Promise.resolve({ pending: 4, oldestMs: 1234.4, parked: 2 }),
      relayBatch: async (_limits, publish) => {
        const decision = await publish(entries);
        decisions.push(decision);
        const undelivered = decision.firstUndeliveredIndex;
        return {
          claimed: entries.length,
          published: undelivered ?? entries.length,
          refused: undelivered !== undefined,
          ...(parks && undelivered !== undefined ? { parked: entries[undelivered]! } : {}),
        };
      },
    },
    new PublishProductChanges(publisher),
    { products: 10, entries: 10 },
    createLogger({ serviceName: 'test', level: 'debug', stream: logStream }),
    new Metrics({ namespace: 'Test', serviceName: 'test', write: (line) => metricLines.push(line) }),
  );
  return {
    relay,
    publisher,
    decisions,
    logs: () => logs.map((line) => JSON.parse(line) as Record<string, unknown>),
    metricLines,
  };
};

describe(OutboxRelay, () => {
  it('publishes every entry with the event id of its row and the correlation id of its write', async () => {
    const entries = [entry(7), entry(8)];
    const { relay, publisher, decisions } = relayOver(entries);
    expect(await relay.pass()).toEqual({ claimed: 2, published: 2, refused: false });
    expect(decisions).toEqual([{}]);
    expect(publisher.delivered.map((event) => event.metadata)).toEqual([
      expect.objectContaining({ eventId: eventIdFor(outboxSourceId('7')), correlationId: 'corr-7' }),
      expect.objectContaining({ eventId: eventIdFor(outboxSourceId('8')), correlationId: 'corr-8' }),
    ]);
  });

  it('holds back from the first entry the bus refused', async () => {
    const entries = [entry(1), entry(2), entry(3)];
    const { relay, publisher, decisions } = relayOver(entries);
    const refused = eventIdFor(outboxSourceId('2'));
    publisher.rejectWhen((event) => (event.metadata.eventId === refused ? 'ThrottlingException' : undefined));
    expect(await relay.pass()).toMatchObject({ published: 1, refused: true });
    expect(decisions).toEqual([
      {
        firstUndeliveredIndex: 1,
        error: 'the event bus did not accept the event',
        parkAfterAttempts: REFUSED_ATTEMPTS,
      },
    ]);
  });

  it('publishes the entries before an unreadable row and holds back from it, logging why', async () => {
    const broken = entry(2, { change: new Error('outbox row 2 cannot be read') });
    const { relay, publisher, decisions, logs } = relayOver([entry(1), broken, entry(3)]);
    await relay.pass();
    expect(publisher.delivered.map((event) => event.metadata.eventId)).toEqual([
      eventIdFor(outboxSourceId('1')),
    ]);
    expect(decisions).toEqual([
      {
        firstUndeliveredIndex: 1,
        error: 'unreadable: outbox row 2 cannot be read',
        parkAfterAttempts: UNREADABLE_ATTEMPTS,
      },
    ]);
    expect(logs().find((line) => line.level === 'error')).toMatchObject({
      position: '2',
      productId: broken.productId,
    });
  });

  it('counts a change worth no event as done (an identical replace never reaches the outbox, a rewrite might)', async () => {
    const product = aProduct();
    const { relay, publisher, decisions } = relayOver([
      entry(1, { change: { kind: 'modified', before: product, after: product } }),
    ]);
    expect(await relay.pass()).toMatchObject({ published: 1, refused: false });
    expect(publisher.calls).toBe(0);
    expect(decisions).toEqual([{}]);
  });
});

describe('OutboxRelay parking', () => {
  it('bounds the attempts: a few for an unreadable row, more for one the bus refuses', () => {
    expect(UNREADABLE_ATTEMPTS).toBe(5);
    expect(REFUSED_ATTEMPTS).toBe(20);
  });

  it('counts a parked row as a metric and logs it as an error', async () => {
    const broken = entry(2, { change: new Error('outbox row 2 cannot be read'), attempts: 4 });
    const { relay, logs, metricLines } = relayOver([broken], true);
    expect(await relay.pass()).toEqual({ claimed: 1, published: 0, refused: true });
    expect(
      logs()
        .filter((line) => line.level === 'error')
        .at(-1),
    ).toMatchObject({
      message: "outbox row parked after its last attempt; its product's later rows go on",
      position: '2',
      attempts: 5,
    });
    relay['metrics'].flush();
    expect(metricLines.join('')).toContain('"OutboxRowsParked":1');
  });
});

describe('OutboxRelay housekeeping', () => {
  it('purges expired idempotency records and reports the backlog, its oldest age and parked rows', async () => {
    const { relay, logs, metricLines } = relayOver([]);
    await relay.housekeeping();
    expect(logs().find((line) => line.message === 'outbox housekeeping')).toMatchObject({
      purged: 0,
      expiredKeys: 3,
      pending: 4,
      parked: 2,
      oldestMs: 1234,
    });
    relay['metrics'].flush();
    expect(metricLines.join('')).toContain('"OutboxParked":2');
  });
});
