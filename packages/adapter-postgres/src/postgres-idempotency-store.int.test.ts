import { ManualClock } from '@catalog/testkit';
import { describeIdempotencyStoreContract } from '@catalog/testkit/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { inspect, testClient, useMigratedDatabase } from './integration.test-support';
import { PostgresIdempotencyStore } from './postgres-idempotency-store';

const database = useMigratedDatabase('idempotency');
const retention = { ttlSeconds: 86_400 };
let client: ReturnType<typeof testClient> | undefined;
const storeAt = (clock: ManualClock) => {
  client ??= testClient(database.url);
  return new PostgresIdempotencyStore(client, clock, retention);
};
afterAll(async () => {
  await client?.close();
});

describeIdempotencyStoreContract('PostgreSQL', () => {
  const clock = new ManualClock(new Date());
  return { store: storeAt(clock), clock, retention };
});

describe(PostgresIdempotencyStore, () => {
  it('keeps the claim lock and the retention as expires_at, from the injected clock', async () => {
    const clock = new ManualClock('2030-01-01T00:00:00.000Z');
    const key = `expiry-${crypto.randomUUID()}`;
    const store = storeAt(clock);
    const claim = await store.claim(key, 'fp', 11);
    if (claim.status !== 'claimed') throw new Error('expected a claim');
    const expiry = () =>
      inspect(
        database.url,
        async (pg) =>
          (
            await pg.query<Record<string, unknown>>(
              'SELECT status, catalog_iso(expires_at) AS expires FROM idempotency_records WHERE key = $1',
              [key],
            )
          ).rows[0],
      );
    expect(await expiry()).toEqual({ status: 'in_progress', expires: '2030-01-01T00:00:11.000Z' });
    clock.advance(5_000);
    expect(await store.complete(key, claim.token, { ok: true })).toBe('settled');
    expect(await expiry()).toEqual({ status: 'completed', expires: '2030-01-02T00:00:05.000Z' });
  });

  it('is a 500, not a replay, when a stored result is not an object', async () => {
    const clock = new ManualClock(new Date());
    const key = `corrupt-${crypto.randomUUID()}`;
    await inspect(database.url, (pg) =>
      pg.query(
        "INSERT INTO idempotency_records VALUES ($1, 'completed', 'fp', 't', '[1]', now() + interval '1 day')",
        [key],
      ),
    );
    await expect(storeAt(clock).claim(key, 'fp', 30)).rejects.toThrow(/malformed/);
  });
});
