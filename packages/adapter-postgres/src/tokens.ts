/** The PostgresClient every adapter in this package sends through (see PostgresClient). */
export const PostgresClientToken = Symbol.for('catalog.PostgresClient');

/** A secret that signs list cursors; anyone holding it can forge cursors, so it is at least 16 bytes. */
export type CursorSigningKey = string | Uint8Array;
/** The CursorSigningKey of the PostgreSQL product repository; the composition root decides its source. */
export const PostgresCursorKey = Symbol.for('catalog.PostgresCursorKey');

/** How long idempotency records are kept, in whole seconds. */
export interface PostgresIdempotencyRetention {
  /** How long a completed request is remembered. */
  readonly ttlSeconds: number;
}
export const PostgresIdempotencyRetention = Symbol.for('catalog.PostgresIdempotencyRetention');
