import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDbStreamHandler } from '../../packages/lambdas/src/index';
type DynamoDBRecord = Parameters<DynamoDbStreamHandler>[0]['Records'][number];

/** Where a given-up batch sits in the stream: the `DDBStreamBatchInfo` of an on-failure message. */
export interface StreamBatch {
  readonly streamArn: string;
  readonly shardId: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
}

const isDigits = (value: unknown): value is string => typeof value === 'string' && /^\d+$/.test(value);

/** The batch an on-failure message names, or a message saying why the body is not one. */
export const batchOfMessage = (body: string | undefined): StreamBatch | string => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch {
    return 'the body is not JSON';
  }
  const info = (parsed as { DDBStreamBatchInfo?: Record<string, unknown> } | null)?.DDBStreamBatchInfo;
  if (info === undefined) return 'the body has no DDBStreamBatchInfo';
  const { streamArn, shardId, startSequenceNumber, endSequenceNumber } = info;
  if (typeof streamArn !== 'string' || typeof shardId !== 'string') return 'streamArn or shardId is missing';
  if (!isDigits(startSequenceNumber) || !isDigits(endSequenceNumber))
    return 'the sequence numbers are missing';
  if (BigInt(startSequenceNumber) > BigInt(endSequenceNumber)) return 'the sequence range is reversed';
  return { streamArn, shardId, startSequenceNumber, endSequenceNumber };
};

/** A record as the Streams API returns it, in the shape Lambda delivers it to the stream function. */
export const asLambdaRecord = (record: _Record, streamArn: string): DynamoDBRecord => {
  const { dynamodb, eventID, eventName, eventVersion, eventSource, awsRegion } = record;
  const created = dynamodb?.ApproximateCreationDateTime;
  return {
    ...(eventID === undefined ? {} : { eventID }),
    ...(eventName === undefined ? {} : { eventName }),
    ...(eventVersion === undefined ? {} : { eventVersion }),
    ...(eventSource === undefined ? {} : { eventSource }),
    ...(awsRegion === undefined ? {} : { awsRegion }),
    eventSourceARN: streamArn,
    dynamodb: {
      ...(dynamodb as DynamoDBRecord['dynamodb']),
      ...(created === undefined ? {} : { ApproximateCreationDateTime: Math.floor(created.getTime() / 1000) }),
    },
  };
};

// An open shard can answer with empty pages before the records it holds; give up after this many.
const MAX_EMPTY_PAGES = 20;

/** Adds the page's records up to `end` to `records`; true once `end` is reached or passed. */
const takeUpTo = (
  end: bigint,
  page: readonly _Record[],
  streamArn: string,
  records: DynamoDBRecord[],
): boolean => {
  for (const record of page) {
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    if (sequenceNumber === undefined) continue;
    if (BigInt(sequenceNumber) > end) return true;
    records.push(asLambdaRecord(record, streamArn));
    if (BigInt(sequenceNumber) === end) return true;
  }
  return false;
};

/**
 * Re-reads a batch's records from the stream (GetShardIterator AT_SEQUENCE_NUMBER, then GetRecords until
 * the end sequence number). Throws when the stream no longer holds them (records are kept 24 hours).
 */
export const readStreamBatch = async (
  streams: DynamoDBStreamsClient,
  batch: StreamBatch,
): Promise<DynamoDBRecord[]> => {
  const end = BigInt(batch.endSequenceNumber);
  const { ShardIterator } = await streams.send(
    new GetShardIteratorCommand({
      StreamArn: batch.streamArn,
      ShardId: batch.shardId,
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      SequenceNumber: batch.startSequenceNumber,
    }),
  );
  const records: DynamoDBRecord[] = [];
  let iterator = ShardIterator;
  let empty = 0;
  while (iterator !== undefined) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
    if (takeUpTo(end, page.Records ?? [], batch.streamArn, records)) return records;
    empty = (page.Records ?? []).length === 0 ? empty + 1 : 0;
    if (empty >= MAX_EMPTY_PAGES) break;
    iterator = page.NextShardIterator;
  }
  if (records.length === 0)
    throw new Error(
      `No records of ${batch.startSequenceNumber}..${batch.endSequenceNumber} left in ${batch.shardId}`,
    );
  return records;
};
