import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { lambdaContext } from './lambda-context';
import { SHARD_DONE, type StreamCheckpointStore } from './stream-checkpoint';
import { retryFrom, toLambdaRecord, type FailedBatch, type StreamHandler } from './stream-records';

export { retryFrom, toLambdaRecord, type FailedBatch, type StreamHandler } from './stream-records';
export type { StreamCheckpoint, StreamCheckpointStore } from './stream-checkpoint';

export interface StreamPollerOptions {
  readonly client: DynamoDBStreamsClient;
  readonly streamArn: string;
  readonly handler: StreamHandler;
  readonly functionName?: string;
  /** Like the event source mapping's batch size. */
  readonly batchSize?: number;
  /** Retries of a failing batch before its records go to the on-failure destination. */
  readonly maxRetries?: number;
  readonly bisectOnError?: boolean;
  readonly pollIntervalMs?: number;
  /**
   * Without one the poller starts at the stream's tip (LATEST). With one it resumes after the last record
   * handled, and reads every shard it knows nothing of from its oldest record (TRIM_HORIZON): delivery is
   * then at least once across restarts, never less.
   */
  readonly checkpoints?: StreamCheckpointStore;
  readonly log?: (
    level: 'info' | 'warn' | 'error',
    message: string,
    details?: Record<string, unknown>,
  ) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads a table stream and invokes the real stream handler as Lambda's event source mapping does: batches
 * per shard in order, `batchItemFailures` honoured by retrying from the first failed record, bounded retries
 * with optional bisection, then the on-failure destination (kept in `failedBatches`).
 */
export class StreamPoller {
  readonly failedBatches: FailedBatch[] = [];
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly iterators = new Map<string, string | undefined>();
  private readonly finished = new Set<string>();
  private invocations = 0;
  private positions: Record<string, string> = {};

  constructor(private readonly options: StreamPollerOptions) {}

