import { parseProductDetails, ProductId } from '@catalog/domain';
import { InMemoryListCursors } from '@catalog/testkit';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { inspect, testClient, useMigratedDatabase } from './integration.test-support';
import { backoffMs, PostgresProductOutbox, type OutboxEntry } from './postgres-product-outbox';
import { PostgresProductRepository } from './postgres-product-repository';

const cursors = new InMemoryListCursors();

const database = useMigratedDatabase('outbox');
const context = { correlationId: 'outbox-test' };
const details = (name: string) => parseProductDetails({ name, price: { amount: 100, currency: 'EUR' } });
const newId = () => ProductId.parse(crypto.randomUUID());
const limits = { products: 100, entries: 500 };

const clients: ReturnType<typeof testClient>[] = [];
const client = () => {
  const created = testClient(database.url);
  clients.push(created);
  return created;
};
afterAll(async () => {
  for (const created of clients) await created.close();
});

const clear = () =>
  inspect(database.url, (pg) => pg.query('TRUNCATE product_outbox, products RESTART IDENTITY'));
const unpublished = () =>
  inspect(database.url, async (pg) => {
    const { rows } = await pg.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM product_outbox WHERE published_at IS NULL',
    );
    return rows[0]!.count;
  });

/** Arranges `products` products with `changes` changes each (a create, then replaces), in one statement each. */
const backlog = async (products: number, changes: number): Promise<void> =>
  inspect(database.url, async (pg) => {
    await pg.query(
      `SELECT catalog_create_product(gen_random_uuid(), 'v1', NULL, 1, 'EUR', now(), 'backlog')
       FROM generate_series(1, $1)`,
      [products],
    );
    for (let change = 2; change <= changes; change++) {
      await pg.query(
        `SELECT catalog_replace_product(id, $1, NULL, 1, 'EUR', now(), 'backlog', NULL) FROM products`,
        [`v${change}`],
      );
    }
  });

