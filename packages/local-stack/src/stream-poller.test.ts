import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { StreamPoller, toLambdaRecord } from './stream-poller';

const arn = 'arn:aws:dynamodb:local:000000000000:table/products/stream/2026';

const record = (sequence: number): StreamRecord => ({
  eventID: `e${sequence}`,
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: String(sequence),
    ApproximateCreationDateTime: new Date('2026-05-01T00:00:10.500Z'),
    Keys: { id: { S: `p${sequence}` } },
  },
});

/** One open shard holding `records`, delivered in one GetRecords page. */
const fakeStreams = (records: StreamRecord[]) => {
  let served = false;
  const client = {
    send: (command: unknown) => {
      if (command instanceof DescribeStreamCommand) {
        return Promise.resolve({
          StreamDescription: { Shards: [{ ShardId: 's1', SequenceNumberRange: {} }] },
        });
      }
      if (command instanceof GetShardIteratorCommand) return Promise.resolve({ ShardIterator: 'it-0' });
      if (command instanceof GetRecordsCommand) {
        const page = served ? [] : records;
        served = true;
        return Promise.resolve({ Records: page, NextShardIterator: 'it-next' });
      }
      return Promise.reject(new Error('unexpected command'));
    },
  };
  return client as unknown as DynamoDBStreamsClient;
};

const runUntil = async (poller: StreamPoller, done: () => boolean) => {
  await poller.start();
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  await poller.stop();
};

describe(toLambdaRecord, () => {
  it('gives the creation time in epoch seconds and adds the stream ARN', () => {
    expect(toLambdaRecord(record(1), arn)).toMatchObject({
      eventSourceARN: arn,
      dynamodb: { ApproximateCreationDateTime: 1777593610, SequenceNumber: '1' },
    });
  });
});

describe(StreamPoller, () => {
  it('delivers a batch in stream order', async () => {
    const batches: string[][] = [];
    const poller = new StreamPoller({
      client: fakeStreams([record(1), record(2), record(3)]),
      streamArn: arn,
      pollIntervalMs: 5,
      handler: (event) => {
        batches.push(event.Records.map((r) => r.dynamodb!.SequenceNumber!));
        return Promise.resolve({ batchItemFailures: [] });
      },
    });
    await runUntil(poller, () => batches.length > 0);
    expect(batches).toEqual([['1', '2', '3']]);
  });

  it('retries from the first reported failure, like a checkpoint', async () => {
    const batches: string[][] = [];
    let calls = 0;
    const handler = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
      batches.push(event.Records.map((r) => r.dynamodb!.SequenceNumber!));
      calls++;
      return Promise.resolve({
        batchItemFailures: calls === 1 ? [{ itemIdentifier: '3' }, { itemIdentifier: '2' }] : [],
      });
    };
    const poller = new StreamPoller({
      client: fakeStreams([record(1), record(2), record(3)]),
      streamArn: arn,
      pollIntervalMs: 5,
      handler,
    });
    await runUntil(poller, () => batches.length > 1);
    expect(batches).toEqual([
      ['1', '2', '3'],
      ['2', '3'],
    ]);
    expect(poller.failedBatches).toEqual([]);
  });

  it('sends records to the on-failure destination after the retries are spent', async () => {
    let calls = 0;
    const poller = new StreamPoller({
      client: fakeStreams([record(1), record(2)]),
      streamArn: arn,
      pollIntervalMs: 5,
      maxRetries: 2,
      handler: () => {
        calls++;
        return Promise.resolve({ batchItemFailures: [{ itemIdentifier: '2' }] });
      },
    });
    await runUntil(poller, () => poller.failedBatches.length > 0);
    expect(calls).toBe(3);
    expect(poller.failedBatches).toEqual([
      expect.objectContaining({ sequenceNumbers: ['2'], reason: 'batchItemFailures from 2' }),
    ]);
  });

  it('treats an unknown item identifier as a failure of the whole batch', async () => {
    const batches: number[] = [];
    const poller = new StreamPoller({
      client: fakeStreams([record(1), record(2)]),
      streamArn: arn,
      pollIntervalMs: 5,
      handler: (event) => {
        batches.push(event.Records.length);
        return Promise.resolve({
          batchItemFailures: batches.length === 1 ? [{ itemIdentifier: 'nope' }] : [],
        });
      },
    });
    await runUntil(poller, () => batches.length > 1);
    expect(batches).toEqual([2, 2]);
  });

  it('bisects a batch whose invocation throws, isolating the poison record', async () => {
    const seen: string[][] = [];
    const poller = new StreamPoller({
      client: fakeStreams([record(1), record(2), record(3), record(4)]),
      streamArn: arn,
      pollIntervalMs: 5,
      maxRetries: 3,
      handler: (event) => {
        const ids = event.Records.map((r) => r.dynamodb!.SequenceNumber!);
        seen.push(ids);
        return ids.includes('3')
          ? Promise.reject(new Error('poison'))
          : Promise.resolve({ batchItemFailures: [] });
      },
    });
    await runUntil(poller, () => poller.failedBatches.length > 0);
    expect(seen[0]).toEqual(['1', '2', '3', '4']);
    expect(seen).toContainEqual(['1', '2']);
    expect(poller.failedBatches.flatMap((batch) => batch.sequenceNumbers)).toEqual(['3']);
  });
});

