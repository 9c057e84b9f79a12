import { randomUUID } from 'node:crypto';
import {
  Clock,
  type ClaimSettlement,
  type IdempotencyClaim,
  type IdempotencyStore,
  type IdempotentResult,
} from '@catalog/ports';
import { inject, injectable } from 'inversify';
import type { PostgresClient } from './client';
import { PostgresClientToken, PostgresIdempotencyRetention } from './tokens';

// Claims the key when it holds no record or only an expired one; otherwise returns the live record. The
// second branch reads the statement's snapshot, which may predate a concurrent claim that the first branch
// waited for: it then finds no live record, and the claim is simply tried again.
const CLAIM_SQL = `
WITH claimed AS (
  INSERT INTO idempotency_records AS r (key, status, fingerprint, token, result, expires_at)
  VALUES ($1, 'in_progress', $2, $3, NULL, $4)
  ON CONFLICT (key) DO UPDATE
    SET status = 'in_progress', fingerprint = EXCLUDED.fingerprint, token = EXCLUDED.token, result = NULL,
        expires_at = EXCLUDED.expires_at
    WHERE r.expires_at <= $5
  RETURNING 1
)
SELECT 'claimed' AS status, NULL AS fingerprint, NULL::jsonb AS result FROM claimed
UNION ALL
SELECT status, fingerprint, result FROM idempotency_records
WHERE key = $1 AND expires_at > $5 AND NOT EXISTS (SELECT 1 FROM claimed)`;

const COMPLETE_SQL = `
UPDATE idempotency_records SET status = 'completed', result = $3, expires_at = $4
WHERE key = $1 AND token = $2 AND status = 'in_progress'
RETURNING 1`;

const RELEASE_SQL = `
DELETE FROM idempotency_records WHERE key = $1 AND token = $2 AND status = 'in_progress' RETURNING 1`;

const CLAIM_ATTEMPTS = 3;

interface ClaimRow {
  readonly status: 'claimed' | 'in_progress' | 'completed';
  readonly fingerprint: string | null;
  readonly result: unknown;
}

const isResult = (value: unknown): value is IdempotentResult =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * IdempotencyStore on one PostgreSQL table. Expiry is decided from `expires_at` and the injected clock,
 * never from a row's mere presence (rows are deleted lazily); a claim carries a random token, and
 * `complete`/`release` change the record only while it still holds that token.
 */
@injectable()
export class PostgresIdempotencyStore implements IdempotencyStore {
  constructor(
    @inject(PostgresClientToken) private readonly client: PostgresClient,
    @inject(Clock) private readonly clock: Clock,
    @inject(PostgresIdempotencyRetention) private readonly retention: PostgresIdempotencyRetention,
  ) {
    if (!Number.isSafeInteger(retention.ttlSeconds) || retention.ttlSeconds < 1) {
      throw new RangeError(
        'PostgresIdempotencyRetention.ttlSeconds must be a positive whole number of seconds',
      );
    }
  }

  async claim(key: string, fingerprint: string, lockSeconds: number): Promise<IdempotencyClaim> {
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      const now = this.clock.now();
      const token = randomUUID();
      const rows = await this.client.write<ClaimRow>('claim idempotency key', CLAIM_SQL, [
        key,
        fingerprint,
        token,
        after(now, lockSeconds),
        now.toISOString(),
      ]);
      const row = rows[0];
      if (row === undefined) continue;
      if (row.status === 'claimed') return { status: 'claimed', token };
      if (typeof row.fingerprint !== 'string') break;
      if (row.status === 'in_progress') return { status: 'in_progress', fingerprint: row.fingerprint };
      if (isResult(row.result))
        return { status: 'completed', fingerprint: row.fingerprint, result: row.result };
      break;
    }
    throw new Error(`The idempotency record for key ${JSON.stringify(key)} is malformed or keeps changing`);
  }

  async complete(key: string, token: string, result: IdempotentResult): Promise<ClaimSettlement> {
    const rows = await this.client.write('complete idempotency key', COMPLETE_SQL, [
      key,
      token,
      JSON.stringify(result),
      after(this.clock.now(), this.retention.ttlSeconds),
    ]);
    return rows.length === 1 ? 'settled' : 'lost';
  }

  async release(key: string, token: string): Promise<ClaimSettlement> {
    const rows = await this.client.write('release idempotency key', RELEASE_SQL, [key, token]);
    return rows.length === 1 ? 'settled' : 'lost';
  }
}

// Kept at least the whole period; the record has expired once `expires_at <= now`.
const after = (now: Date, seconds: number): string => new Date(now.getTime() + seconds * 1000).toISOString();
