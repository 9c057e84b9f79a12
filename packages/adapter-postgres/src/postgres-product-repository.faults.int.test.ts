import {
  parseProductDetails,
  ProductId,
  StoreUnavailableError,
  ValidationError,
  type ProductDetails,
} from '@catalog/domain';
import pg from 'pg';
import { InMemoryListCursors } from '@catalog/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresClient } from './client';
import { inspect, settingsOf, testClient, useMigratedDatabase } from './integration.test-support';
import { PostgresProductRepository } from './postgres-product-repository';

const database = useMigratedDatabase('repo_faults');
const context = { correlationId: 'faults-test' };
const details = (name: string) => parseProductDetails({ name, price: { amount: 100, currency: 'EUR' } });
const newId = () => ProductId.parse(crypto.randomUUID());
const cursors = new InMemoryListCursors();

const closing: PostgresClient[] = [];
const track = (client: PostgresClient): PostgresClient => (closing.push(client), client);
afterAll(async () => {
  for (const client of closing) await client.close().catch(() => undefined);
});

const count = (table: string, id: string) =>
  inspect(database.url, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE ${table === 'products' ? 'id' : 'product_id'} = $1`,
      [id],
    );
    return rows[0]!.n;
  });

/** Waits until a backend of the adapter's waits on a lock; returns its pid. */
const blockedBackend = async (admin: pg.Client): Promise<number> => {
  for (let i = 0; i < 200; i++) {
    // Activity is read once per transaction: forget the last reading.
    await admin.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock' AND application_name = 'catalog'`,
    );
    if (rows[0] !== undefined) return rows[0].pid;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the write never blocked');
};

describe('PostgresProductRepository when the store fails', () => {
  it('keeps nothing of a write whose connection is killed mid-transaction, and reports 503', async () => {
    const repository = new PostgresProductRepository(
      track(testClient(database.url, { lockTimeoutMs: 30_000 })),
      cursors,
    );
    const id = newId();
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      // Hold the outbox so the write blocks after it wrote the product row, inside its transaction.
      await admin.query('BEGIN');
      await admin.query('LOCK TABLE product_outbox IN EXCLUSIVE MODE');
      // Its outcome is taken at once, so its rejection is never momentarily unhandled.
      const outcome = repository.create(id, details('Half'), new Date(), context).catch((e: unknown) => e);
      const pid = await blockedBackend(admin);
      const inFlight = await admin.query<{ query: string }>(
        'SELECT query FROM pg_stat_activity WHERE pid = $1',
        [pid],
      );
      expect(inFlight.rows[0]!.query).toContain('catalog_create_product');
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await admin.query('ROLLBACK');
      const error = await outcome;
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ retryAfterSeconds: 1 });
    } finally {
      await admin.end();
    }
    expect(await count('products', id)).toBe(0);
    expect(await count('product_outbox', id)).toBe(0);
    // The next call gets a fresh connection and works.
    await repository.create(id, details('Whole'), new Date(), context);
    expect(await count('product_outbox', id)).toBe(1);
  });

  it('re-establishes a connection that was dropped while idle (a Lambda freeze), for reads and writes', async () => {
    const client = track(new PostgresClient(settingsOf(database.url), { validateAfterIdleMs: 0 }));
    const repository = new PostgresProductRepository(client, cursors);
    const id = newId();
    await repository.create(id, details('Frozen'), new Date(), context);
    const killAll = () =>
      inspect(database.url, (admin) =>
        admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'catalog' AND pid <> pg_backend_pid()",
        ),
      );
    await killAll();
    expect((await repository.get(id))?.name).toBe('Frozen');
    await killAll();
    const { product } = await repository.replace(id, details('Thawed'), new Date(), context, {
      expectedVersion: 'any',
    });
    expect(product.version).toBe(2);
  });

  it('reports a lock held too long as 503 (lock timeout), not a hang', async () => {
    const repository = new PostgresProductRepository(
      track(new PostgresClient(settingsOf(database.url), { lockTimeoutMs: 200 })),
      cursors,
    );
    const id = newId();
    await repository.create(id, details('Locked'), new Date(), context);
    await inspect(database.url, async (admin) => {
      await admin.query('BEGIN');
      await admin.query('SELECT 1 FROM products WHERE id = $1 FOR UPDATE', [id]);
      const started = Date.now();
      await expect(repository.delete(id, new Date(), context)).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(2_000);
      await admin.query('ROLLBACK');
    });
    expect(await repository.get(id)).toBeDefined();
  });

  it('reports a server that refuses connections, and one with no connection slots left, as 503', async () => {
    const refused = new PostgresProductRepository(
      track(new PostgresClient({ ...settingsOf(database.url), port: 1 }, { connectTimeoutMs: 500 })),
      cursors,
    );
    await expect(refused.get(newId())).rejects.toBeInstanceOf(StoreUnavailableError);

    const role = `limited_${Date.now()}`;
    await inspect(database.url, async (admin) => {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'limited' CONNECTION LIMIT 0`);
    });
    const settings = settingsOf(database.url);
    const limited = new PostgresProductRepository(
      track(new PostgresClient({ ...settings, user: role, auth: { kind: 'password', password: 'limited' } })),
      cursors,
    );
    const error = await limited.get(newId()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toContain('53300');
  });

  it('refuses what the schema refuses as a ValidationError, and text PostgreSQL cannot hold unchanged', async () => {
    const repository = new PostgresProductRepository(track(testClient(database.url)), cursors);
    const tooLong = { ...details('x'), name: 'x'.repeat(101) } as ProductDetails;
    await expect(repository.create(newId(), tooLong, new Date(), context)).rejects.toBeInstanceOf(
      ValidationError,
    );
    const surrogate = { ...details('x'), description: 'broken \ud800 text' } as ProductDetails;
    await expect(repository.create(newId(), surrogate, new Date(), context)).rejects.toMatchObject({
      issues: [{ field: 'description', message: expect.stringContaining('surrogate') }],
    });
  });

  it('rethrows anything else with its cause', async () => {
    const client = track(testClient(database.url));
    const error = await client
      .read('a broken statement', 'SELECT * FROM no_such_table')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toContain('a broken statement');
    expect((error as Error).cause).toMatchObject({ code: '42P01' });
  });
});
