/** The DynamoDBDocumentClient every adapter in this package sends through (see createDynamoDbDocumentClient). */
export const DynamoDbDocumentClient = Symbol.for('catalog.DynamoDbDocumentClient');

/** The products table's name (a string). */
export const ProductsTableName = Symbol.for('catalog.ProductsTableName');

/** The idempotency table's name (a string). */
export const IdempotencyTableName = Symbol.for('catalog.IdempotencyTableName');

/** How long idempotency records are kept, in whole seconds. */
export interface IdempotencyRetention {
  /** How long a completed request is remembered. (A claim's lock is given with each claim.) */
  readonly ttlSeconds: number;
}
export const IdempotencyRetention = Symbol.for('catalog.IdempotencyRetention');
