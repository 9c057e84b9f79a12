import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { ProductEvent } from '@catalog/domain';

/** PutEvents accepts at most this many entries per call. */
export const MAX_ENTRIES_PER_CALL = 10;

/** PutEvents accepts at most 256 KB of entries per call, sized as `entrySize` does. */
export const MAX_CALL_BYTES = 256 * 1024;

/** Where product events go: the bus and the `Source` every entry carries. */
export interface ProductEventBus {
  readonly eventBusName: string;
  readonly source: string;
}

/**
 * The PutEvents entry for a product event: `DetailType` is the event type and `Detail` is the event
 * without it (`{ metadata, data }`), so a consumer's `detail` is exactly what the event schemas describe.
 */
export const toPutEventsEntry = (
  event: ProductEvent,
  bus: ProductEventBus,
  traceHeader?: string,
): PutEventsRequestEntry => {
  const { type, metadata, data } = event;
  const entry: PutEventsRequestEntry = {
    Source: bus.source,
    DetailType: type,
    Detail: JSON.stringify({ metadata, data }),
    EventBusName: bus.eventBusName,
    Time: new Date(metadata.occurredAt),
  };
  if (traceHeader !== undefined) entry.TraceHeader = traceHeader;
  return entry;
};

const utf8Bytes = (value: string | undefined): number =>
  value === undefined ? 0 : Buffer.byteLength(value, 'utf8');

/**
 * The size EventBridge counts against the 256 KB limit ("Calculating PutEvents event entry size"): 14 bytes
 * for `Time` when set, plus the UTF-8 bytes of `Source`, `DetailType`, `Detail` and each of `Resources`.
 * `EventBusName` and `TraceHeader` are not counted.
 */
export const entrySize = (entry: PutEventsRequestEntry): number =>
  (entry.Time === undefined ? 0 : 14) +
  utf8Bytes(entry.Source) +
  utf8Bytes(entry.DetailType) +
  utf8Bytes(entry.Detail) +
  (entry.Resources ?? []).reduce((total, resource) => total + utf8Bytes(resource), 0);
