import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createDynamoDbDocumentClient,
  DynamoDbProductRepository,
  productsTableDefinition,
} from '../../packages/adapter-dynamodb/src/index';
import { eventIdFor } from '../../packages/application/src/index';
import { parseProductDetails, ProductId } from '../../packages/domain/src/index';
import { useDynamoDbTable } from '../../packages/testkit/src/dynamodb/index';
import { InMemoryListCursors } from '../../packages/testkit/src/index';
import { LocalEventBridge } from '../../packages/testkit/src/eventbridge/index';
import { runOps } from './main';
import { redrive, type RedriveDependencies } from './redrive';
import { redriveHandler } from './redrive-handler';

// redrive against the local stack's parts: a products table on DynamoDB Local with its real stream, the
// local PutEvents endpoint as the bus, and an SDK-level fake for the on-failure queue (no SQS runs here).

const table = useDynamoDbTable(productsTableDefinition, { prefix: 'ops-redrive' });
const bus = new LocalEventBridge();
const sqs = mockClient(SQSClient);
const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/catalog-dev-stream-on-failure';
let busEndpoint: string;

beforeAll(async () => {
  busEndpoint = await bus.start();
});
afterAll(async () => {
  await bus.stop();
});
beforeEach(() => {
  bus.reset();
  sqs.reset();
});

interface StreamedRecord {
  readonly eventID: string;
  readonly sequenceNumber: string;
}

/** The stream's records so far and the shard they are in (DynamoDB Local keeps a table's stream in one). */
const streamed = async (): Promise<{ shardId: string; records: StreamedRecord[] }> => {
  const streams = new DynamoDBStreamsClient(table.clientConfig);
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: table.streamArn }));
  const shardId = StreamDescription!.Shards![0]!.ShardId!;
  const { ShardIterator } = await streams.send(
    new GetShardIteratorCommand({
      StreamArn: table.streamArn,
      ShardId: shardId,
      ShardIteratorType: 'TRIM_HORIZON',
    }),
  );
  const { Records = [] } = await streams.send(new GetRecordsCommand({ ShardIterator }));
  streams.destroy();
  return {
    shardId,
    records: Records.map((record) => ({
      eventID: record.eventID!,
      sequenceNumber: record.dynamodb!.SequenceNumber!,
    })),
  };
};

/** An on-failure message as Lambda's event source mapping writes it, for records [first, last]. */
const onFailureMessage = (shardId: string, first: string, last: string, size: number) => ({
  MessageId: 'm-1',
  ReceiptHandle: 'receipt-1',
  Body: JSON.stringify({
    requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 },
    version: '1.0',
    DDBStreamBatchInfo: {
      shardId,
      startSequenceNumber: first,
      endSequenceNumber: last,
      batchSize: size,
      streamArn: table.streamArn,
    },
  }),
});

