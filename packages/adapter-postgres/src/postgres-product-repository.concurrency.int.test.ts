import {
  InvalidCursorError,
  parseProductDetails,
  ProductId,
  VersionConflictError,
  type Product,
} from '@catalog/domain';
import { InMemoryListCursors } from '@catalog/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { inspect, testClient, useMigratedDatabase } from './integration.test-support';
import { PostgresProductRepository } from './postgres-product-repository';

const cursors = new InMemoryListCursors();

const database = useMigratedDatabase('repo_concurrency');
const context = { correlationId: 'concurrency-test' };
const details = (name: string) => parseProductDetails({ name, price: { amount: 100, currency: 'EUR' } });
const newId = () => ProductId.parse(crypto.randomUUID());

let client: ReturnType<typeof testClient> | undefined;
const repository = () => {
  client ??= testClient(database.url, { maxConnections: 50 });
  return new PostgresProductRepository(client, cursors);
};
afterAll(async () => {
  await client?.close();
});

const outboxRows = (id: string) =>
  inspect(database.url, async (pg) =>
    (
      await pg.query<{ kind: string; version: number }>(
        `SELECT kind, COALESCE(after, deletion)->>'version' AS version FROM product_outbox
         WHERE product_id = $1 ORDER BY position`,
        [id],
      )
    ).rows.map((row) => `${row.kind}@${row.version}`),
  );

describe('PostgresProductRepository under concurrency', () => {
  it('lets exactly one of 50 concurrent conditional writers win each version', async () => {
    const products = repository();
    const id = newId();
    await products.create(id, details('v1'), new Date(), context);
    for (let version = 1; version <= 5; version++) {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, writer) =>
          products.replace(id, details(`v${version + 1} by ${writer}`), new Date(), context, {
            expectedVersion: version,
          }),
        ),
      );
      const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          expect(outcome.reason).toBeInstanceOf(VersionConflictError);
          expect(outcome.reason).toMatchObject({ expected: version, found: version + 1 });
        }
      }
      expect((await products.get(id))?.version).toBe(version + 1);
    }
    // One change on the outbox per winning write, none for the 245 losers.
    expect(await outboxRows(id)).toEqual([
      'inserted@1',
      'modified@2',
      'modified@3',
      'modified@4',
      'modified@5',
      'modified@6',
    ]);
  });

  it('lets exactly one of 50 concurrent creates of one id win', async () => {
    const products = repository();
    const id = newId();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, writer) =>
        products.create(id, details(`by ${writer}`), new Date(), context),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected')
        expect(outcome.reason).toMatchObject({ expected: 'absent', found: 1 });
    }
    expect(await outboxRows(id)).toEqual(['inserted@1']);
  });
});

describe('PostgresProductRepository pagination', () => {
  it('returns each of 250 products exactly once across pages, in id order', async () => {
    await inspect(database.url, (pg) => pg.query('TRUNCATE products, product_outbox'));
    const products = repository();
    const ids = Array.from({ length: 250 }, newId);
    for (const id of ids) await products.create(id, details('paged'), new Date(), context);
    // Deleted products are not listed.
    const gone = newId();
    await products.create(gone, details('gone'), new Date(), context);
    await products.delete(gone, new Date(), context);

    const seen: Product[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await products.list(cursor === undefined ? { limit: 100 } : { limit: 100, cursor });
      expect(page.items.length).toBeGreaterThan(0);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== undefined && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((product) => product.id)).toEqual([...ids].sort());
  });

  it('stops at exactly `limit` items with a cursor while more remain, and without one on the last page', async () => {
    const products = repository();
    const first = await products.list({ limit: 125 });
    expect(first.items).toHaveLength(125);
    const second = await products.list({ limit: 125, cursor: first.nextCursor! });
    expect(second.items).toHaveLength(125);
    expect(second.nextCursor).toBeUndefined();
    await expect(products.list({ limit: 1, cursor: `${first.nextCursor!}x` })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });
});
