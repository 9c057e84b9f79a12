import type { ProductChange } from '@catalog/domain';
import { inject, injectable } from 'inversify';
import type { PostgresClient } from './client';
import { toProductChange } from './outbox-change';
import {
  BACKLOG_SQL,
  CLAIM_SQL,
  MARK_PUBLISHED_SQL,
  MARK_REFUSED_SQL,
  PURGE_IDEMPOTENCY_SQL,
  PURGE_SQL,
  type OutboxRow,
} from './outbox-sql';
import { PostgresClientToken } from './tokens';

/** One change waiting in the outbox, as the relay hands it on. */
export interface OutboxEntry {
  /** The row's position: unique and stable, so it identifies the change (and its event) for good. */
  readonly position: string;
  readonly productId: string;
  /** The change, or the reason its row cannot be read (it is then held back like a refused one). */
  readonly change: ProductChange | Error;
  readonly correlationId: string;
  /** When the write committed its row (the occurrence time of a removal), ISO 8601 UTC. */
  readonly recordedAt: string;
  /** Earlier attempts the bus refused. */
  readonly attempts: number;
}

/** What the relay made of a claimed batch, in entry order. */
export interface RelayDecision {
  /** The first entry not delivered: it and every later entry stay unpublished. Absent: all delivered. */
  readonly firstUndeliveredIndex?: number;
  /** Why the first undelivered entry was not delivered (kept on its row). */
  readonly error?: string;
  /**
   * The attempts after which the first undelivered entry is parked rather than held back again: kept, but
   * no longer published or holding back its product's later rows. Absent: never parked.
   */
  readonly parkAfterAttempts?: number;
}

export interface RelayBatchResult {
  readonly claimed: number;
  readonly published: number;
  /** Whether an entry was refused (and so held back with backoff, or parked). */
  readonly refused: boolean;
  /** The refused entry, when it was parked by this pass. */
  readonly parked?: OutboxEntry;
}

export interface OutboxBacklog {
  readonly pending: number;
  readonly oldestMs: number;
  /** Rows the relay gave up on: kept for an operator, never published until requeued. */
  readonly parked: number;
}

// Refused entries wait 1 s, 2 s, 4 s ... up to 5 minutes, then keep trying every 5 minutes: nothing is ever
// dropped; the backlog's age (a metric) tells when someone should look.
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 300_000;
const NEVER_PARKED = 2_147_483_647;
export const backoffMs = (attempts: number): number =>
  Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempts, 20));

/**
 * The transactional outbox, as its relay sees it: claims due changes per product, lets the caller publish
 * them, and marks what was delivered, all in one transaction. A relay that dies before committing leaves
 * its rows unpublished (the transaction rolls back), so they are published again, with the same position
 * and hence the same event ids: delivery is at least once. A row the relay gives up on is parked: kept
 * with its last error, counted in the backlog, no longer holding back its product's later rows.
 */
@injectable()
export class PostgresProductOutbox {
  constructor(@inject(PostgresClientToken) private readonly client: PostgresClient) {}

  async relayBatch(
    limits: { readonly products: number; readonly entries: number },
    publish: (entries: readonly OutboxEntry[]) => Promise<RelayDecision>,
  ): Promise<RelayBatchResult> {
    return this.client.transaction('outbox relay', async (sql) => {
      const { rows } = await sql.query<OutboxRow>(CLAIM_SQL, [limits.products, limits.entries]);
      if (rows.length === 0) return { claimed: 0, published: 0, refused: false };
      const claimed = rows.length;
      const entries = rows.map(toEntry);
      const decision = await publish(entries);
      const delivered = decision.firstUndeliveredIndex ?? entries.length;
      if (delivered > 0) {
        await sql.query(MARK_PUBLISHED_SQL, [entries.slice(0, delivered).map((entry) => entry.position)]);
      }
      const refused = entries[delivered];
      if (refused === undefined) return { claimed, published: delivered, refused: false };
      const marked = await sql.query<{ parked: boolean }>(MARK_REFUSED_SQL, [
        refused.position,
        backoffMs(refused.attempts),
        (decision.error ?? 'not delivered').slice(0, 1_000),
        decision.parkAfterAttempts ?? NEVER_PARKED,
      ]);
      const parked = marked.rows[0]?.parked === true;
      return { claimed, published: delivered, refused: true, ...(parked ? { parked: refused } : {}) };
    });
  }

  /** How many changes wait, and how long the oldest has waited. */
  async backlog(): Promise<OutboxBacklog> {
    const [row] = await this.client.read<{ pending: number; oldest_ms: number; parked: number }>(
      'outbox backlog',
      BACKLOG_SQL,
    );
    return { pending: row?.pending ?? 0, oldestMs: row?.oldest_ms ?? 0, parked: row?.parked ?? 0 };
  }

  /** Deletes idempotency records that expired over a minute ago, `limit` at most; returns how many. */
  async purgeExpiredIdempotencyRecords(limit = 1_000): Promise<number> {
    const rows = await this.client.write('idempotency purge', `${PURGE_IDEMPOTENCY_SQL} RETURNING 1`, [
      limit,
    ]);
    return rows.length;
  }

  /** Deletes published rows older than `retentionSeconds`, `limit` at most; returns how many. */
  async purgePublished(retentionSeconds: number, limit = 1_000): Promise<number> {
    const rows = await this.client.write('outbox purge', `${PURGE_SQL} RETURNING 1`, [
      retentionSeconds,
      limit,
    ]);
    return rows.length;
  }
}

const toEntry = (row: OutboxRow): OutboxEntry => {
  let change: ProductChange | Error;
  try {
    change = toProductChange(row);
  } catch (error) {
    change = new Error(`outbox row ${row.position} cannot be read`, { cause: error });
  }
  return {
    position: row.position,
    productId: row.product_id,
    change,
    correlationId: row.correlation_id,
    recordedAt: row.recorded_at,
    attempts: row.attempts,
  };
};