  /** Starts where the checkpoint says, else at the stream's tip (only changes made from now on). */
  async start(): Promise<void> {
    const { checkpoints, streamArn } = this.options;
    const saved = checkpoints?.load(streamArn);
    this.positions = { ...saved?.shards };
    const shards = await this.shards();
    const pending = new Set(
      shards.map((shard) => shard.ShardId!).filter((id) => this.positions[id] !== SHARD_DONE),
    );
    for (const shard of shards) {
      const id = shard.ShardId!;
      const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
      if (!pending.has(id) || (checkpoints === undefined && closed)) {
        this.finished.add(id);
        continue;
      }
      // A child waits until its parent is read to its end, as Lambda reads shards (discoverShards adds it).
      if (shard.ParentShardId !== undefined && pending.has(shard.ParentShardId)) continue;
      this.iterators.set(id, await this.resume(id));
    }
    checkpoints?.save({ streamArn, shards: this.positions });
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  get invocationCount(): number {
    return this.invocations;
  }

  private async run(): Promise<void> {
    let sinceDiscovery = 0;
    while (this.running) {
      let delivered = 0;
      try {
        if (sinceDiscovery++ % 20 === 0) await this.discoverShards();
        for (const [shardId, iterator] of this.iterators) {
          delivered += await this.pollShard(shardId, iterator);
        }
      } catch (error) {
        this.options.log?.('error', 'stream polling failed; retrying', { error: String(error) });
      }
      if (delivered === 0) await sleep(this.options.pollIntervalMs ?? 100);
    }
  }

  private async pollShard(shardId: string, iterator: string | undefined): Promise<number> {
    if (iterator === undefined) return 0;
    let output;
    try {
      output = await this.options.client.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: this.options.batchSize ?? 100 }),
      );
    } catch (error) {
      // An iterator DynamoDB Local no longer serves (expired, or past what it trimmed; the latter happens on
      // a busy machine): a fresh one from the checkpoint, or the poller would retry the dead one forever.
      if (!(error instanceof ExpiredIteratorException) && !(error instanceof TrimmedDataAccessException)) {
        throw error;
      }
      this.iterators.set(shardId, await this.resume(shardId));
      return 0;
    }
    const records = (output.Records ?? []).map((record) => toLambdaRecord(record, this.options.streamArn));
    if (records.length > 0) {
      await this.deliver(records, 0);
      this.checkpoint(shardId, records.at(-1)?.dynamodb?.SequenceNumber);
    }
    if (output.NextShardIterator === undefined) {
      this.iterators.delete(shardId);
      this.finished.add(shardId);
      this.checkpoint(shardId, SHARD_DONE);
    } else {
      this.iterators.set(shardId, output.NextShardIterator);
    }
    return records.length;
  }

  /** Records handled (delivered, or sent to the on-failure destination) are never delivered again. */
  private checkpoint(shardId: string, position: string | undefined): void {
    if (position === undefined || this.options.checkpoints === undefined) return;
    this.positions[shardId] = position;
    this.options.checkpoints.save({ streamArn: this.options.streamArn, shards: { ...this.positions } });
  }

  /** Delivers one batch until it succeeds or its retries are spent; never returns with records unaccounted. */
  private async deliver(records: DynamoDBRecord[], attempt: number): Promise<void> {
    let failedFrom: number;
    let reason: string;
    try {
      this.invocations++;
      const response = await this.options.handler(
        { Records: records },
        lambdaContext(this.options.functionName ?? 'publish-product-events', 60_000),
      );
      const from = retryFrom(records, response);
      if (from === undefined) return;
      failedFrom = from;
      reason = `batchItemFailures from ${records[failedFrom]?.dynamodb?.SequenceNumber ?? '?'}`;
    } catch (error) {
      failedFrom = 0;
      reason = `function error: ${String(error)}`;
    }
    const remaining = records.slice(failedFrom);
    const maxRetries = this.options.maxRetries ?? 3;
    if (attempt >= maxRetries) {
      this.failedBatches.push({
        at: new Date().toISOString(),
        reason,
        sequenceNumbers: remaining.map((record) => record.dynamodb?.SequenceNumber ?? '?'),
      });
      this.options.log?.('error', 'records sent to the on-failure destination', {
        reason,
        count: remaining.length,
      });
      return;
    }
    this.options.log?.('warn', 'retrying stream records', {
      reason,
      attempt: attempt + 1,
      count: remaining.length,
    });
    await sleep(Math.min(1000, 50 * 2 ** attempt));
    if (this.options.bisectOnError !== false && remaining.length > 1 && reason.startsWith('function error')) {
      const middle = Math.ceil(remaining.length / 2);
      await this.deliver(remaining.slice(0, middle), attempt + 1);
      await this.deliver(remaining.slice(middle), attempt + 1);
      return;
    }
    await this.deliver(remaining, attempt + 1);
  }

  private async discoverShards(): Promise<void> {
    for (const shard of await this.shards()) {
      const id = shard.ShardId!;
      if (this.iterators.has(id) || this.finished.has(id)) continue;
      // A new child shard: read it from its start once its parent is done, as Lambda does.
      if (shard.ParentShardId !== undefined && this.iterators.has(shard.ParentShardId)) continue;
      this.iterators.set(id, await this.iterator(id, 'TRIM_HORIZON'));
    }
  }

  private async shards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.options.client.send(
        new DescribeStreamCommand({ StreamArn: this.options.streamArn, ExclusiveStartShardId: start }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start !== undefined);
    return shards;
  }

  /** After the last record handled; from the oldest one when that is gone or unknown (never skip ahead). */
  private async resume(shardId: string): Promise<string | undefined> {
    const position = this.positions[shardId];
    if (this.options.checkpoints === undefined) return this.iterator(shardId, 'LATEST');
    if (position === undefined) return this.iterator(shardId, 'TRIM_HORIZON');
    try {
      return await this.iterator(shardId, 'AFTER_SEQUENCE_NUMBER', position);
    } catch (error) {
      if (!(error instanceof TrimmedDataAccessException)) throw error;
      this.options.log?.(
        'warn',
        'checkpoint is older than the stream retention; reading from the oldest record',
        {
          shardId,
        },
      );
      return this.iterator(shardId, 'TRIM_HORIZON');
    }
  }

  private async iterator(
    shardId: string,
    type: 'LATEST' | 'TRIM_HORIZON' | 'AFTER_SEQUENCE_NUMBER',
    sequenceNumber?: string,
  ): Promise<string | undefined> {
    const { ShardIterator } = await this.options.client.send(
      new GetShardIteratorCommand({
        StreamArn: this.options.streamArn,
        ShardId: shardId,
        ShardIteratorType: type,
        ...(sequenceNumber === undefined ? {} : { SequenceNumber: sequenceNumber }),
      }),
    );
    return ShardIterator;
  }
}
