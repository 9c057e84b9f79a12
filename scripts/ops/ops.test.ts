import {
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient, PutEventsCommand, StartReplayCommand } from '@aws-sdk/client-eventbridge';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { eventIdFor } from '../../packages/application/src/index';
import { loadStreamFixture } from '../../packages/testkit/src/dynamodb/stream-fixtures';
import { runOps } from './main';
import { redrive, type RedriveDependencies } from './redrive';
import { redriveHandler } from './redrive-handler';
import { parseCommand } from './usage';

const NOW = new Date('2026-05-02T00:00:00Z');
const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/catalog-dev-stream-on-failure';
const BUS_ARN = 'arn:aws:events:eu-west-1:123456789012:event-bus/catalog-dev';
const ARCHIVE_ARN = 'arn:aws:events:eu-west-1:123456789012:archive/catalog-dev';
const fixture = loadStreamFixture('lifecycle').Records;
const STREAM_ARN = fixture[0]!.eventSourceARN;
// The Streams API's shape of the recorded records (a Date where Lambda's event has epoch seconds).
const apiRecords: _Record[] = fixture.map(({ eventSourceARN: _arn, ...record }) => ({
  ...record,
  dynamodb: {
    ...record.dynamodb,
    ApproximateCreationDateTime: new Date(record.dynamodb.ApproximateCreationDateTime * 1000),
  },
})) as _Record[];
const first = fixture[0]!.dynamodb.SequenceNumber;
const last = fixture.at(-1)!.dynamodb.SequenceNumber;
const message = (id: string, range = { start: first, end: last }) => ({
  MessageId: id,
  ReceiptHandle: `receipt-${id}`,
  Body: JSON.stringify({
    requestContext: { condition: 'RetryAttemptsExhausted' },
    version: '1.0',
    DDBStreamBatchInfo: {
      shardId: 'shardId-0001',
      startSequenceNumber: range.start,
      endSequenceNumber: range.end,
      batchSize: fixture.length,
      streamArn: STREAM_ARN,
    },
  }),
});

const sqs = mockClient(SQSClient);
const streams = mockClient(DynamoDBStreamsClient);
const events = mockClient(EventBridgeClient);
beforeEach(() => {
  sqs.reset();
  streams.reset();
  events.reset();
  streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'iterator-1' });
  streams.on(GetRecordsCommand).resolves({ Records: apiRecords, NextShardIterator: 'iterator-2' });
  events.on(PutEventsCommand).callsFake(({ Entries = [] }: { Entries?: unknown[] }) => ({
    FailedEntryCount: 0,
    Entries: Entries.map((_, i) => ({ EventId: `e-${i}` })),
  }));
});

const world = (): { deps: RedriveDependencies; lines: string[] } => {
  const lines: string[] = [];
  const client = new EventBridgeClient({ region: 'eu-west-1' });
  return {
    lines,
    deps: {
      sqs: new SQSClient({ region: 'eu-west-1' }),
      streams: new DynamoDBStreamsClient({ region: 'eu-west-1' }),
      publish: redriveHandler({ eventBusName: 'catalog-dev', region: 'eu-west-1' }, client),
      queueUrl: QUEUE,
      say: (line) => lines.push(line),
    },
  };
};
const onceThenEmpty = (...messages: ReturnType<typeof message>[]) =>
  sqs.on(ReceiveMessageCommand).resolvesOnce({ Messages: messages }).resolves({ Messages: [] });
const publishedIds = () =>
  events
    .commandCalls(PutEventsCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .map((entry) => (JSON.parse(entry.Detail!) as { metadata: { eventId: string } }).metadata.eventId);

describe('pnpm ops redrive', () => {
  it('dry run: reads the batch from the stream, publishes and deletes nothing, releases the message', async () => {
    onceThenEmpty(message('m-1'));
    const { deps, lines } = world();
    const report = await redrive(deps, { apply: false, maxMessages: 100 });
    expect(report).toMatchObject({ messages: 1, records: fixture.length, republished: 0, deleted: 0 });
    expect(streams.commandCalls(GetShardIteratorCommand)[0]?.args[0].input).toMatchObject({
      StreamArn: STREAM_ARN,
      ShardId: 'shardId-0001',
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      SequenceNumber: first,
    });
    expect(events.commandCalls(PutEventsCommand)).toHaveLength(0);
    expect(sqs.commandCalls(DeleteMessageCommand)).toHaveLength(0);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand)[0]?.args[0].input.VisibilityTimeout).toBe(0);
    expect(lines.join('\n')).toContain(`would republish ${fixture.length} record(s)`);
  });

  it('--apply: republishes through the stream use case with the original event ids, then deletes', async () => {
    onceThenEmpty(message('m-1'));
    const { deps } = world();
    const report = await redrive(deps, { apply: true, maxMessages: 100 });
    expect(report).toMatchObject({ messages: 1, deleted: 1, kept: 0 });
    expect(publishedIds().length).toBeGreaterThan(0);
    const expected = fixture.map((record) => eventIdFor(record.eventID));
    expect(publishedIds().every((id) => expected.includes(id))).toBe(true);
    expect(sqs.commandCalls(DeleteMessageCommand)[0]?.args[0].input.ReceiptHandle).toBe('receipt-m-1');
  });

  it('keeps the message when an event is refused, and when the stream no longer holds the records', async () => {
    onceThenEmpty(message('m-1'));
    events.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'AccessDeniedException', ErrorMessage: 'no' }],
    });
    const { deps, lines } = world();
    expect(await redrive(deps, { apply: true, maxMessages: 100 })).toMatchObject({ deleted: 0, kept: 1 });
    sqs.reset();
    onceThenEmpty(message('m-2'));
    streams
      .on(GetShardIteratorCommand)
      .rejects(Object.assign(new Error('records trimmed'), { name: 'TrimmedDataAccessException' }));
    expect(await redrive(deps, { apply: true, maxMessages: 100 })).toMatchObject({ deleted: 0, kept: 1 });
    expect(sqs.commandCalls(DeleteMessageCommand)).toHaveLength(0);
    expect(lines.join('\n')).toMatch(/not published[\s\S]*TrimmedDataAccessException/);
  });

  it('keeps a message that names no stream batch, and stops at the end sequence number', async () => {
    onceThenEmpty(
      { MessageId: 'junk', ReceiptHandle: 'r', Body: '{"hello":1}' },
      message('m-1', { start: first, end: first }),
    );
    const { deps } = world();
    const report = await redrive(deps, { apply: true, maxMessages: 100 });
    expect(report).toMatchObject({ messages: 2, records: 1, deleted: 1, kept: 1 });
  });
});

