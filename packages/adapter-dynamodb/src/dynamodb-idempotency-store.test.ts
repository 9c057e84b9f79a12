import { DynamoDBClient, ThrottlingException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError } from '@catalog/domain';
import { ManualClock } from '@catalog/testkit';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { DynamoDbIdempotencyStore } from './dynamodb-idempotency-store';
import { conditionFailed } from './repository.test-support';

const retention = { ttlSeconds: 3_600 };
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
      const claim = await store.claim('key', 'fp', 30);
      expect(claim).toEqual({ status: 'claimed', token: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(mock.commandCalls(PutCommand)[0]!.args[0].input).toMatchObject({
        Item: {
          id: 'key',
          status: 'in_progress',
          fingerprint: 'fp',
          token: (claim as { token: string }).token,
          expiresAt: 1_893_456_001 + 30,
        },
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
      mock.on(PutCommand).rejects(conditionFailed(completed));
      expect(await store.claim('key', 'other', 30)).toEqual({
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
      expect(await store.claim('key', 'fp', 30)).toEqual({ status: 'in_progress', fingerprint: 'fp' });
      expect(mock.commandCalls(GetCommand)[0]!.args[0].input).toMatchObject({ ConsistentRead: true });
    });

    it('throws StoreUnavailableError when DynamoDB throttles', async () => {
      const { mock, store } = mockedStore();
      mock.on(PutCommand).rejects(new ThrottlingException({ message: 'slow down', $metadata: {} }));
      await expect(store.claim('key', 'fp', 30)).rejects.toBeInstanceOf(StoreUnavailableError);
    });

    it('gives every claim its own token', async () => {
      const { mock, store } = mockedStore();
      mock.on(PutCommand).resolves({});
      const [a, b] = [await store.claim('a', 'fp', 30), await store.claim('b', 'fp', 30)];
      expect(a).not.toEqual(b);
    });

    it('refuses a lock that is not a positive whole number of seconds', async () => {
      const { store } = mockedStore();
      for (const lock of [0, 1.5, -1])
        await expect(store.claim('key', 'fp', lock)).rejects.toThrow(RangeError);
    });
  });

  describe('complete', () => {
    it('completes only its own in-progress claim: status, the result as JSON, the retention expiry', async () => {
      const { mock, store } = mockedStore();
      mock.on(UpdateCommand).resolves({});
      expect(await store.complete('key', 'tok', { id: 'p-1', price: { amount: 100, currency: 'EUR' } })).toBe(
        'settled',
      );
      expect(mock.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
        Key: { id: 'key' },
        UpdateExpression: 'SET #status = :completed, #result = :result, #expiresAt = :expiresAt',
        ConditionExpression: '#token = :token AND #status = :inProgress',
        ExpressionAttributeValues: {
          ':token': 'tok',
          ':result': '{"id":"p-1","price":{"amount":100,"currency":"EUR"}}',
          ':expiresAt': 1_893_456_001 + 3_600,
        },
      });
    });

    it('reports a claim that is no longer its own as lost', async () => {
      const { mock, store } = mockedStore();
      mock.on(UpdateCommand).rejects(conditionFailed());
      expect(await store.complete('key', 'tok', { id: 'p-1' })).toBe('lost');
    });

    it('throws StoreUnavailableError when DynamoDB throttles', async () => {
      const { mock, store } = mockedStore();
      mock.on(UpdateCommand).rejects(new ThrottlingException({ message: 'slow down', $metadata: {} }));
      await expect(store.complete('key', 'tok', {})).rejects.toMatchObject({ retryAfterSeconds: 2 });
    });
  });

  describe('release', () => {
    it('deletes only its own in-progress claim', async () => {
      const { mock, store } = mockedStore();
      mock.on(DeleteCommand).resolves({});
      expect(await store.release('key', 'tok')).toBe('settled');
      expect(mock.commandCalls(DeleteCommand)[0]!.args[0].input).toMatchObject({
        Key: { id: 'key' },
        ConditionExpression: '#token = :token AND #status = :inProgress',
        ExpressionAttributeValues: { ':inProgress': 'in_progress', ':token': 'tok' },
      });
    });

    it('reports a completed, gone or other claim as lost', async () => {
      const { mock, store } = mockedStore();
      mock.on(DeleteCommand).rejects(conditionFailed());
      expect(await store.release('key', 'tok')).toBe('lost');
    });
  });

  it('refuses a retention that is not a positive whole number of seconds', () => {
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
    const clock = new ManualClock();
    for (const bad of [{ ttlSeconds: 0 }, { ttlSeconds: 1.5 }]) {
      expect(() => new DynamoDbIdempotencyStore(client, 'idempotency', clock, bad)).toThrow(RangeError);
    }
  });
});
