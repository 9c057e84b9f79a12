import { DynamoDBClient, ThrottlingException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { StoreUnavailableError } from '@catalog/domain';
import { ManualClock } from '@catalog/testkit';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { DynamoDbIdempotencyStore } from './dynamodb-idempotency-store';
import { conditionFailed } from './repository.test-support';

const retention = { ttlSeconds: 3_600, inProgressTtlSeconds: 30 };
// 2030-01-01T00:00:00.250Z: a fraction of a second past a whole second, to show the rounding.
const START_MS = 1_893_456_000_250;

const mockedStore = () => {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'unit', secretAccessKey: 'unit' },
    }),
  );
  const mock = mockClient(client);
  const clock = new ManualClock(new Date(START_MS));
  return { mock, clock, store: new DynamoDbIdempotencyStore(client, 'idempotency', clock, retention) };
};

describe(DynamoDbIdempotencyStore, () => {
  describe('claim', () => {
    it('writes an in-progress record when none exists or the existing one has expired', async () => {
      const { mock, store } = mockedStore();
      mock.on(PutCommand).resolves({});
      expect(await store.claim('key', 'fp')).toEqual({ status: 'claimed' });
      expect(mock.commandCalls(PutCommand)[0]!.args[0].input).toMatchObject({
        Item: { id: 'key', status: 'in_progress', fingerprint: 'fp', expiresAt: 1_893_456_001 + 30 },
        ConditionExpression: 'attribute_not_exists(#id) OR #expiresAt <= :now',
        ExpressionAttributeValues: { ':now': 1_893_456_000 },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
    });

    it('reports the live record that blocked the claim, without reading again', async () => {
      const { mock, store } = mockedStore();
      const completed = {
        id: 'key',
        status: 'completed',
        fingerprint: 'fp',
        result: '{"id":"p-1"}',
        expiresAt: 2e9,
      };
      mock.on(PutCommand).rejects(conditionFailed(marshall(completed)));
      expect(await store.claim('key', 'other')).toEqual({
        status: 'completed',
        fingerprint: 'fp',
        result: { id: 'p-1' },
      });
      expect(mock.commandCalls(GetCommand)).toHaveLength(0);
    });

    it('reads the record when the failed condition did not return it', async () => {
      const { mock, store } = mockedStore();
      mock.on(PutCommand).rejects(conditionFailed());
      mock
        .on(GetCommand)
        .resolves({ Item: { id: 'key', status: 'in_progress', fingerprint: 'fp', expiresAt: 2e9 } });
      expect(await store.claim('key', 'fp')).toEqual({ status: 'in_progress', fingerprint: 'fp' });
      expect(mock.commandCalls(GetCommand)[0]!.args[0].input).toMatchObject({ ConsistentRead: true });
    });

    it('throws StoreUnavailableError when DynamoDB throttles', async () => {
      const { mock, store } = mockedStore();
      mock.on(PutCommand).rejects(new ThrottlingException({ message: 'slow down', $metadata: {} }));
      await expect(store.claim('key', 'fp')).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });

  describe('complete', () => {
    it('stores status, fingerprint, the result as JSON and the retention expiry', async () => {
      const { mock, store } = mockedStore();
      mock.on(PutCommand).resolves({});
      await store.complete('key', 'fp', { id: 'p-1', price: { amount: 100, currency: 'EUR' } });
      expect(mock.commandCalls(PutCommand)[0]!.args[0].input.Item).toEqual({
        id: 'key',
        status: 'completed',
        fingerprint: 'fp',
        result: '{"id":"p-1","price":{"amount":100,"currency":"EUR"}}',
        expiresAt: 1_893_456_001 + 3_600,
      });
    });
  });

  describe('release', () => {
    it('deletes only an in-progress record', async () => {
      const { mock, store } = mockedStore();
      mock.on(DeleteCommand).resolves({});
      await store.release('key');
      expect(mock.commandCalls(DeleteCommand)[0]!.args[0].input).toMatchObject({
        Key: { id: 'key' },
        ConditionExpression: '#status = :inProgress',
        ExpressionAttributeValues: { ':inProgress': 'in_progress' },
      });
    });

    it('does nothing when the record is completed or gone', async () => {
      const { mock, store } = mockedStore();
      mock.on(DeleteCommand).rejects(conditionFailed());
      await expect(store.release('key')).resolves.toBeUndefined();
    });
  });

  it('refuses a retention that is not a positive whole number of seconds', () => {
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
    const clock = new ManualClock();
    for (const bad of [
      { ...retention, ttlSeconds: 0 },
      { ...retention, inProgressTtlSeconds: 1.5 },
    ]) {
      expect(() => new DynamoDbIdempotencyStore(client, 'idempotency', clock, bad)).toThrow(RangeError);
    }
  });
});
