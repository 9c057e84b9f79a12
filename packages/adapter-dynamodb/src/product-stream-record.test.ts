import { aProduct } from '@catalog/testkit';
import { loadStreamFixture, type StreamRecordFixture } from '@catalog/testkit/dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { parseProductStreamRecord, StreamRecordError } from './product-stream-record';

const recordOf = (name: Parameters<typeof loadStreamFixture>[0]): StreamRecordFixture =>
  loadStreamFixture(name).Records[0]!;

const parseError = (record: unknown): StreamRecordError => {
  try {
    parseProductStreamRecord(record);
  } catch (error) {
    if (error instanceof StreamRecordError) return error;
    throw error;
  }
  throw new Error('expected a StreamRecordError');
};

describe(parseProductStreamRecord, () => {
  describe('for recorded DynamoDB Local records', () => {
    it('reads an INSERT as an insertion with the creating correlation id', () => {
      const record = recordOf('insert');
      const parsed = parseProductStreamRecord(record);
      expect(parsed).toMatchObject({
        sequenceNumber: record.dynamodb.SequenceNumber,
        eventId: record.eventID,
        occurredAt: new Date(record.dynamodb.ApproximateCreationDateTime * 1000).toISOString(),
        correlationId: 'corr-create',
        change: { kind: 'inserted', after: { version: 1 } },
      });
    });

    it('reads a replace as a modification with both products', () => {
      const { change, correlationId } = parseProductStreamRecord(recordOf('replace'));
      expect(correlationId).toBe('corr-replace');
      expect(change).toMatchObject({ kind: 'modified', before: { version: 1 }, after: { version: 2 } });
    });

    it('reads a metadata-only MODIFY as a modification between identical products', () => {
      const { change, correlationId } = parseProductStreamRecord(recordOf('metadata-only'));
      expect(correlationId).toBe('corr-delete');
      if (change.kind !== 'modified') throw new Error('expected a modification');
      expect(change.after).toEqual(change.before);
    });

    it('reads a REMOVE as a removal, with the correlation id from the old image', () => {
      const { change, correlationId } = parseProductStreamRecord(recordOf('delete'));
      expect(correlationId).toBe('corr-delete');
      expect(change).toMatchObject({ kind: 'removed', before: { version: 2 } });
    });

    it('reads a whole batch in order', () => {
      const kinds = loadStreamFixture('lifecycle').Records.map(
        (r) => parseProductStreamRecord(r).change.kind,
      );
      expect(kinds).toEqual(['inserted', 'modified', 'modified', 'removed']);
    });
  });

  it('accepts the Date the DynamoDB Streams API gives instead of epoch seconds', () => {
    const record = recordOf('insert');
    const at = new Date('2026-03-01T12:00:00.000Z');
    const parsed = parseProductStreamRecord({
      ...record,
      dynamodb: { ...record.dynamodb, ApproximateCreationDateTime: at },
    });
    expect(parsed.occurredAt).toBe(at.toISOString());
  });

  it('leaves the correlation id out when the image has none', () => {
    const record = recordOf('insert');
    const { correlationId: _none, ...image } = { ...aProduct(), correlationId: '' };
    const parsed = parseProductStreamRecord({
      ...record,
      dynamodb: { ...record.dynamodb, NewImage: marshall(image) },
    });
    expect(parsed).not.toHaveProperty('correlationId');
  });

  describe('for a malformed record', () => {
    const insert = recordOf('insert');
    const remove = recordOf('delete');
    const cases: [string, unknown][] = [
      ['not an object', 'INSERT'],
      ['no dynamodb part', { ...insert, dynamodb: undefined }],
      ['an unknown eventName', { ...insert, eventName: 'UPSERT' }],
      ['no eventID', { ...insert, eventID: undefined }],
      [
        'no creation time',
        { ...insert, dynamodb: { ...insert.dynamodb, ApproximateCreationDateTime: 'soon' } },
      ],
      ['an INSERT without NewImage', { ...insert, dynamodb: { ...insert.dynamodb, NewImage: undefined } }],
      ['a REMOVE without OldImage', { ...remove, dynamodb: { ...remove.dynamodb, OldImage: undefined } }],
      ['a MODIFY without OldImage', { ...insert, eventName: 'MODIFY' }],
      [
        'an image that is not a DynamoDB image',
        { ...insert, dynamodb: { ...insert.dynamodb, NewImage: { id: { X: 1 } } } },
      ],
      [
        'a corrupt product',
        {
          ...insert,
          dynamodb: { ...insert.dynamodb, NewImage: { ...insert.dynamodb.NewImage, version: { N: '0' } } },
        },
      ],
    ];
    it.each(cases)('throws StreamRecordError for %s', (_case, record) => {
      expect(() => parseProductStreamRecord(record)).toThrow(StreamRecordError);
    });

    it('names the record by its sequence number and keeps the cause', () => {
      const corrupt = {
        ...insert,
        dynamodb: { ...insert.dynamodb, NewImage: { ...insert.dynamodb.NewImage, name: { S: '' } } },
      };
      const error = parseError(corrupt);
      expect(error.sequenceNumber).toBe(insert.dynamodb.SequenceNumber);
      expect(error.message).toContain(insert.dynamodb.SequenceNumber);
      expect(error.cause).toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });
});
