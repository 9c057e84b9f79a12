import {
  eventDataFor,
  PRODUCT_EVENT_VERSION,
  type ProductChange,
  type ProductEvent,
  type ProductEventData,
  type ProductEventMetadata,
} from '@catalog/domain';
import { ProductEventPublisher } from '@catalog/ports';
import { inject, injectable } from 'inversify';
import { eventIdFor } from './event-id';

/** One change as the store's change feed delivered it, in feed order. */
export interface ProductChangeRecord {
  /** How the caller refers to the record when reporting failures (a stream sequence number). */
  readonly recordId: string;
  /** A globally unique, stable identity of the record; the event id is derived from it. */
  readonly sourceId: string;
  /** The correlation id of the write; the event id stands in when the writer left none. */
  readonly correlationId?: string;
  /** Undefined for a record of the feed that concerns no product (e.g. a deletion record removed). */
  readonly change: ProductChange | undefined;
}

export interface PublishProductChangesResult {
  readonly published: number;
  /** Records that were not worth an event (no product, or nothing a consumer sees changed). */
  readonly skipped: number;
  /** Events the publisher tried and could not deliver. */
  readonly failed: number;
  /** Events not attempted because an earlier one failed. */
  readonly notAttempted: number;
  /** The first record whose event was not delivered: it and every later record must be retried. */
  readonly firstFailedRecordId?: string;
}

const toEvent = (record: ProductChangeRecord, data: ProductEventData): ProductEvent => {
  const eventId = eventIdFor(record.sourceId);
  const metadata: ProductEventMetadata = {
    eventId,
    eventVersion: PRODUCT_EVENT_VERSION,
    occurredAt: data.occurredAt,
    correlationId: record.correlationId ?? eventId,
    productId: data.product.id,
    productVersion: data.productVersion,
  };
  return data.type === 'ProductUpdated'
    ? { type: data.type, metadata, data: { product: data.product, changedFields: data.changedFields } }
    : { type: data.type, metadata, data: { product: data.product } };
};

/** Turns store changes into product events and publishes them, reporting where delivery stopped. */
@injectable()
export class PublishProductChanges {
  constructor(@inject(ProductEventPublisher) private readonly publisher: ProductEventPublisher) {}

  async execute(records: readonly ProductChangeRecord[]): Promise<PublishProductChangesResult> {
    const events: ProductEvent[] = [];
    const recordIndexByEventId = new Map<string, number>();
    records.forEach((record, index) => {
      const data = record.change === undefined ? undefined : eventDataFor(record.change);
      if (data === undefined) return;
      const event = toEvent(record, data);
      events.push(event);
      recordIndexByEventId.set(event.metadata.eventId, index);
    });
    const skipped = records.length - events.length;
    if (events.length === 0) return { published: 0, skipped, failed: 0, notAttempted: 0 };

    const { failed } = await this.publisher.publish(events);
    const notAttempted = failed.filter((failure) => failure.errorCode === 'NotAttempted').length;
    const result = {
      published: events.length - failed.length,
      skipped,
      failed: failed.length - notAttempted,
      notAttempted,
    };
    if (failed.length === 0) return result;
    const firstFailedIndex = Math.min(
      ...failed.map(({ eventId }) => {
        const index = recordIndexByEventId.get(eventId);
        if (index === undefined) throw new Error(`The publisher reported an unknown event id ${eventId}`);
        return index;
      }),
    );
    return { ...result, firstFailedRecordId: records[firstFailedIndex]!.recordId };
  }
}
