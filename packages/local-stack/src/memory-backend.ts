import { productStreamImages } from '@catalog/adapter-dynamodb';
import { type Clock, IdempotencyStore, ProductRepository } from '@catalog/ports';
import { InMemoryIdempotencyStore, InMemoryProductRepository, type InMemoryChange } from '@catalog/testkit';
import type { DynamoDBRecord } from 'aws-lambda';
import { ContainerModule } from 'inversify';
import { retryFrom, type StreamHandler } from './stream-poller';
import { lambdaContext } from './lambda-context';

/** In-memory stand-ins for the DynamoDB adapters, used when neither Docker nor Java can run DynamoDB Local. */
export const memoryPortsModule = (repository: InMemoryProductRepository, idempotency: IdempotencyStore) =>
  new ContainerModule(({ bind }) => {
    bind(ProductRepository).toConstantValue(repository);
    bind(IdempotencyStore).toConstantValue(idempotency);
  });

/** A repository and the idempotency store whose claims its creates complete, on one clock. */
export const memoryStores = (clock: Clock) => {
  const idempotency = new InMemoryIdempotencyStore(clock);
  return { idempotency, repository: new InMemoryProductRepository(undefined, idempotency) };
};

/** The record DynamoDB Streams would carry for an in-memory change (same images as the table's). */
export const toStreamRecord = (entry: InMemoryChange, streamArn: string): DynamoDBRecord => {
  const { change } = entry;
  const { eventName, ...images } = productStreamImages(change, entry.correlationId);
  const product = change.kind === 'removed' ? change.before : change.after;
  return {
    eventID: `memory-${entry.sequence}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'local',
    eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(entry.at.getTime() / 1000),
      Keys: { id: { S: product.id } },
      ...images,
      SequenceNumber: String(entry.sequence).padStart(21, '0'),
      SizeBytes: 0,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  } as DynamoDBRecord;
};

/**
 * Feeds every in-memory change to the real stream handler, one ordered batch at a time, retrying from the
 * first failed record like the event source mapping (bounded, then the records are dropped with a log line).
 */
export class MemoryStreamFeeder {
  private queue: DynamoDBRecord[] = [];
  private draining: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;
  readonly dropped: string[] = [];

  constructor(
    private readonly repository: InMemoryProductRepository,
    private readonly handler: StreamHandler,
    private readonly log: (message: string) => void,
    private readonly streamArn = 'arn:aws:dynamodb:local:000000000000:table/memory/stream/local',
  ) {}

  start(): void {
    this.unsubscribe = this.repository.subscribe((entry) => {
      this.queue.push(toStreamRecord(entry, this.streamArn));
      this.draining = this.draining.then(() => this.drain());
    });
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.draining;
  }

  private async drain(): Promise<void> {
    let batch = this.queue.splice(0, 100);
    for (let attempt = 0; batch.length > 0 && attempt <= 3; attempt++) {
      batch = await this.invoke(batch);
    }
    if (batch.length > 0) {
      this.dropped.push(...batch.map((record) => record.dynamodb?.SequenceNumber ?? '?'));
      this.log(`${batch.length} change(s) could not be published after retries`);
    }
    if (this.queue.length > 0) await this.drain();
  }

  /** Invokes the handler once; returns the records still to deliver (from the first failure on). */
  private async invoke(batch: DynamoDBRecord[]): Promise<DynamoDBRecord[]> {
    try {
      const response = await this.handler({ Records: batch }, lambdaContext('publish-product-events'));
      const from = retryFrom(batch, response);
      return from === undefined ? [] : batch.slice(from);
    } catch (error) {
      this.log(`the stream handler failed: ${String(error)}`);
      return batch;
    }
  }
}