describe('pnpm ops replay', () => {
  const outputs = JSON.stringify({
    event_bus_arn: { value: BUS_ARN },
    event_bus_name: { value: 'catalog-dev' },
    event_archive_arn: { value: ARCHIVE_ARN },
    on_failure_queue_url: { value: QUEUE },
  });
  const run = async (argv: string[]) => {
    const lines: string[] = [];
    const asked: string[][] = [];
    const code = await runOps(argv, {
      say: (line) => lines.push(line),
      terraform: (args) => (asked.push([...args]), Promise.resolve(outputs)),
      now: NOW,
    });
    return { code, lines, asked };
  };

  it('dry run prints the request; --apply starts the replay of the archive into the bus', async () => {
    const window = ['--from', '2026-05-01T10:00:00Z', '--to', '2026-05-01T11:00:00Z'];
    const dry = await run(['replay', '--env', 'dev', ...window]);
    expect(dry.code).toBe(0);
    expect(dry.asked).toEqual([['-chdir=terraform/environments/dev', 'output', '-json']]);
    expect(events.commandCalls(StartReplayCommand)).toHaveLength(0);
    events.on(StartReplayCommand).resolves({ State: 'STARTING' });
    expect((await run(['replay', '--env', 'dev', ...window, '--apply'])).code).toBe(0);
    expect(events.commandCalls(StartReplayCommand)[0]?.args[0].input).toMatchObject({
      EventSourceArn: ARCHIVE_ARN,
      Destination: { Arn: BUS_ARN },
      EventStartTime: new Date('2026-05-01T10:00:00Z'),
      EventEndTime: new Date('2026-05-01T11:00:00Z'),
      ReplayName: 'catalog-dev-20260502t000000z',
    });
  });

  it.each([
    [['replay', '--env', 'dev', '--from', '2026-05-01T10:00:00Z'], /--to is required/],
    [
      ['replay', '--env', 'dev', '--from', 'yesterday', '--to', '2026-05-01T11:00:00Z'],
      /--from must be an ISO 8601 time/,
    ],
    [
      ['replay', '--env', 'dev', '--from', '2026-05-01T12:00:00Z', '--to', '2026-05-01T11:00:00Z'],
      /--from must be before --to/,
    ],
    [
      ['replay', '--env', 'dev', '--from', '2026-05-01T12:00:00Z', '--to', '2027-01-01T00:00:00Z'],
      /in the future/,
    ],
    [
      ['replay', '--env', 'qa', '--from', '2026-05-01T10:00:00Z', '--to', '2026-05-01T11:00:00Z'],
      /--env must be one of dev, staging, prod/,
    ],
    [['redrive', '--env', 'dev', '--max-messages', '0'], /--max-messages must be an integer/],
    [['redrive', '--env', 'dev', '--force'], /Unknown option --force/],
    [['redrive'], /--env is required/],
    [['purge', '--env', 'dev'], /Unknown command "purge"/],
  ])('%j is refused with a clear error before anything is read or changed', async (argv, message) => {
    const { code, lines, asked } = await run(argv);
    expect(code).toBe(2);
    expect(lines.join('\n')).toMatch(message);
    expect(lines.join('\n')).toMatch(/Usage: pnpm ops/);
    expect(asked).toEqual([]);
    expect(events.calls()).toHaveLength(0);
    expect(sqs.calls()).toHaveLength(0);
  });

  it('refuses to run when the environment has no such output', async () => {
    const lines: string[] = [];
    const code = await runOps(
      ['replay', '--env', 'prod', '--from', '2026-05-01T10:00:00Z', '--to', '2026-05-01T11:00:00Z'],
      {
        say: (line) => lines.push(line),
        terraform: () => Promise.resolve(JSON.stringify({ event_bus_arn: { value: BUS_ARN } })),
        now: NOW,
      },
    );
    expect(code).toBe(2);
    expect(lines[0]).toMatch(/no event_archive_arn/);
    expect(parseCommand(['redrive', '--env', 'prod'])).toMatchObject({ apply: false, maxMessages: 100 });
  });
});
