import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDbTestTable, StreamRecordFixture } from '@catalog/testkit/dynamodb';
import { InMemoryListCursors } from '@catalog/testkit';
import { afterAll } from 'vitest';
import { createDynamoDbDocumentClient } from './client';

/** Cursors for the repositories under test; the deployed functions sign theirs (composition root). */
export const TEST_CURSORS = new InMemoryListCursors();

/**
 * A document client on the test table's DynamoDB Local, made on first use (after the table's beforeAll)
 * and destroyed after the file's tests.
 */
export const useDocumentClient = (
  table: DynamoDbTestTable,
  options: { maxAttempts?: number } = {},
): (() => DynamoDBDocumentClient) => {
  let client: DynamoDBDocumentClient | undefined;
  afterAll(() => {
    client?.destroy();
  });
  return () => {
    client ??= createDynamoDbDocumentClient({ ...table.clientConfig, ...options });
    return client;
  };
};

// DynamoDB Local stamps the approximate creation time to the minute; Lambda delivers it in epoch seconds.
const toLambdaRecord = (record: _Record, streamArn: string): StreamRecordFixture =>
  ({
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(
        (record.dynamodb?.ApproximateCreationDateTime?.getTime() ?? 0) / 1000,
      ),
      Keys: record.dynamodb?.Keys,
      ...(record.dynamodb?.NewImage === undefined ? {} : { NewImage: record.dynamodb.NewImage }),
      ...(record.dynamodb?.OldImage === undefined ? {} : { OldImage: record.dynamodb.OldImage }),
      SequenceNumber: record.dynamodb?.SequenceNumber,
      SizeBytes: record.dynamodb?.SizeBytes,
      StreamViewType: record.dynamodb?.StreamViewType,
    },
    eventSourceARN: streamArn,
  }) as StreamRecordFixture;

const bySequence = (a: StreamRecordFixture, b: StreamRecordFixture): number => {
  const [x, y] = [BigInt(a.dynamodb.SequenceNumber), BigInt(b.dynamodb.SequenceNumber)];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Every record in the table's stream so far, read through the DynamoDB Streams API, in Lambda's shape. */
export const readStream = async (table: DynamoDbTestTable): Promise<StreamRecordFixture[]> => {
  const streamArn = table.streamArn;
  if (streamArn === undefined) throw new Error(`Table ${table.name} has no stream`);
  const client = new DynamoDBStreamsClient(table.clientConfig);
  try {
    const records: StreamRecordFixture[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await client.send(
        new DescribeStreamCommand({
          StreamArn: streamArn,
          ...(exclusiveStartShardId === undefined ? {} : { ExclusiveStartShardId: exclusiveStartShardId }),
        }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        let iterator = (
          await client.send(
            new GetShardIteratorCommand({
              StreamArn: streamArn,
              ShardId: shard.ShardId,
              ShardIteratorType: 'TRIM_HORIZON',
            }),
          )
        ).ShardIterator;
        // An open shard always hands out a next iterator; an empty read means we have caught up.
        while (iterator !== undefined) {
          const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
          const batch = page.Records ?? [];
          records.push(...batch.map((record) => toLambdaRecord(record, streamArn)));
          iterator = batch.length === 0 ? undefined : page.NextShardIterator;
        }
      }
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId !== undefined);
    return records.sort(bySequence);
  } finally {
    client.destroy();
  }
};

/** The stream records of one product, waiting (briefly) until at least `count` have arrived. */
export const readStreamOf = async (
  table: DynamoDbTestTable,
  productId: string,
  count: number,
  timeoutMs = 10_000,
): Promise<StreamRecordFixture[]> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const records = (await readStream(table)).filter((record) => record.dynamodb.Keys.id?.S === productId);
    if (records.length >= count || Date.now() > deadline) return records;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
