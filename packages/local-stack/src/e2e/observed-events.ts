import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

/** A product event as a consumer sees it on the bus. */
export interface ObservedEvent {
  readonly source: string;
  readonly detailType: string;
  readonly detail: {
    readonly metadata: {
      readonly eventId: string;
      readonly eventVersion: string;
      readonly occurredAt: string;
      readonly correlationId: string;
      readonly productId: string;
      readonly productVersion: number;
    };
    readonly data: { readonly product: Record<string, unknown>; readonly changedFields?: string[] };
  };
}

/** Where E2E tests watch for events: the local PutEvents endpoint, or the interceptor queue of a deployment. */
export interface EventObserver {
  /** Every event seen so far for the product, in arrival order. */
  eventsFor(productId: string): Promise<ObservedEvent[]>;
}

/** Polls `GET <eventsUrl>/_local/events` of the local stack. */
export class LocalEventObserver implements EventObserver {
  constructor(private readonly eventsUrl: string) {}

  async eventsFor(productId: string): Promise<ObservedEvent[]> {
    const response = await fetch(
      `${this.eventsUrl}/_local/events?productId=${encodeURIComponent(productId)}`,
    );
    if (!response.ok) throw new Error(`GET /_local/events answered ${response.status}`);
    const events = (await response.json()) as {
      source: string;
      detailType: string;
      detail: string | object;
    }[];
    return events.map((event) => ({
      source: event.source,
      detailType: event.detailType,
      detail: (typeof event.detail === 'string'
        ? JSON.parse(event.detail)
        : event.detail) as ObservedEvent['detail'],
    }));
  }
}

/** Drains the E2E interceptor queue (EventBridge rule -> SQS) of a deployed environment. */
export class QueueEventObserver implements EventObserver {
  private readonly seen: ObservedEvent[] = [];
  private readonly client = new SQSClient({});

  constructor(private readonly queueUrl: string) {}

  async eventsFor(productId: string): Promise<ObservedEvent[]> {
    const { Messages = [] } = await this.client.send(
      new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    for (const message of Messages) {
      const envelope = JSON.parse(message.Body ?? '{}') as {
        source: string;
        'detail-type': string;
        detail: ObservedEvent['detail'];
      };
      this.seen.push({
        source: envelope.source,
        detailType: envelope['detail-type'],
        detail: envelope.detail,
      });
    }
    if (Messages.length > 0) {
      await this.client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: Messages.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle,
          })),
        }),
      );
    }
    return this.seen.filter((event) => event.detail.metadata.productId === productId);
  }
}

/** Waits until the product's events satisfy `done`, polling; fails with what was seen on timeout. */
export const waitForEvents = async (
  observer: EventObserver,
  productId: string,
  done: (events: ObservedEvent[]) => boolean,
  timeoutMs = 20_000,
): Promise<ObservedEvent[]> => {
  const deadline = Date.now() + timeoutMs;
  let events: ObservedEvent[] = [];
  while (Date.now() < deadline) {
    events = await observer.eventsFor(productId);
    if (done(events)) return events;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for events of ${productId}; saw: ${events.map((e) => e.detailType).join(', ') || 'none'}`,
  );
};
