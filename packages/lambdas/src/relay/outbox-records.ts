import type { OutboxEntry } from '@catalog/adapter-postgres';
import type { ProductChangeRecord } from '@catalog/application';
import type { ProductChange } from '@catalog/domain';

/**
 * The source identity of an outbox row, from which the event id derives: the row's position never
 * changes and is never reused, so a republished row carries the same eventId.
 */
export const outboxSourceId = (position: string): string => `catalog.product_outbox:${position}`;

/** The use case's view of an outbox row: failures are reported by position, as the relay marks rows. */
export const toOutboxChangeRecord = (
  entry: OutboxEntry & { change: ProductChange },
): ProductChangeRecord => ({
  recordId: entry.position,
  sourceId: outboxSourceId(entry.position),
  correlationId: entry.correlationId,
  change: entry.change,
});
