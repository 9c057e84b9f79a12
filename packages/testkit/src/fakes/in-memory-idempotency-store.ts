import type { Clock, IdempotencyClaim, IdempotencyStore, IdempotentResult } from '@catalog/ports';

export interface IdempotencyRetention {
  /** How long a completed request is remembered. */
  readonly ttlSeconds: number;
  /** How long an unfinished claim locks its key (at least the longest a request may run). */
  readonly inProgressTtlSeconds: number;
}

export const DEFAULT_IDEMPOTENCY_RETENTION: IdempotencyRetention = {
  ttlSeconds: 86_400,
  inProgressTtlSeconds: 60,
};

type StoredRecord =
  | { status: 'in_progress'; fingerprint: string; expiresAt: number }
  | { status: 'completed'; fingerprint: string; result: IdempotentResult; expiresAt: number };

export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, StoredRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly retention: IdempotencyRetention = DEFAULT_IDEMPOTENCY_RETENTION,
  ) {}

  async claim(key: string, fingerprint: string): Promise<IdempotencyClaim> {
    await Promise.resolve();
    const now = this.clock.now().getTime();
    const existing = this.records.get(key);
    if (existing !== undefined && existing.expiresAt > now) {
      return existing.status === 'completed'
        ? { status: 'completed', fingerprint: existing.fingerprint, result: structuredClone(existing.result) }
        : { status: 'in_progress', fingerprint: existing.fingerprint };
    }
    this.records.set(key, {
      status: 'in_progress',
      fingerprint,
      expiresAt: now + this.retention.inProgressTtlSeconds * 1000,
    });
    return { status: 'claimed' };
  }

  async complete(key: string, fingerprint: string, result: IdempotentResult): Promise<void> {
    await Promise.resolve();
    const expiresAt = this.clock.now().getTime() + this.retention.ttlSeconds * 1000;
    this.records.set(key, { status: 'completed', fingerprint, result: structuredClone(result), expiresAt });
  }

  async release(key: string): Promise<void> {
    await Promise.resolve();
    if (this.records.get(key)?.status === 'in_progress') this.records.delete(key);
  }
}
