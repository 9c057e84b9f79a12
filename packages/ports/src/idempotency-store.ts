/** A JSON object the store keeps verbatim as the outcome of a completed request. */
export type IdempotentResult = Readonly<Record<string, unknown>>;

export type IdempotencyClaim =
  /** This execution holds the key; `token` proves it to `complete` and `release`. */
  | { readonly status: 'claimed'; readonly token: string }
  | { readonly status: 'in_progress'; readonly fingerprint: string }
  | { readonly status: 'completed'; readonly fingerprint: string; readonly result: IdempotentResult };

/**
 * What became of a claim its holder settled: `settled` when the store still held that claim and acted on
 * it, `lost` when it no longer did (its lock expired and another execution claimed the key, or the record
 * was completed or released already): then nothing was written.
 */
export type ClaimSettlement = 'settled' | 'lost';

/**
 * Remembers requests by idempotency key (the caller scopes the key, e.g. to the operation and principal).
 * `claim` is atomic: of concurrent claims on one key exactly one gets `claimed`, with a token no other
 * claim gets. A claim locks its key for the time it asks for, so that a crashed execution does not lock it
 * for the whole retention; after that the key may be claimed again. `complete` and `release` act only on
 * the claim whose token they carry (conditional writes), and report a lost claim instead of touching
 * another execution's record. Completed records expire after the store's retention period. A claim can
 * also be completed by the ProductRepository write that creates the product (`create(..., { completing })`),
 * in the same atomic write: the repository of the same store writes this store's record.
 */
export interface IdempotencyStore {
  /**
   * Claims `key` for a new execution, locking it for `lockSeconds` (at least the longest the execution may
   * still run), or reports the live record already held for it.
   */
  claim(key: string, fingerprint: string, lockSeconds: number): Promise<IdempotencyClaim>;
  /** Records the outcome of the execution that holds the claim `token`, for the retention period. */
  complete(key: string, token: string, result: IdempotentResult): Promise<ClaimSettlement>;
  /** Forgets the claim `token` of an execution that failed, so the client may retry with the same key. */
  release(key: string, token: string): Promise<ClaimSettlement>;
}
export const IdempotencyStore = Symbol.for('catalog.IdempotencyStore');
