import { IdempotencyKeyInFlightError, parseProductDetails, ProductId } from '@catalog/domain';
import { describeProductRepositoryContract } from '@catalog/testkit/contracts';
import { InMemoryListCursors } from '@catalog/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { inspect, testClient, useMigratedDatabase } from './integration.test-support';
import { toProductChange } from './outbox-change';
import type { OutboxRow } from './outbox-sql';
import { PostgresIdempotencyStore } from './postgres-idempotency-store';
import { PostgresProductRepository } from './postgres-product-repository';

const cursors = new InMemoryListCursors();

const database = useMigratedDatabase('products');
let client: ReturnType<typeof testClient> | undefined;
const clock = { now: () => new Date() };
const retention = { ttlSeconds: 3600 };
const connected = () => (client ??= testClient(database.url));
const repository = () => new PostgresProductRepository(connected(), cursors, retention, clock);
afterAll(async () => {
  await client?.close();
});

describeProductRepositoryContract('PostgreSQL', async () => {
  await inspect(database.url, (pg) => pg.query('TRUNCATE products, product_outbox, idempotency_records'));
  return {
    repository: repository(),
    idempotency: new PostgresIdempotencyStore(connected(), clock, retention),
    // The transactional outbox, read as the relay reads it.
    changesOf: (id) =>
      inspect(database.url, async (pg) =>
        (
          await pg.query<OutboxRow>(
            `SELECT position::text, product_id::text, kind, before, after, deletion, correlation_id,
                    catalog_iso(recorded_at) AS recorded_at, attempts
             FROM product_outbox WHERE product_id = $1 ORDER BY position`,
            [id],
          )
        ).rows.map((row) => ({ correlationId: row.correlation_id, change: toProductChange(row) })),
      ),
  };
});

const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 12, minute));

describe(PostgresProductRepository, () => {
  it('keeps one row per id: the live product, then its deletion, then the re-created product', async () => {
    const id = ProductId.parse(crypto.randomUUID());
    const details = parseProductDetails({
      name: 'Lamp',
      description: 'Brass',
      price: { amount: 1999, currency: 'EUR' },
    });
    const row = () =>
      inspect(
        database.url,
        async (pg) =>
          (
            await pg.query<Record<string, unknown>>(
              `SELECT version, name, description, price_amount::int AS amount, price_currency AS currency,
                    catalog_iso(created_at) AS created, catalog_iso(deleted_at) AS deleted, correlation_id
             FROM products WHERE id = $1`,
              [id],
            )
          ).rows,
      );
    await repository().create(id, details, at(0), { correlationId: 'corr-create' });
    expect(await row()).toEqual([
      {
        version: 1,
        name: 'Lamp',
        description: 'Brass',
        amount: 1999,
        currency: 'EUR',
        created: at(0).toISOString(),
        deleted: null,
        correlation_id: 'corr-create',
      },
    ]);
    await repository().delete(id, at(1), { correlationId: 'corr-delete' });
    expect(await row()).toEqual([
      {
        version: 2,
        name: null,
        description: null,
        amount: null,
        currency: null,
        created: null,
        deleted: at(1).toISOString(),
        correlation_id: 'corr-delete',
      },
    ]);
    expect((await repository().create(id, details, at(2), { correlationId: 'corr-again' })).version).toBe(3);
    expect(await row()).toHaveLength(1);
  });

  it('creates nothing for a claim whose lock expired, though it still carries the token', async () => {
    const key = `expired:${crypto.randomUUID()}`;
    let now = new Date();
    const later = { now: () => now };
    const store = new PostgresIdempotencyStore(connected(), later, retention);
    const claim = await store.claim(key, 'fingerprint', 1);
    if (claim.status !== 'claimed') throw new Error('expected to claim the key');
    now = new Date(now.getTime() + 1_000);
    const lateRepository = new PostgresProductRepository(connected(), cursors, retention, later);
    const id = ProductId.parse(crypto.randomUUID());
    const details = parseProductDetails({ name: 'Late', price: { amount: 1, currency: 'EUR' } });
    await expect(
      lateRepository.create(
        id,
        details,
        now,
        { correlationId: 'late' },
        { completing: { key, token: claim.token } },
      ),
    ).rejects.toBeInstanceOf(IdempotencyKeyInFlightError);
    expect(await repository().get(id)).toBeUndefined();
    const outbox = await inspect(database.url, (pg) =>
      pg.query('SELECT 1 FROM product_outbox WHERE product_id = $1', [id]),
    );
    expect(outbox.rows).toEqual([]);
  });
});
