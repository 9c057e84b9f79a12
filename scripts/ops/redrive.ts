import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDbStreamHandler } from '../../packages/lambdas/src/index';
import { batchOfMessage, readStreamBatch } from './stream-batch';

export interface RedriveDependencies {
  readonly sqs: SQSClient;
  readonly streams: DynamoDBStreamsClient;
  /** The stream function's handler (its use case and publisher), built for this environment. */
  readonly publish: DynamoDbStreamHandler;
  readonly queueUrl: string;
  readonly say: (line: string) => void;
}

export interface RedriveOptions {
  readonly apply: boolean;
  readonly maxMessages: number;
}

export interface RedriveReport {
  readonly messages: number;
  readonly records: number;
  readonly republished: number;
  readonly deleted: number;
  readonly kept: number;
}

// Messages stay invisible to other readers while a run handles them; released at once when not deleted.
const VISIBILITY_SECONDS = 300;

const receiveAll = async (deps: RedriveDependencies, max: number): Promise<Message[]> => {
  const seen = new Map<string, Message>();
  while (seen.size < max) {
    const { Messages = [] } = await deps.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: deps.queueUrl,
        MaxNumberOfMessages: Math.min(10, max - seen.size),
        VisibilityTimeout: VISIBILITY_SECONDS,
        WaitTimeSeconds: 1,
      }),
    );
    const fresh = Messages.filter(
      (message) => message.MessageId !== undefined && !seen.has(message.MessageId),
    );
    if (fresh.length === 0) break;
    for (const message of fresh) seen.set(message.MessageId!, message);
  }
  return [...seen.values()];
};

const release = (deps: RedriveDependencies, message: Message) =>
  deps.sqs.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: deps.queueUrl,
      ReceiptHandle: message.ReceiptHandle,
      VisibilityTimeout: 0,
    }),
  );

type Report = { -readonly [K in keyof RedriveReport]: RedriveReport[K] };

/** Handles one message; true when it was deleted (every record published), false when it is kept. */
const handle = async (
  deps: RedriveDependencies,
  options: RedriveOptions,
  message: Message,
  report: Report,
): Promise<boolean> => {
  const batch = batchOfMessage(message.Body);
  const label = `message ${message.MessageId ?? '?'}`;
  if (typeof batch === 'string') {
    deps.say(`${label}: kept, not a stream batch (${batch})`);
    return false;
  }
  const records = await readStreamBatch(deps.streams, batch);
  report.records += records.length;
  const range = `${batch.shardId} ${batch.startSequenceNumber}..${batch.endSequenceNumber}`;
  if (!options.apply) {
    deps.say(`${label}: would republish ${records.length} record(s) of ${range}`);
    return false;
  }
  const { batchItemFailures } = await deps.publish(
    { Records: records },
    { awsRequestId: `redrive-${message.MessageId ?? ''}`, functionName: 'ops-redrive' },
  );
  report.republished += records.length - batchItemFailures.length;
  if (batchItemFailures.length > 0) {
    deps.say(
      `${label}: kept, ${batchItemFailures.length} of ${records.length} record(s) of ${range} not published`,
    );
    return false;
  }
  await deps.sqs.send(
    new DeleteMessageCommand({ QueueUrl: deps.queueUrl, ReceiptHandle: message.ReceiptHandle }),
  );
  report.deleted++;
  deps.say(`${label}: republished ${records.length} record(s) of ${range}, message deleted`);
  return true;
};

/**
 * Republishes each given-up batch through the stream function's own handler (so events keep the ids their
 * records give them) and deletes a message only when every record of its batch was published. A dry run
 * reads and reports, publishes nothing, deletes nothing and releases every message.
 */
export const redrive = async (deps: RedriveDependencies, options: RedriveOptions): Promise<RedriveReport> => {
  const messages = await receiveAll(deps, options.maxMessages);
  const report: Report = { messages: messages.length, records: 0, republished: 0, deleted: 0, kept: 0 };
  deps.say(
    `${messages.length} message(s) in the on-failure queue${options.apply ? '' : ' (dry run: nothing is published or deleted)'}`,
  );
  for (const message of messages) {
    let deleted = false;
    try {
      deleted = await handle(deps, options, message, report);
    } catch (error) {
      const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      deps.say(`message ${message.MessageId ?? '?'}: kept, ${why}`);
    }
    if (deleted) continue;
    report.kept++;
    try {
      await release(deps, message);
    } catch {
      // The message becomes visible again when its visibility timeout ends anyway.
    }
  }
  return report;
};
