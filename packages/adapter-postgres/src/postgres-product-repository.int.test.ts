import { parseProductDetails, ProductId } from '@catalog/domain';
import { describeProductRepositoryContract } from '@catalog/testkit/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { inspect, testClient, useMigratedDatabase } from './integration.test-support';
import { toProductChange } from './outbox-change';
import type { OutboxRow } from './outbox-sql';
import { PostgresProductRepository } from './postgres-product-repository';

const database = useMigratedDatabase('products');
let client: ReturnType<typeof testClient> | undefined;
const repository = () => {
  client ??= testClient(database.url);
  return new PostgresProductRepository(client, 'contract-test-cursor-signing-key');
};
afterAll(async () => {
  await client?.close();
});

describeProductRepositoryContract('PostgreSQL', async () => {
  await inspect(database.url, (pg) => pg.query('TRUNCATE products, product_outbox'));
  return {
    repository: repository(),
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
});
