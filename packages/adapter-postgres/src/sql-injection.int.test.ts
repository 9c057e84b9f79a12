import { InvalidCursorError, parseProductDetails, ProductId } from '@catalog/domain';
import { InMemoryListCursors, ManualClock } from '@catalog/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { inspect, testClient, useMigratedDatabase } from './integration.test-support';
import { PostgresIdempotencyStore } from './postgres-idempotency-store';
import { PostgresProductOutbox } from './postgres-product-outbox';
import { PostgresProductRepository } from './postgres-product-repository';

const cursors = new InMemoryListCursors();

const database = useMigratedDatabase('injection');
let client: ReturnType<typeof testClient> | undefined;
afterAll(async () => {
  await client?.close();
});

// Classic payloads: statement breakers, comment tricks, dollar quoting, stacked queries, casts, JSON paths.
const PAYLOADS = [
  "'; DROP TABLE products; --",
  "' OR '1'='1",
  '"; DELETE FROM product_outbox; --',
  '$$; TRUNCATE idempotency_records; $$',
  "Robert'); DROP TABLE idempotency_records;--",
  '\\x27 UNION SELECT * FROM pg_shadow --',
  "1'::int; SELECT pg_sleep(5); --",
  "{'a': 1}' || (SELECT current_user) || '",
];

const tables = () =>
  inspect(database.url, async (pg) =>
    (
      await pg.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      )
    ).rows.map((row) => row.table_name),
  );

describe('SQL injection attempts through the PostgreSQL adapters', () => {
  it('stay data in every product field, the correlation id, the idempotency key, fingerprint and result', async () => {
    client = testClient(database.url);
    const before = await tables();
    const repository = new PostgresProductRepository(client, cursors);
    const idempotency = new PostgresIdempotencyStore(client, new ManualClock(), { ttlSeconds: 3_600 });
    for (const payload of PAYLOADS) {
      const id = ProductId.parse(crypto.randomUUID());
      const details = parseProductDetails({
        name: payload.slice(0, 100),
        description: payload,
        price: { amount: 1, currency: 'EUR' },
      });
      const created = await repository.create(id, details, new Date(), { correlationId: payload });
      expect(created).toMatchObject({ name: payload.slice(0, 100), description: payload });
      expect(await repository.get(id)).toEqual(created);
      const changed = parseProductDetails({
        name: payload.slice(0, 100),
        description: `${payload}!`,
        price: { amount: 1, currency: 'EUR' },
      });
      const { product } = await repository.replace(
        id,
        changed,
        new Date(),
        { correlationId: payload },
        { expectedVersion: 1 },
      );
      expect(product.description).toBe(`${payload}!`);
      expect(await repository.delete(id, new Date(), { correlationId: payload })).toEqual(product);

      const claim = await idempotency.claim(payload, payload, 30);
      expect(claim.status).toBe('claimed');
      const token = (claim as { token: string }).token;
      expect(await idempotency.complete(payload, token, { echo: payload })).toBe('settled');
      expect(await idempotency.claim(payload, payload, 30)).toEqual({
        status: 'completed',
        fingerprint: payload,
        result: { echo: payload },
      });
    }
    const stored = await inspect(database.url, async (pg) =>
      (
        await pg.query<{ correlation_id: string }>('SELECT DISTINCT correlation_id FROM product_outbox')
      ).rows.map((row) => row.correlation_id),
    );
    expect(stored.sort()).toEqual([...PAYLOADS].sort());
    expect(await tables()).toEqual(before);
    const { pending } = await new PostgresProductOutbox(client).backlog();
    expect(pending).toBe(PAYLOADS.length * 3);
  });

  it('stay an invalid cursor, never SQL', async () => {
    client ??= testClient(database.url);
    const repository = new PostgresProductRepository(client, cursors);
    for (const payload of PAYLOADS) {
      const encoded = Buffer.from(JSON.stringify({ v: 1, k: { id: payload } })).toString('base64url');
      for (const cursor of [payload, encoded, `${encoded}.${payload}`]) {
        await expect(repository.list({ limit: 5, cursor })).rejects.toBeInstanceOf(InvalidCursorError);
      }
    }
  });
});
