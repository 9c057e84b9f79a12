import type { ProductStreamChange } from '@catalog/adapter-dynamodb';
import type { ProductChangeRecord } from '@catalog/application';
import type { DynamoDBRecord } from 'aws-lambda';

/** Reads one stream record as a product change; throws (StreamRecordError) when it cannot. */
export type StreamRecordParser = (record: unknown) => ProductStreamChange;
export const StreamRecordParser = Symbol.for('catalog.StreamRecordParser');

/**
 * The use case's view of a stream change: failures are reported by sequence number (what Lambda's
 * `batchItemFailures` names), and the event id derives from the record's eventID, which a redelivery keeps.
 */
export const toChangeRecord = ({
  sequenceNumber,
  eventId,
  correlationId,
  change,
}: ProductStreamChange): ProductChangeRecord => ({
  recordId: sequenceNumber,
  sourceId: eventId,
  change,
  ...(correlationId === undefined ? {} : { correlationId }),
});

/** The record's sequence number as Lambda expects it back in `batchItemFailures` ('' when it has none). */
export const sequenceNumberOf = (record: DynamoDBRecord | undefined): string => {
  // Records come from outside: do not trust the declared type.
  const sequenceNumber: unknown = record?.dynamodb?.SequenceNumber;
  return typeof sequenceNumber === 'string' ? sequenceNumber : '';
};
