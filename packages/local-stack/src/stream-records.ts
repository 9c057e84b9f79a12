import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

export type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

/** Records that exhausted their retries, as the on-failure queue would receive them. */
export interface FailedBatch {
  readonly at: string;
  readonly reason: string;
  readonly sequenceNumbers: readonly string[];
}

/** The SDK's record -> the shape Lambda's event source mapping delivers (epoch seconds, the stream ARN). */
export const toLambdaRecord = (record: StreamRecord, streamArn: string): DynamoDBRecord => {
  const { dynamodb, ...rest } = record;
  const created = dynamodb?.ApproximateCreationDateTime;
  return {
    ...rest,
    eventSourceARN: streamArn,
    dynamodb: {
      ...dynamodb,
      ...(created === undefined ? {} : { ApproximateCreationDateTime: Math.floor(created.getTime() / 1000) }),
    },
  } as DynamoDBRecord;
};

/**
 * Where Lambda resumes after a partial batch response: the first record `batchItemFailures` names, or the
 * whole batch when it names a record that is not in it; undefined when the batch succeeded.
 */
export const retryFrom = (
  records: readonly DynamoDBRecord[],
  { batchItemFailures }: DynamoDBBatchResponse,
): number | undefined => {
  if (batchItemFailures.length === 0) return undefined;
  const indexes = batchItemFailures.map((failure) =>
    records.findIndex((record) => record.dynamodb?.SequenceNumber === failure.itemIdentifier),
  );
  return indexes.includes(-1) ? 0 : Math.min(...indexes);
};
