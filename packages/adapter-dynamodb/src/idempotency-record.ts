import type { IdempotentResult } from '@catalog/ports';

// The idempotency table's item layout (docs/decisions/0003-dynamodb-table-design.md): id = the scoped
// idempotency key, status, fingerprint, token (the claim's), result (the JSON text of a completed request's
// outcome) and expiresAt (epoch seconds, the table's TTL). Written by DynamoDbIdempotencyStore, and completed
// by DynamoDbProductRepository's create inside the same transaction as the product.

/** Rounded up, so a record is kept at least the whole period; it has expired once `expiresAt <= now`. */
export const expiryAfter = (nowMs: number, seconds: number): number => Math.ceil(nowMs / 1000) + seconds;

/** The UpdateItem that completes the claim `token` of `key` with `result`; conditional on the claim. */
export const completionUpdate = (
  tableName: string,
  key: string,
  token: string,
  result: IdempotentResult,
  expiresAt: number,
) => ({
  TableName: tableName,
  Key: { id: key },
  UpdateExpression: 'SET #status = :completed, #result = :result, #expiresAt = :expiresAt',
  ConditionExpression: '#token = :token AND #status = :inProgress',
  ExpressionAttributeNames: {
    '#status': 'status',
    '#token': 'token',
    '#result': 'result',
    '#expiresAt': 'expiresAt',
  },
  ExpressionAttributeValues: {
    ':completed': 'completed',
    ':inProgress': 'in_progress',
    ':token': token,
    // Kept as JSON text: DynamoDB's own types would turn numbers into decimals and reject some shapes.
    ':result': JSON.stringify(result),
    ':expiresAt': expiresAt,
  },
});