describe('StreamPoller with a checkpoint store', () => {
  /** Two shards: s0 closed (its records already handled or not), s1 open; records every call asked for. */
  const twoShards = (pages: Record<string, StreamRecord[]>) => {
    const iterators: { shard: string; type: string; after?: string }[] = [];
    const served = new Set<string>();
    const client = {
      send: (command: unknown) => {
        if (command instanceof DescribeStreamCommand) {
          return Promise.resolve({
            StreamDescription: {
              Shards: [
                { ShardId: 's0', SequenceNumberRange: { EndingSequenceNumber: '5' } },
                { ShardId: 's1', ParentShardId: 's0', SequenceNumberRange: {} },
              ],
            },
          });
        }
        if (command instanceof GetShardIteratorCommand) {
          const { ShardId, ShardIteratorType, SequenceNumber } = command.input;
          iterators.push({
            shard: ShardId!,
            type: ShardIteratorType!,
            ...(SequenceNumber ? { after: SequenceNumber } : {}),
          });
          return Promise.resolve({ ShardIterator: `it-${ShardId!}` });
        }
        if (command instanceof GetRecordsCommand) {
          const shard = command.input.ShardIterator!.slice(3);
          const page = served.has(shard) ? [] : (pages[shard] ?? []);
          served.add(shard);
          // A closed shard ends after its records: no next iterator.
          return Promise.resolve({
            Records: page,
            ...(shard === 's0' ? {} : { NextShardIterator: `it-${shard}` }),
          });
        }
        return Promise.reject(new Error('unexpected command'));
      },
    };
    return { client: client as unknown as DynamoDBStreamsClient, iterators };
  };
  const memoryStore = (shards?: Record<string, string>) => {
    const saved: Record<string, string>[] = [];
    return {
      saved,
      load: () => (shards === undefined ? undefined : { streamArn: arn, shards }),
      save: (checkpoint: { shards: Readonly<Record<string, string>> }) =>
        saved.push({ ...checkpoint.shards }),
    };
  };
  const delivered: string[] = [];
  const handler = (event: DynamoDBStreamEvent) => {
    delivered.push(...event.Records.map((r) => r.dynamodb!.SequenceNumber!));
    return Promise.resolve({ batchItemFailures: [] });
  };

  it('reads a stream it knows nothing of from the oldest record, parents before children, and checkpoints each batch', async () => {
    delivered.length = 0;
    const { client, iterators } = twoShards({ s0: [record(1), record(2)], s1: [record(7)] });
    const store = memoryStore();
    const poller = new StreamPoller({
      client,
      streamArn: arn,
      pollIntervalMs: 5,
      handler,
      checkpoints: store,
    });
    await runUntil(poller, () => delivered.includes('7'));
    expect(iterators.slice(0, 2)).toEqual([
      { shard: 's0', type: 'TRIM_HORIZON' },
      { shard: 's1', type: 'TRIM_HORIZON' },
    ]);
    expect(delivered).toEqual(['1', '2', '7']);
    expect(store.saved.at(-1)).toEqual({ s0: 'done', s1: '7' });
  });

  it('resumes after the last record handled and skips shards read to their end', async () => {
    delivered.length = 0;
    const { client, iterators } = twoShards({ s1: [record(8)] });
    const poller = new StreamPoller({
      client,
      streamArn: arn,
      pollIntervalMs: 5,
      handler,
      checkpoints: memoryStore({ s0: 'done', s1: '7' }),
    });
    await runUntil(poller, () => delivered.length > 0);
    expect(iterators[0]).toEqual({ shard: 's1', type: 'AFTER_SEQUENCE_NUMBER', after: '7' });
    expect(iterators.some((it) => it.shard === 's0')).toBe(false);
    expect(delivered).toEqual(['8']);
  });
});
