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

    it('reads the MODIFY to a tombstone as a removal at the deletion’s version and exact time', () => {
      const { change, correlationId } = parseProductStreamRecord(recordOf('delete'));
      expect(correlationId).toBe('corr-delete');
      expect(change).toMatchObject({
        kind: 'removed',
        before: { version: 2, name: 'Desk lamp' },
        deletion: { version: 3, deletedAt: '2026-01-01T00:03:00.123Z' },
      });
    });

    it('reads the MODIFY from a tombstone as a creation after the deletion', () => {
      const { change, correlationId } = parseProductStreamRecord(recordOf('recreate'));
      expect(correlationId).toBe('corr-recreate');
      expect(change).toMatchObject({
        kind: 'inserted',
        after: { version: 4, createdAt: '2026-01-01T00:04:00.123Z' },
      });
    });

    it('reads a REMOVE of a live item as a removal at the next version, at the record’s time', () => {
      const record = recordOf('removed-by-hand');
      const { change, correlationId } = parseProductStreamRecord(record);
      expect(correlationId).toBeUndefined();
      expect(change).toMatchObject({
        kind: 'removed',
        before: { version: 1 },
        deletion: {
          version: 2,
          deletedAt: new Date(record.dynamodb.ApproximateCreationDateTime * 1000).toISOString(),
        },
      });
    });

    it('reads a REMOVE of a tombstone as no change', () => {
      expect(parseProductStreamRecord(recordOf('tombstone-removed')).change).toBeUndefined();
    });

    it('reads a whole life in order', () => {
      const kinds = loadStreamFixture('lifecycle').Records.map(
        (r) => parseProductStreamRecord(r).change?.kind,
      );
      expect(kinds).toEqual(['inserted', 'modified', 'removed', 'inserted', 'modified']);
    });
  });

  it('reads a MODIFY between two tombstones, or an INSERT of one, as no change', () => {
    const tombstone = recordOf('delete').dynamodb.NewImage!;
    const later = { ...tombstone, version: { N: '9' } };
    const record = recordOf('delete');
    expect(
      parseProductStreamRecord({
        ...record,
        dynamodb: { ...record.dynamodb, OldImage: tombstone, NewImage: later },
      }).change,
    ).toBeUndefined();
    expect(
      parseProductStreamRecord({
        ...record,
        eventName: 'INSERT',
        dynamodb: { ...record.dynamodb, OldImage: undefined, NewImage: tombstone },
      }).change,
    ).toBeUndefined();
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
    const remove = recordOf('removed-by-hand');
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
        'a corrupt tombstone',
        {
          ...recordOf('delete'),
          dynamodb: {
            ...recordOf('delete').dynamodb,
            NewImage: { ...recordOf('delete').dynamodb.NewImage, deletedAt: { S: 'yesterday' } },
          },
        },
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
