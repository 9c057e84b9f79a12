import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError } from '@catalog/domain';
import { ManualClock } from '@catalog/testkit';
import { describeIdempotencyStoreContract } from '@catalog/testkit/contracts';
import { useDynamoDbTable } from '@catalog/testkit/dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbIdempotencyStore } from './dynamodb-idempotency-store';
import { useDocumentClient } from './integration.test-support';
import { idempotencyTableDefinition, idempotencyTimeToLive } from './table-definitions';

const table = useDynamoDbTable(idempotencyTableDefinition, {
  prefix: 'idempotency',
  timeToLive: idempotencyTimeToLive,
});
const client = useDocumentClient(table, { maxAttempts: 1 });
const retention = { ttlSeconds: 86_400 };

// The clock starts at the real time: DynamoDB's own TTL sweep must not find the records expired.
const storeAt = (clock: ManualClock): DynamoDbIdempotencyStore =>
  new DynamoDbIdempotencyStore(client(), table.name, clock, retention);

describeIdempotencyStoreContract('DynamoDB Local', () => {
  const clock = new ManualClock(new Date());
  return { store: storeAt(clock), clock, retention };
});

const stored = async (key: string) =>
  (await client().send(new GetCommand({ TableName: table.name, Key: { id: key }, ConsistentRead: true })))
    .Item;

describe(DynamoDbIdempotencyStore, () => {
  it('keeps the expiry in epoch seconds in expiresAt, the table TTL attribute', async () => {
    const clock = new ManualClock('2030-01-01T00:00:00.000Z');
    const key = `ttl-${crypto.randomUUID()}`;
    const claim = await storeAt(clock).claim(key, 'fp', 11);
    if (claim.status !== 'claimed') throw new Error('expected a claim');
    expect(await stored(key)).toEqual({
      id: key,
      status: 'in_progress',
      fingerprint: 'fp',
      token: claim.token,
      expiresAt: 1_893_456_011,
    });
    expect(await storeAt(clock).complete(key, claim.token, { id: 'x', amount: 1.5 })).toBe('settled');
    expect(await stored(key)).toEqual({
      id: key,
      status: 'completed',
      fingerprint: 'fp',
      token: claim.token,
      result: '{"id":"x","amount":1.5}',
      expiresAt: 1_893_542_400,
    });
  });

  describe('when DynamoDB throttles a claim', () => {
    it('throws StoreUnavailableError and leaves the key unclaimed', async () => {
      const clock = new ManualClock(new Date());
      const key = `throttled-${crypto.randomUUID()}`;
      client().middlewareStack.add(
        () => () => {
          throw new ProvisionedThroughputExceededException({ message: 'Injected', $metadata: {} });
        },
        { step: 'deserialize', priority: 'high', name: 'injectedFault' },
      );
      await expect(storeAt(clock).claim(key, 'fp', 30)).rejects.toBeInstanceOf(StoreUnavailableError);
      client().middlewareStack.remove('injectedFault');
      expect(await stored(key)).toBeUndefined();
    });
  });
});
