/** A JSON object the store keeps verbatim as the outcome of a completed request. */
export type IdempotentResult = Readonly<Record<string, unknown>>;

export type IdempotencyClaim =
  | { readonly status: 'claimed' }
  | { readonly status: 'in_progress'; readonly fingerprint: string }
  | { readonly status: 'completed'; readonly fingerprint: string; readonly result: IdempotentResult };

/**
 * Remembers requests by idempotency key. `claim` is atomic: of concurrent claims on one key exactly one
 * gets `claimed`. Records expire after a retention period; an in-progress claim also expires (after the
 * longest a request may run) so that a crashed request does not lock its key for the whole retention.
 */
export interface IdempotencyStore {
  /** Claims `key` for a new execution, or reports the record already held for it. */
  claim(key: string, fingerprint: string): Promise<IdempotencyClaim>;
  /** Records the outcome of the execution that claimed `key`. */
  complete(key: string, fingerprint: string, result: IdempotentResult): Promise<void>;
  /** Forgets an in-progress claim whose execution failed, so the client may retry with the same key. */
  release(key: string): Promise<void>;
}
export const IdempotencyStore = Symbol.for('catalog.IdempotencyStore');
