import type {
  ClaimSettlement,
  Clock,
  IdempotencyClaim,
  IdempotencyStore,
  IdempotentResult,
} from '@catalog/ports';

export interface IdempotencyRetention {
  /** How long a completed request is remembered. */
  readonly ttlSeconds: number;
}

export const DEFAULT_IDEMPOTENCY_RETENTION: IdempotencyRetention = { ttlSeconds: 86_400 };

type StoredRecord =
  | { status: 'in_progress'; fingerprint: string; token: string; expiresAt: number }
  | { status: 'completed'; fingerprint: string; token: string; result: IdempotentResult; expiresAt: number };

export type IdempotencyOperation = 'claim' | 'complete' | 'release';

/** An IdempotencyStore with the real semantics (claim tokens, locks, retention) kept in a Map. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, StoredRecord>();
  private readonly failures: { operation: IdempotencyOperation; error: Error }[] = [];
  private tokens = 0;

  constructor(
    private readonly clock: Clock,
    private readonly retention: IdempotencyRetention = DEFAULT_IDEMPOTENCY_RETENTION,
  ) {}

  async claim(key: string, fingerprint: string, lockSeconds: number): Promise<IdempotencyClaim> {
    await this.failure('claim');
    const now = this.clock.now().getTime();
    const existing = this.records.get(key);
    if (existing !== undefined && existing.expiresAt > now) {
      return existing.status === 'completed'
        ? { status: 'completed', fingerprint: existing.fingerprint, result: structuredClone(existing.result) }
        : { status: 'in_progress', fingerprint: existing.fingerprint };
    }
    const token = `claim-${++this.tokens}`;
    this.records.set(key, { status: 'in_progress', fingerprint, token, expiresAt: now + lockSeconds * 1000 });
    return { status: 'claimed', token };
  }

  async complete(key: string, token: string, result: IdempotentResult): Promise<ClaimSettlement> {
    await this.failure('complete');
    return this.completeNow(key, token, result);
  }

  /**
   * Completes the claim at once (no await in between): what InMemoryProductRepository calls inside its
   * create, so that the creation and the completion are one atomic step, as the port requires.
   */
  completeNow(key: string, token: string, result: IdempotentResult): ClaimSettlement {
    const held = this.heldClaim(key, token);
    if (held === undefined) return 'lost';
    const expiresAt = this.clock.now().getTime() + this.retention.ttlSeconds * 1000;
    this.records.set(key, { ...held, status: 'completed', result: structuredClone(result), expiresAt });
    return 'settled';
  }

  async release(key: string, token: string): Promise<ClaimSettlement> {
    await this.failure('release');
    if (this.heldClaim(key, token) === undefined) return 'lost';
    this.records.delete(key);
    return 'settled';
  }

  /** Makes the next call of `operation` throw `error` without side effects. */
  failNext(operation: IdempotencyOperation, error: Error): void {
    this.failures.push({ operation, error });
  }

  private heldClaim(key: string, token: string): StoredRecord | undefined {
    const record = this.records.get(key);
    return record?.status === 'in_progress' && record.token === token ? record : undefined;
  }

  private async failure(operation: IdempotencyOperation): Promise<void> {
    await Promise.resolve();
    const index = this.failures.findIndex((failure) => failure.operation === operation);
    if (index >= 0) throw this.failures.splice(index, 1)[0]!.error;
  }
}
