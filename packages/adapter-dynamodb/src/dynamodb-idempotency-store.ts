import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { Clock, type IdempotencyClaim, type IdempotencyStore, type IdempotentResult } from '@catalog/ports';
import { inject, injectable } from 'inversify';
import { isConditionalCheckFailed, storeCall, translateStoreError } from './store-errors';
import { DynamoDbDocumentClient, IdempotencyRetention, IdempotencyTableName } from './tokens';

// Item layout (docs/decisions/0003-dynamodb-table-design.md): id = the idempotency key, status, fingerprint,
// result (the JSON text of a completed request's outcome) and expiresAt (epoch seconds, the table's TTL).
type StoredRecord =
  | { readonly status: 'in_progress'; readonly fingerprint: string; readonly expiresAt: number }
  | {
      readonly status: 'completed';
      readonly fingerprint: string;
      readonly result: string;
      readonly expiresAt: number;
    };

// A claim that finds the record gone between its write and its read tries again this often.
const CLAIM_ATTEMPTS = 3;

const toClaim = (item: Readonly<Record<string, unknown>>, key: string): IdempotencyClaim => {
  const { status, fingerprint, result } = item;
  if (typeof fingerprint === 'string' && status === 'in_progress') return { status, fingerprint };
  if (typeof fingerprint === 'string' && status === 'completed' && typeof result === 'string') {
    return { status, fingerprint, result: JSON.parse(result) as IdempotentResult };
  }
  throw new Error(`The idempotency record for key ${JSON.stringify(key)} is malformed`);
};

/**
 * IdempotencyStore on one DynamoDB table. A claim is one conditional PutItem that succeeds when no record
 * exists or the record has expired: DynamoDB deletes expired items lazily (often days later), so expiry is
 * decided here, from `expiresAt` and the injected clock, never from the item's mere presence.
 */
@injectable()
export class DynamoDbIdempotencyStore implements IdempotencyStore {
  constructor(
    @inject(DynamoDbDocumentClient) private readonly client: DynamoDBDocumentClient,
    @inject(IdempotencyTableName) private readonly tableName: string,
    @inject(Clock) private readonly clock: Clock,
    @inject(IdempotencyRetention) private readonly retention: IdempotencyRetention,
  ) {
    for (const [name, seconds] of Object.entries(retention)) {
      if (!Number.isSafeInteger(seconds) || (seconds as number) < 1) {
        throw new RangeError(`IdempotencyRetention.${name} must be a positive whole number of seconds`);
      }
    }
  }

  async claim(key: string, fingerprint: string): Promise<IdempotencyClaim> {
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      const now = this.clock.now().getTime();
      const record: StoredRecord = {
        status: 'in_progress',
        fingerprint,
        expiresAt: expiryAfter(now, this.retention.inProgressTtlSeconds),
      };
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { id: key, ...record },
            ConditionExpression: 'attribute_not_exists(#id) OR #expiresAt <= :now',
            ExpressionAttributeNames: { '#id': 'id', '#expiresAt': 'expiresAt' },
            ExpressionAttributeValues: { ':now': Math.floor(now / 1000) },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { status: 'claimed' };
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw translateStoreError(error, 'PutItem');
        const held =
          error.Item === undefined
            ? await this.read(key)
            : unmarshall(error.Item as Record<string, AttributeValue>);
        if (held !== undefined) return toClaim(held, key);
      }
    }
    throw new Error(`Could not claim idempotency key ${JSON.stringify(key)}: its record keeps changing`);
  }

  async complete(key: string, fingerprint: string, result: IdempotentResult): Promise<void> {
    const record: StoredRecord = {
      status: 'completed',
      fingerprint,
      // Kept as JSON text: DynamoDB's own types would turn numbers into decimals and reject some shapes.
      result: JSON.stringify(result),
      expiresAt: expiryAfter(this.clock.now().getTime(), this.retention.ttlSeconds),
    };
    await storeCall('PutItem', () =>
      this.client.send(new PutCommand({ TableName: this.tableName, Item: { id: key, ...record } })),
    );
  }

  async release(key: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { id: key },
          ConditionExpression: '#status = :inProgress',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':inProgress': 'in_progress' },
        }),
      );
    } catch (error) {
      // Absent or completed: a completed record must survive, so there is nothing to release.
      if (!isConditionalCheckFailed(error)) throw translateStoreError(error, 'DeleteItem');
    }
  }

  private async read(key: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await storeCall('GetItem', () =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: { id: key }, ConsistentRead: true })),
    );
    return Item;
  }
}

// Rounded up, so a record is kept at least the whole period; it has expired once `expiresAt <= now`.
const expiryAfter = (nowMs: number, seconds: number): number => Math.ceil(nowMs / 1000) + seconds;
