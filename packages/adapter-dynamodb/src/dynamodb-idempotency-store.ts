import { randomUUID } from 'node:crypto';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  Clock,
  type ClaimSettlement,
  type IdempotencyClaim,
  type IdempotencyStore,
  type IdempotentResult,
} from '@catalog/ports';
import { inject, injectable } from 'inversify';
import { completionUpdate, expiryAfter } from './idempotency-record';
import { isConditionalCheckFailed, storeCall, translateStoreError } from './store-errors';
import { DynamoDbDocumentClient, IdempotencyRetention, IdempotencyTableName } from './tokens';

// Item layout: see idempotency-record.ts.

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
 * decided here, from `expiresAt` and the injected clock, never from the item's mere presence. Complete and
 * release are conditional on the claim's token, so they never touch a record another execution claimed.
 */
@injectable()
export class DynamoDbIdempotencyStore implements IdempotencyStore {
  constructor(
    @inject(DynamoDbDocumentClient) private readonly client: DynamoDBDocumentClient,
    @inject(IdempotencyTableName) private readonly tableName: string,
    @inject(Clock) private readonly clock: Clock,
    @inject(IdempotencyRetention) private readonly retention: IdempotencyRetention,
  ) {
    if (!isWholeSeconds(retention.ttlSeconds)) {
      throw new RangeError('IdempotencyRetention.ttlSeconds must be a positive whole number of seconds');
    }
  }

  async claim(key: string, fingerprint: string, lockSeconds: number): Promise<IdempotencyClaim> {
    if (!isWholeSeconds(lockSeconds)) throw new RangeError('lockSeconds must be a positive whole number');
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      const now = this.clock.now().getTime();
      const token = randomUUID();
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              id: key,
              status: 'in_progress',
              fingerprint,
              token,
              expiresAt: expiryAfter(now, lockSeconds),
            },
            ConditionExpression: 'attribute_not_exists(#id) OR #expiresAt <= :now',
            ExpressionAttributeNames: { '#id': 'id', '#expiresAt': 'expiresAt' },
            ExpressionAttributeValues: { ':now': Math.floor(now / 1000) },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { status: 'claimed', token };
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

  async complete(key: string, token: string, result: IdempotentResult): Promise<ClaimSettlement> {
    const expiresAt = expiryAfter(this.clock.now().getTime(), this.retention.ttlSeconds);
    return this.settle('UpdateItem', () =>
      this.client.send(new UpdateCommand(completionUpdate(this.tableName, key, token, result, expiresAt))),
    );
  }

  async release(key: string, token: string): Promise<ClaimSettlement> {
    return this.settle('DeleteItem', () =>
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { id: key },
          ConditionExpression: '#token = :token AND #status = :inProgress',
          ExpressionAttributeNames: { '#status': 'status', '#token': 'token' },
          ExpressionAttributeValues: { ':inProgress': 'in_progress', ':token': token },
        }),
      ),
    );
  }

  /** One write conditional on the claim: `lost` when the record is no longer that claim. */
  private async settle(operation: string, write: () => Promise<unknown>): Promise<ClaimSettlement> {
    try {
      await write();
      return 'settled';
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw translateStoreError(error, operation);
      return 'lost';
    }
  }

  private async read(key: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await storeCall('GetItem', () =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: { id: key }, ConsistentRead: true })),
    );
    return Item;
  }
}

const isWholeSeconds = (seconds: unknown): boolean =>
  typeof seconds === 'number' && Number.isSafeInteger(seconds) && seconds >= 1;