describe(PostgresProductOutbox, () => {
  beforeEach(clear);

  it('hands every change of a write to the relay in position order, with the images and correlation id', async () => {
    const repository = new PostgresProductRepository(client(), cursors);
    const id = newId();
    const created = await repository.create(
      id,
      details('Cup'),
      new Date('2026-03-01T10:00:00.000Z'),
      context,
    );
    await repository.replace(id, details('Cup'), new Date(), context, { expectedVersion: 'any' }); // no-op
    const { product: renamed } = await repository.replace(
      id,
      details('Mug'),
      new Date(),
      { correlationId: 'rename' },
      {
        expectedVersion: 1,
      },
    );
    await repository.delete(id, new Date('2026-03-01T10:05:00.000Z'), { correlationId: 'remove' });

    const seen: OutboxEntry[] = [];
    const outbox = new PostgresProductOutbox(client());
    expect(
      await outbox.relayBatch(limits, (entries) => (seen.push(...entries), Promise.resolve({}))),
    ).toEqual({
      claimed: 3,
      published: 3,
      refused: false,
    });
    expect(
      seen.map((entry) => [entry.change instanceof Error ? 'error' : entry.change.kind, entry.correlationId]),
    ).toEqual([
      ['inserted', 'outbox-test'],
      ['modified', 'rename'],
      ['removed', 'remove'],
    ]);
    expect(seen[0]!.change).toEqual({ kind: 'inserted', after: created });
    expect(seen[1]!.change).toMatchObject({ kind: 'modified', before: created, after: renamed });
    expect(seen[2]!.change).toMatchObject({ kind: 'removed', before: renamed });
    expect(seen.map((entry) => Number(entry.position))).toEqual([1, 2, 3]);
    expect(await unpublished()).toBe(0);
    expect(await outbox.relayBatch(limits, () => Promise.reject(new Error('nothing is due')))).toMatchObject({
      claimed: 0,
    });
  });

  it('leaves everything unpublished when the relay fails before committing, and hands the same rows again', async () => {
    await backlog(3, 2);
    const outbox = new PostgresProductOutbox(client());
    const first: string[] = [];
    await expect(
      outbox.relayBatch(limits, (entries) => {
        first.push(...entries.map((entry) => entry.position));
        return Promise.reject(new Error('crashed after PutEvents'));
      }),
    ).rejects.toThrow('crashed after PutEvents');
    const second: string[] = [];
    await outbox.relayBatch(
      limits,
      (entries) => (second.push(...entries.map((entry) => entry.position)), Promise.resolve({})),
    );
    expect(second).toEqual(first);
    expect(first).toHaveLength(6);
  });

  it('marks the rows before the first undelivered one and holds its product back with backoff', async () => {
    await backlog(2, 3); // positions 1,2 created; 3,4 second change; 5,6 third
    const outbox = new PostgresProductOutbox(client());
    const [refusedProduct] = await inspect(database.url, async (pg) =>
      (
        await pg.query<{ product_id: string }>('SELECT product_id FROM product_outbox WHERE position = 3')
      ).rows.map((row) => row.product_id),
    );
    const result = await outbox.relayBatch(limits, (entries) =>
      Promise.resolve({
        firstUndeliveredIndex: entries.findIndex((entry) => entry.position === '3'),
        error: 'ThrottlingException',
      }),
    );
    expect(result).toEqual({ claimed: 6, published: 2, refused: true });
    const rows = await inspect(
      database.url,
      async (pg) =>
        (
          await pg.query<Record<string, unknown>>(
            'SELECT position::int, product_id::text, published_at IS NOT NULL AS published, attempts, last_error FROM product_outbox ORDER BY position',
          )
        ).rows,
    );
    expect(rows.filter((row) => row.published).map((row) => row.position)).toEqual([1, 2]);
    expect(rows.find((row) => row.position === 3)).toMatchObject({
      attempts: 1,
      last_error: 'ThrottlingException',
    });

    // The other product's rows are due at once; the refused product's wait for the backoff, its later rows too.
    const next: OutboxEntry[] = [];
    await outbox.relayBatch(limits, (entries) => (next.push(...entries), Promise.resolve({})));
    expect(next.map((entry) => entry.productId)).not.toContain(refusedProduct);
    expect(next).toHaveLength(2);
    await inspect(database.url, (pg) =>
      pg.query('UPDATE product_outbox SET available_at = now() WHERE position = 3'),
    );
    const retried: string[] = [];
    await outbox.relayBatch(
      limits,
      (entries) => (retried.push(...entries.map((entry) => entry.position)), Promise.resolve({})),
    );
    expect(retried).toEqual(
      ['3', '5'].filter(
        (position) => rows.find((row) => String(row.position) === position)?.product_id === refusedProduct,
      ),
    );
    expect(await unpublished()).toBe(0);
  });

  it('backs off exponentially up to five minutes', () => {
    expect([0, 1, 2, 3, 8, 9, 30].map(backoffMs)).toEqual([
      1_000, 2_000, 4_000, 8_000, 256_000, 300_000, 300_000,
    ]);
  });

  it('lets two relays drain a 10,000-row backlog: every row at least once, each product in position order', async () => {
    await backlog(500, 20);
    const delivered: { relay: string; position: number; productId: string }[] = [];
    const run = async (relay: string) => {
      const outbox = new PostgresProductOutbox(client());
      let passes = 0;
      for (;;) {
        const { claimed } = await outbox.relayBatch({ products: 50, entries: 200 }, async (entries) => {
          // Yield while "publishing", so the two relays really interleave.
          await new Promise((resolve) => setTimeout(resolve, 1));
          delivered.push(
            ...entries.map((entry) => ({
              relay,
              position: Number(entry.position),
              productId: entry.productId,
            })),
          );
          return {};
        });
        passes++;
        if (claimed === 0) return passes;
      }
    };
    await Promise.all([run('a'), run('b')]);

    expect(await unpublished()).toBe(0);
    const positions = new Set(delivered.map((entry) => entry.position));
    expect(positions.size).toBe(10_000);
    const byProduct = new Map<string, number[]>();
    for (const entry of delivered)
      byProduct.set(entry.productId, [...(byProduct.get(entry.productId) ?? []), entry.position]);
    expect(byProduct.size).toBe(500);
    for (const sequence of byProduct.values()) expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
    const relays = new Set(delivered.map((entry) => entry.relay));
    expect(relays).toEqual(new Set(['a', 'b']));
  });

  it('reports the backlog and purges published rows past their retention', async () => {
    await backlog(2, 1);
    const outbox = new PostgresProductOutbox(client());
    expect(await outbox.backlog()).toMatchObject({ pending: 2 });
    await outbox.relayBatch(limits, () => Promise.resolve({}));
    expect(await outbox.backlog()).toEqual({ pending: 0, oldestMs: 0, parked: 0 });
    expect(await outbox.purgePublished(3_600)).toBe(0);
    await inspect(database.url, (pg) =>
      pg.query("UPDATE product_outbox SET published_at = now() - interval '2 hours'"),
    );
    expect(await outbox.purgePublished(3_600)).toBe(2);
  });
});
