import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Product, ProductChange } from '@catalog/domain';
import { correlationIdOf, fromProductItem } from './product-item';

/** One products-table stream record, read: what changed, when, and which request caused it. */
export interface ProductStreamChange {
  /** dynamodb.SequenceNumber: orders records per product and names a record in batchItemFailures. */
  readonly sequenceNumber: string;
  /** The record's eventID, unique across the stream; stable across redeliveries. */
  readonly eventId: string;
  /** ISO 8601, from dynamodb.ApproximateCreationDateTime. */
  readonly occurredAt: string;
  /** The correlation id of the write: from the new image, or the old image for a removal. */
  readonly correlationId?: string;
  readonly change: ProductChange;
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
const occurredAtOf = (value: unknown): string | undefined => {
  const date = typeof value === 'number' ? new Date(value * 1000) : value instanceof Date ? value : undefined;
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date.toISOString();
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
  const occurredAt = occurredAtOf(streamRecord.ApproximateCreationDateTime);
  if (occurredAt === undefined) return fail('has no valid dynamodb.ApproximateCreationDateTime');

  const image = (name: 'NewImage' | 'OldImage'): Image => {
    const raw = streamRecord[name];
    if (!isObject(raw)) {
      return fail(`${String(record.eventName)} needs dynamodb.${name} (is the stream NEW_AND_OLD_IMAGES?)`);
    }
    try {
      return unmarshall(raw as Record<string, AttributeValue>);
    } catch (error) {
      return fail(`dynamodb.${name} is not a DynamoDB image`, error);
    }
  };
  const product = (name: 'NewImage' | 'OldImage', item: Image): Product => {
    try {
      return fromProductItem(item);
    } catch (error) {
      return fail(`dynamodb.${name} is not a valid product`, error);
    }
  };
  const result = (change: ProductChange, source: Image): ProductStreamChange => {
    const correlationId = correlationIdOf(source);
    const base = { sequenceNumber, eventId, occurredAt, change };
    return correlationId === undefined ? base : { ...base, correlationId };
  };

  switch (record.eventName) {
    case 'INSERT': {
      const after = image('NewImage');
      return result({ kind: 'inserted', after: product('NewImage', after) }, after);
    }
    case 'MODIFY': {
      const [before, after] = [image('OldImage'), image('NewImage')];
      return result(
        { kind: 'modified', before: product('OldImage', before), after: product('NewImage', after) },
        after,
      );
    }
    case 'REMOVE': {
      const before = image('OldImage');
      return result({ kind: 'removed', before: product('OldImage', before) }, before);
    }
    default:
      return fail(`has an unknown eventName ${JSON.stringify(record.eventName)}`);
  }
};
