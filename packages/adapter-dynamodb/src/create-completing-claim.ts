import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  createProduct,
  IdempotencyKeyInFlightError,
  VersionConflictError,
  type Product,
  type ProductDeletion,
  type ProductDetails,
  type ProductId,
} from '@catalog/domain';
import type { Clock, HeldClaim, IdempotentResult, WriteContext } from '@catalog/ports';
import { completionUpdate, expiryAfter } from './idempotency-record';
import { readLiveItem, readTombstoneItem } from './product-item';
import { createWrite } from './product-writes';
import { translateStoreError } from './store-errors';

/** Where a completed claim goes: the idempotency table and how long its records are kept. */
export interface IdempotencyTable {
  readonly tableName: string;
  readonly ttlSeconds: number;
  /** The idempotency store's clock: its records expire by it. */
  readonly clock: Clock;
}

interface CancellationReason {
  readonly Code?: string;
  readonly Item?: Record<string, AttributeValue>;
}

const reasonsOf = (error: unknown): readonly CancellationReason[] | undefined =>
  error instanceof Error && error.name === 'TransactionCanceledException'
    ? ((error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [])
    : undefined;

// A tombstone that changes between attempts (another writer re-creating and deleting the id) is retried
// this often; with server-assigned ids the first attempt is the only one in practice.
const ATTEMPTS = 3;

/**
 * Creates the product and completes the idempotency claim in ONE TransactWriteItems call: the product's
 * conditional UpdateItem and the claim's completion (conditional on its token). A transaction returns no
 * old item when it succeeds, so each attempt states the exact state it creates on (no item, or the
 * tombstone at a version), which fixes the created version beforehand; a cancelled attempt returns the item
 * it met (ReturnValuesOnConditionCheckFailure), from which the next attempt, or the conflict, follows.
 */
export const createCompletingClaim = async (
  client: DynamoDBDocumentClient,
  tables: { readonly products: string; readonly idempotency: IdempotencyTable | undefined },
  id: ProductId,
  details: ProductDetails,
  at: Date,
  context: WriteContext,
  claim: HeldClaim,
): Promise<Product> => {
  const idempotency = tables.idempotency;
  if (idempotency === undefined) {
    throw new Error(
      'DynamoDbProductRepository needs IdempotencyTableName and IdempotencyRetention to complete claims',
    );
  }
  let after: ProductDeletion | undefined;
  for (let attempt = 1; ; attempt++) {
    const product = createProduct(id, details, at, after);
    const write = createWrite(id, details, at, context, after ?? 'nothing');
    const result = JSON.parse(JSON.stringify(product)) as IdempotentResult;
    const expiresAt = expiryAfter(idempotency.clock.now().getTime(), idempotency.ttlSeconds);
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tables.products,
                Key: write.Key!,
                UpdateExpression: write.UpdateExpression!,
                ConditionExpression: write.ConditionExpression!,
                ExpressionAttributeNames: write.ExpressionAttributeNames!,
                ExpressionAttributeValues: write.ExpressionAttributeValues!,
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            { Update: completionUpdate(idempotency.tableName, claim.key, claim.token, result, expiresAt) },
          ],
        }),
      );
      return product;
    } catch (error) {
      after = tombstoneToRetryOn(error, id, attempt);
    }
  }
};

/** What a failed attempt met: the tombstone to try again on, or (thrown) why the create cannot be. */
const tombstoneToRetryOn = (error: unknown, id: ProductId, attempt: number): ProductDeletion | undefined => {
  const reasons = reasonsOf(error);
  if (reasons === undefined) throw translateStoreError(error, 'TransactWriteItems');
  const [productReason, claimReason] = reasons;
  if (claimReason?.Code === 'ConditionalCheckFailed') throw new IdempotencyKeyInFlightError();
  if (productReason?.Code !== 'ConditionalCheckFailed') {
    // TransactionConflict (a concurrent transaction on an item), throttling: a later try may succeed.
    const code = reasons.map((reason) => reason.Code ?? 'None').join(',');
    throw translateStoreError(
      Object.assign(new Error(code), { name: 'ServiceUnavailable' }),
      `TransactWriteItems (${code})`,
    );
  }
  const old = productReason.Item === undefined ? undefined : unmarshall(productReason.Item);
  const live = readLiveItem(old);
  if (live !== undefined) throw new VersionConflictError(id, 'absent', live.version, { cause: error });
  if (attempt >= ATTEMPTS) throw new VersionConflictError(id, 'absent', 'absent', { cause: error });
  return readTombstoneItem(old);
};