const dependencies = (lines: string[]): RedriveDependencies => ({
  sqs: new SQSClient({ region: 'eu-west-1' }),
  streams: new DynamoDBStreamsClient(table.clientConfig),
  publish: redriveHandler(
    { eventBusName: 'catalog-dev', region: 'eu-west-1' },
    new EventBridgeClient({
      region: 'eu-west-1',
      endpoint: busEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  ),
  queueUrl: QUEUE,
  say: (line) => lines.push(line),
});

describe('pnpm ops redrive against DynamoDB Local streams and the local bus', () => {
  let batch: { shardId: string; records: StreamedRecord[] };
  const id = ProductId.parse(crypto.randomUUID());

  beforeAll(async () => {
    const repository = new DynamoDbProductRepository(
      createDynamoDbDocumentClient(table.clientConfig),
      table.name,
      new InMemoryListCursors(),
    );
    const details = (name: string) => parseProductDetails({ name, price: { amount: 450, currency: 'EUR' } });
    await repository.create(id, details('Cup'), new Date('2026-05-01T12:00:00Z'), {
      correlationId: 'c-create',
    });
    await repository.replace(
      id,
      details('Mug'),
      new Date('2026-05-01T12:01:00Z'),
      { correlationId: 'c-replace' },
      {
        expectedVersion: 1,
      },
    );
    // A deletion is a MODIFY from the product to its tombstone (ADR 0008).
    await repository.delete(id, new Date('2026-05-01T12:02:00Z'), { correlationId: 'c-delete' });
    batch = await streamed();
    expect(batch.records).toHaveLength(3);
  });

  const queueHolds = () => {
    const { shardId, records } = batch;
    const message = onFailureMessage(shardId, records[0]!.sequenceNumber, records.at(-1)!.sequenceNumber, 3);
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [message] })
      .resolves({ Messages: [] });
  };

  it('dry run: reads the batch from the stream, publishes nothing, deletes nothing', async () => {
    queueHolds();
    const lines: string[] = [];
    const report = await redrive(dependencies(lines), { apply: false, maxMessages: 10 });
    expect(report).toMatchObject({ messages: 1, records: 3, republished: 0, deleted: 0, kept: 1 });
    expect(bus.events()).toEqual([]);
    expect(sqs.commandCalls(DeleteMessageCommand)).toHaveLength(0);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand)).toHaveLength(1);
    expect(lines.join('\n')).toContain('would republish 3 record(s)');
  });

  it('--apply: republishes create, update and the tombstone as ProductDeleted with the original event ids, then deletes', async () => {
    queueHolds();
    const publishedAtEachDelete: number[] = [];
    sqs.on(DeleteMessageCommand).callsFake(() => {
      publishedAtEachDelete.push(bus.events().length);
      return {};
    });
    const report = await redrive(dependencies([]), { apply: true, maxMessages: 10 });
    expect(report).toMatchObject({ messages: 1, records: 3, republished: 3, deleted: 1, kept: 0 });
    const events = bus.events();
    expect(events.map((event) => event.detailType)).toEqual([
      'ProductCreated',
      'ProductUpdated',
      'ProductDeleted',
    ]);
    expect(
      events.map((event) => (event.detail as { metadata: { eventId: string } }).metadata.eventId),
    ).toEqual(batch.records.map((record) => eventIdFor(record.eventID)));
    expect(
      events.map(
        (event) => (event.detail as { metadata: { productVersion: number } }).metadata.productVersion,
      ),
    ).toEqual([1, 2, 3]);
    // The message went only once every event was on the bus.
    expect(publishedAtEachDelete).toEqual([3]);
    expect(sqs.commandCalls(DeleteMessageCommand)[0]?.args[0].input.ReceiptHandle).toBe('receipt-1');
  });

  it('keeps the message when the bus refuses an event', async () => {
    queueHolds();
    bus.failEntries({ errorCode: 'AccessDeniedException' });
    const report = await redrive(dependencies([]), { apply: true, maxMessages: 10 });
    expect(report).toMatchObject({ deleted: 0, kept: 1 });
    expect(sqs.commandCalls(DeleteMessageCommand)).toHaveLength(0);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand)[0]?.args[0].input.VisibilityTimeout).toBe(0);
  });

  it('refuses bad arguments before reading the queue, the stream or the outputs', async () => {
    const lines: string[] = [];
    const asked: string[][] = [];
    const code = await runOps(['redrive', '--env', 'dev', '--max-messages', 'lots', '--apply'], {
      say: (line) => lines.push(line),
      terraform: (args) => (asked.push([...args]), Promise.resolve('{}')),
    });
    expect(code).toBe(2);
    expect(lines[0]).toMatch(/--max-messages must be an integer/);
    expect(asked).toEqual([]);
    expect(sqs.calls()).toHaveLength(0);
    expect(bus.events()).toEqual([]);
    expect((await streamed()).records).toHaveLength(3);
  });
});
