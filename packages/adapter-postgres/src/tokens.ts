/** The PostgresClient every adapter in this package sends through (see PostgresClient). */
export const PostgresClientToken = Symbol.for('catalog.PostgresClient');

/** How long idempotency records are kept, in whole seconds. */
export interface PostgresIdempotencyRetention {
  /** How long a completed request is remembered. */
  readonly ttlSeconds: number;
}
export const PostgresIdempotencyRetention = Symbol.for('catalog.PostgresIdempotencyRetention');
