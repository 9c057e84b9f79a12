import { parseProductDetails, ProductId } from '@catalog/domain';
import { InMemoryListCursors } from '@catalog/testkit';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { inspect, testClient, useMigratedDatabase } from './integration.test-support';
import { PostgresIdempotencyStore } from './postgres-idempotency-store';
import { PostgresProductOutbox, type OutboxEntry } from './postgres-product-outbox';
import { PostgresProductRepository } from './postgres-product-repository';

const cursors = new InMemoryListCursors();

// Rows the relay gives up on (parked), and the housekeeping of expired idempotency records.

const database = useMigratedDatabase('parking');
let connected: ReturnType<typeof testClient> | undefined;
const pgClient = () => (connected ??= testClient(database.url));
afterAll(() => connected?.close());
const limits = { products: 100, entries: 500 };
const details = (name: string) => parseProductDetails({ name, price: { amount: 100, currency: 'EUR' } });
const context = { correlationId: 'parking-test' };

beforeEach(() =>
  inspect(database.url, (pg) =>
    pg.query('TRUNCATE product_outbox, products, idempotency_records RESTART IDENTITY'),
  ),
);

const rows = () =>
  inspect(
    database.url,
    async (pg) =>
      (
        await pg.query<{ position: number; attempts: number; parked: boolean; published: boolean }>(
          `SELECT position::int, attempts, parked_at IS NOT NULL AS parked, published_at IS NOT NULL AS published,
                  last_error FROM product_outbox ORDER BY position`,
        )
      ).rows,
  );
// Makes every held-back row due again at once (instead of waiting out its backoff).
const dueNow = () =>
  inspect(database.url, (pg) => pg.query("UPDATE product_outbox SET available_at = '-infinity'"));

describe('parked outbox rows', () => {
  it("parks a row after its last attempt, keeps it, and lets its product's later rows go on", async () => {
    const repository = new PostgresProductRepository(pgClient(), cursors);
    const id = ProductId.parse(crypto.randomUUID());
    await repository.create(id, details('v1'), new Date(), context);
    await repository.replace(id, details('v2'), new Date(), context, { expectedVersion: 1 });
    const outbox = new PostgresProductOutbox(pgClient());
    const refuseFirst = (entries: readonly OutboxEntry[]) =>
      Promise.resolve(
        entries[0]?.position === '1'
          ? { firstUndeliveredIndex: 0, error: 'poison', parkAfterAttempts: 3 }
          : {},
      );
    for (const attempt of [1, 2]) {
      expect(await outbox.relayBatch(limits, refuseFirst)).toEqual({
        claimed: 2,
        published: 0,
        refused: true,
      });
      expect((await rows()).map((row) => [row.attempts, row.parked])).toEqual([
        [attempt, false],
        [0, false],
      ]);
      await dueNow();
    }
    const third = await outbox.relayBatch(limits, refuseFirst);
    expect(third).toMatchObject({ claimed: 2, published: 0, refused: true, parked: { position: '1' } });
    expect(await outbox.backlog()).toMatchObject({ pending: 1, parked: 1 });
    await dueNow();
    const seen: string[] = [];
    expect(
      await outbox.relayBatch(limits, (entries) => {
        seen.push(...entries.map((entry) => entry.position));
        return Promise.resolve({});
      }),
    ).toEqual({ claimed: 1, published: 1, refused: false });
    expect(seen).toEqual(['2']);
    expect(await rows()).toEqual([
      { position: 1, attempts: 3, parked: true, published: false, last_error: 'poison' },
      { position: 2, attempts: 0, parked: false, published: true, last_error: null },
    ]);
    expect(await outbox.backlog()).toEqual({ pending: 0, oldestMs: 0, parked: 1 });
    // Never purged: the purge takes published rows only.
    await inspect(database.url, (pg) =>
      pg.query("UPDATE product_outbox SET recorded_at = now() - interval '30 days'"),
    );
    await outbox.purgePublished(0);
    expect((await rows()).map((row) => row.position)).toEqual([1]);
    // Requeued by an operator (runbook), it is published again.
    await inspect(database.url, (pg) =>
      pg.query("UPDATE product_outbox SET parked_at = NULL, attempts = 0, available_at = '-infinity'"),
    );
    expect(await outbox.relayBatch(limits, () => Promise.resolve({}))).toMatchObject({ published: 1 });
  });

  it('never parks a row the decision does not bound', async () => {
    await new PostgresProductRepository(pgClient(), cursors).create(
      ProductId.parse(crypto.randomUUID()),
      details('v1'),
      new Date(),
      context,
    );
    const outbox = new PostgresProductOutbox(pgClient());
    await inspect(database.url, (pg) => pg.query('UPDATE product_outbox SET attempts = 1000'));
    const refused = await outbox.relayBatch(limits, () => Promise.resolve({ firstUndeliveredIndex: 0 }));
    expect(refused).toEqual({ claimed: 1, published: 0, refused: true });
    expect(await outbox.backlog()).toMatchObject({ pending: 1, parked: 0 });
  });
});

describe('expired idempotency records', () => {
  it('purges records expired over a minute ago, in bounded steps, and keeps the others', async () => {
    const now = new Date();
    const clock = { now: () => now };
    const store = new PostgresIdempotencyStore(pgClient(), clock, { ttlSeconds: 3600 });
    for (const key of ['old-1', 'old-2', 'old-3', 'recent', 'live']) await store.claim(key, 'f', 30);
    await inspect(database.url, (pg) =>
      pg.query(
        `UPDATE idempotency_records SET expires_at = CASE
           WHEN key LIKE 'old-%' THEN now() - interval '2 minutes'
           WHEN key = 'recent' THEN now() - interval '10 seconds'
           ELSE expires_at END`,
      ),
    );
    const outbox = new PostgresProductOutbox(pgClient());
    expect(await outbox.purgeExpiredIdempotencyRecords(2)).toBe(2);
    expect(await outbox.purgeExpiredIdempotencyRecords(2)).toBe(1);
    expect(await outbox.purgeExpiredIdempotencyRecords(2)).toBe(0);
    const left = await inspect(
      database.url,
      async (pg) =>
        (await pg.query<{ key: string }>('SELECT key FROM idempotency_records ORDER BY key')).rows,
    );
    expect(left.map((row) => row.key)).toEqual(['live', 'recent']);
    expect(await store.claim('live', 'f', 30)).toEqual({ status: 'in_progress', fingerprint: 'f' });
  });
});
