import { PostgresProductOutbox, type OutboxEntry, type RelayDecision } from '@catalog/adapter-postgres';
import { PublishProductChanges, type ProductChangeRecord } from '@catalog/application';
import type { ProductChange } from '@catalog/domain';
import { inject, injectable } from 'inversify';
import { errorDetails, Logger } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import { toOutboxChangeRecord } from './outbox-records';

/** How much one relay pass claims: products (whose rows are taken whole) and rows at most. */
export interface RelayLimits {
  readonly products: number;
  readonly entries: number;
}
export const RelayLimits = Symbol.for('catalog.RelayLimits');

export interface RelayPassResult {
  readonly claimed: number;
  readonly published: number;
  readonly refused: boolean;
}

// Published rows are kept a week for inspection and replays, then deleted in bounded steps.
const PUBLISHED_RETENTION_SECONDS = 7 * 24 * 3600;
const PURGE_LIMIT = 10_000;
// When the relay gives up on a row and parks it (ADR 0013). A row that cannot be read fails the same way
// each time: five attempts (about half a minute of backoff) cover a deploy that briefly ran an older
// reader. A row the bus refuses may be refused for a passing reason (throttling, an outage): twenty
// attempts are about an hour of backoff, beyond which the product's later events should not wait.
export const UNREADABLE_ATTEMPTS = 5;
export const REFUSED_ATTEMPTS = 20;

const isReadable = (entry: OutboxEntry): entry is OutboxEntry & { change: ProductChange } =>
  !(entry.change instanceof Error);

/**
 * One pass of the outbox relay: claims due changes (per product, in position order, never a product's
 * rows split across relays), publishes them through PublishProductChanges (the use case the stream
 * function uses, so the events are the same), and marks as published exactly the rows before the first
 * one not delivered; that one is held back with backoff, the rest stay due. All in one transaction.
 */
@injectable()
export class OutboxRelay {
  constructor(
    @inject(PostgresProductOutbox)
    private readonly outbox: Pick<
      PostgresProductOutbox,
      'relayBatch' | 'purgePublished' | 'purgeExpiredIdempotencyRecords' | 'backlog'
    >,
    @inject(PublishProductChanges) private readonly publishChanges: Pick<PublishProductChanges, 'execute'>,
    @inject(RelayLimits) private readonly limits: RelayLimits,
    @inject(Logger) private readonly logger: Logger,
    @inject(Metrics) private readonly metrics: Metrics,
  ) {}

  async pass(): Promise<RelayPassResult> {
    const result = await this.outbox.relayBatch(this.limits, (entries) => this.publish(entries));
    const { parked } = result;
    if (parked !== undefined) {
      this.metrics.add('OutboxRowsParked', 1);
      this.logger.error("outbox row parked after its last attempt; its product's later rows go on", {
        position: parked.position,
        productId: parked.productId,
        attempts: parked.attempts + 1,
      });
    }
    return { claimed: result.claimed, published: result.published, refused: result.refused };
  }

  /**
   * Once per invocation: forgets rows published more than a week ago and expired idempotency records, and
   * reports the backlog: its size, the age of its oldest row and the parked rows (the figures to alarm on:
   * nothing is ever dropped, so a stuck or parked row shows there).
   */
  async housekeeping(): Promise<void> {
    const purged = await this.outbox.purgePublished(PUBLISHED_RETENTION_SECONDS, PURGE_LIMIT);
    const expiredKeys = await this.outbox.purgeExpiredIdempotencyRecords(PURGE_LIMIT);
    const { pending, oldestMs, parked } = await this.outbox.backlog();
    this.metrics.add('OutboxBacklog', pending);
    this.metrics.add('OutboxOldestAge', Math.round(oldestMs), 'Milliseconds');
    this.metrics.add('OutboxParked', parked);
    this.logger.info('outbox housekeeping', {
      purged,
      expiredKeys,
      pending,
      parked,
      oldestMs: Math.round(oldestMs),
    });
  }

  private async publish(entries: readonly OutboxEntry[]): Promise<RelayDecision> {
    const unreadableAt = entries.findIndex((entry) => !isReadable(entry));
    const readable = (unreadableAt === -1 ? entries : entries.slice(0, unreadableAt)).filter(isReadable);
    const records: ProductChangeRecord[] = readable.map(toOutboxChangeRecord);
    const result = await this.publishChanges.execute(records);
    this.metrics.add('EventsPublished', result.published);
    this.metrics.add('EventsFailed', result.failed);
    const undeliveredAt =
      result.firstFailedRecordId === undefined
        ? undefined
        : Math.max(
            0,
            entries.findIndex((entry) => entry.position === result.firstFailedRecordId),
          );
    if (unreadableAt !== -1 && (undeliveredAt === undefined || unreadableAt < undeliveredAt)) {
      const entry = entries[unreadableAt]!;
      this.logger.error("unreadable outbox row; it and its product's later rows are held back", {
        position: entry.position,
        productId: entry.productId,
        error: errorDetails(entry.change),
      });
      return {
        firstUndeliveredIndex: unreadableAt,
        error: `unreadable: ${(entry.change as Error).message}`,
        parkAfterAttempts: UNREADABLE_ATTEMPTS,
      };
    }
    if (undeliveredAt === undefined) return {};
    const entry = entries[undeliveredAt]!;
    this.logger.warn('events not delivered; holding back from the first undelivered row', {
      claimed: entries.length,
      ...result,
      firstFailedPosition: entry.position,
      attempts: entry.attempts + 1,
    });
    return {
      firstUndeliveredIndex: undeliveredAt,
      error: 'the event bus did not accept the event',
      parkAfterAttempts: REFUSED_ATTEMPTS,
    };
  }
}
