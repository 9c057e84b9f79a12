import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { changeBetween, type ProductChange, type ProductState } from '@catalog/domain';
import { correlationIdOf, fromStateItem } from './product-item';
import { imageOf } from './stream-image';

/** One products-table stream record, read: what changed, when, and which request caused it. */
export interface ProductStreamChange {
  /** dynamodb.SequenceNumber: orders records per product and names a record in batchItemFailures. */
  readonly sequenceNumber: string;
  /** The record's eventID, unique across the stream; stable across redeliveries. */
  readonly eventId: string;
  /** ISO 8601, from dynamodb.ApproximateCreationDateTime. */
  readonly occurredAt: string;
  /** The correlation id of the write, from the new image (none for a REMOVE: no request wrote it). */
  readonly correlationId?: string;
  /** Undefined when the record concerns no product (a tombstone rewritten or removed). */
  readonly change: ProductChange | undefined;
}

/** A stream record that cannot be read as a product change; `sequenceNumber` names it when known. */
export class StreamRecordError extends Error {
  constructor(
    message: string,
    readonly sequenceNumber?: string,
    options?: ErrorOptions,
  ) {
    super(sequenceNumber === undefined ? message : `Stream record ${sequenceNumber}: ${message}`, options);
    this.name = 'StreamRecordError';
  }
}

type Image = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Lambda delivers epoch seconds; the DynamoDB Streams API (used by local pollers) a Date.
const occurredAtOf = (value: unknown): Date | undefined => {
  const date = typeof value === 'number' ? new Date(value * 1000) : value instanceof Date ? value : undefined;
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date;
};

/**
 * Reads one record of the products table's stream (NEW_AND_OLD_IMAGES), in the shape Lambda delivers
 * (DynamoDBRecord). Throws StreamRecordError for anything that is not a well-formed product change.
 */
export const parseProductStreamRecord = (record: unknown): ProductStreamChange => {
  const streamRecord = isObject(record) && isObject(record.dynamodb) ? record.dynamodb : undefined;
  const sequenceNumber =
    typeof streamRecord?.SequenceNumber === 'string' ? streamRecord.SequenceNumber : undefined;
  const fail = (message: string, cause?: unknown): never => {
    throw new StreamRecordError(message, sequenceNumber, cause === undefined ? undefined : { cause });
  };
  if (!isObject(record) || streamRecord === undefined) return fail('is not a DynamoDB stream record');
  if (sequenceNumber === undefined) return fail('has no dynamodb.SequenceNumber');
  const eventId = record.eventID;
  if (typeof eventId !== 'string' || eventId.length === 0) return fail('has no eventID');
  const occurredDate = occurredAtOf(streamRecord.ApproximateCreationDateTime);
  if (occurredDate === undefined) return fail('has no valid dynamodb.ApproximateCreationDateTime');
  const occurredAt = occurredDate.toISOString();

  const image = (name: 'NewImage' | 'OldImage'): Image => {
    const raw = streamRecord[name];
    if (!isObject(raw)) {
      return fail(`${String(record.eventName)} needs dynamodb.${name} (is the stream NEW_AND_OLD_IMAGES?)`);
    }
    try {
      return imageOf(raw as Record<string, AttributeValue>);
    } catch (error) {
      return fail(`dynamodb.${name} is not a DynamoDB image`, error);
    }
  };
  const state = (name: 'NewImage' | 'OldImage', item: Image): ProductState => {
    try {
      return fromStateItem(item);
    } catch (error) {
      return fail(`dynamodb.${name} is not a valid product or tombstone`, error);
    }
  };
  const result = (before: Image | undefined, after: Image | undefined): ProductStreamChange => {
    const change = changeBetween(
      before && state('OldImage', before),
      after && state('NewImage', after),
      occurredDate,
    );
    const correlationId = after === undefined ? undefined : correlationIdOf(after);
    const base = { sequenceNumber, eventId, occurredAt, change };
    return correlationId === undefined ? base : { ...base, correlationId };
  };

  // INSERT: a new product (or a tombstone nobody should write: no change). MODIFY: a replace, a delete
  // (product -> tombstone) or a re-creation (tombstone -> product). REMOVE: the item itself was deleted,
  // which the repository never does: a product removed by hand is read as deleted at the next version
  // (see changeBetween), a removed tombstone as nothing.
  switch (record.eventName) {
    case 'INSERT':
      return result(undefined, image('NewImage'));
    case 'MODIFY':
      return result(image('OldImage'), image('NewImage'));
    case 'REMOVE':
      return result(image('OldImage'), undefined);
    default:
      return fail(`has an unknown eventName ${JSON.stringify(record.eventName)}`);
  }
};
