import {
  PutEventsCommand,
  type EventBridgeClient,
  type PutEventsRequestEntry,
  type PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';
import type { ProductEvent } from '@catalog/domain';
import type { ProductEventPublisher, PublishFailure, PublishResult } from '@catalog/ports';
import { inject, injectable } from 'inversify';
import { chunkEnd } from './chunking';
import { entrySize, MAX_CALL_BYTES, toPutEventsEntry } from './put-events-entry';
import {
  backoffDelay,
  callErrorCode,
  DEFAULT_RETRY_SETTINGS,
  isRetryableCallError,
  isRetryableEntryError,
  type PutEventsRetrySettings,
} from './retry-policy';
import { EventBridgeSdkClient, ProductEventBusSettings, TraceHeaderProvider } from './tokens';

interface Outgoing {
  readonly eventId: string;
  readonly entry: PutEventsRequestEntry;
}

interface Undelivered extends Outgoing {
  readonly errorCode: string;
  readonly errorMessage: string;
}

const report = ({ eventId, errorCode, errorMessage }: Undelivered): PublishFailure => ({
  eventId,
  errorCode,
  errorMessage,
});

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The entries of `sent` that the response does not confirm, in order. */
const unconfirmed = (
  sent: readonly Outgoing[],
  results: readonly PutEventsResultEntry[] | undefined,
): Undelivered[] =>
  sent.flatMap((outgoing, index) => {
    const result = results?.[index];
    if (result?.ErrorCode) {
      return [{ ...outgoing, errorCode: result.ErrorCode, errorMessage: result.ErrorMessage ?? '' }];
    }
    if (result?.EventId) return [];
    return [{ ...outgoing, errorCode: 'MissingResultEntry', errorMessage: 'PutEvents returned no result' }];
  });

/**
 * ProductEventPublisher on EventBridge PutEvents. Events go out in input order in calls of at most 10
 * entries and 256 KB that never hold two events of one product; failed entries (only those) and failed
 * calls are retried with backoff and jitter a bounded number of times. Once an event is finally
 * undeliverable no later call is made, and every undelivered event is reported (`NotAttempted` for the
 * events that were never sent, `EntryTooLarge` for an event that cannot fit in any call).
 */
@injectable()
export class EventBridgeProductEventPublisher implements ProductEventPublisher {
  private readonly retry: PutEventsRetrySettings;

  constructor(
    @inject(EventBridgeSdkClient) private readonly client: EventBridgeClient,
    @inject(ProductEventBusSettings) private readonly settings: ProductEventBusSettings,
    @inject(TraceHeaderProvider) private readonly traceHeader: TraceHeaderProvider,
  ) {
    this.retry = { ...DEFAULT_RETRY_SETTINGS, ...settings.retry };
  }

  async publish(events: readonly ProductEvent[]): Promise<PublishResult> {
    const traceHeader = this.traceHeader();
    const outgoing = events.map((event) => ({
      eventId: event.metadata.eventId,
      entry: toPutEventsEntry(event, this.settings, traceHeader),
    }));
    const sized = outgoing.map(({ entry }, index) => ({
      key: events[index]!.metadata.productId,
      size: entrySize(entry),
    }));
    const failed: PublishFailure[] = [];
    let next = 0;
    while (next < outgoing.length && failed.length === 0) {
      const { size } = sized[next]!;
      if (size > MAX_CALL_BYTES) {
        failed.push({
          eventId: outgoing[next]!.eventId,
          errorCode: 'EntryTooLarge',
          errorMessage: `The entry is ${size} bytes; PutEvents accepts at most ${MAX_CALL_BYTES}`,
        });
        next++;
        break;
      }
      const end = chunkEnd(sized, next);
      failed.push(...(await this.send(outgoing.slice(next, end))));
      next = end;
    }
    for (const { eventId } of outgoing.slice(next)) {
      failed.push({ eventId, errorCode: 'NotAttempted', errorMessage: 'An earlier event was not delivered' });
    }
    return { failed };
  }

  /** Sends one chunk, resending what failed; returns what is still undelivered when it gives up. */
  private async send(chunk: readonly Outgoing[]): Promise<PublishFailure[]> {
    let pending = chunk;
    for (let attempt = 1; ; attempt++) {
      let undelivered: Undelivered[];
      let retryable: boolean;
      try {
        const response = await this.client.send(
          new PutEventsCommand({ Entries: pending.map(({ entry }) => entry) }),
        );
        undelivered = unconfirmed(pending, response.Entries);
        retryable = undelivered.every(({ errorCode }) => isRetryableEntryError(errorCode));
      } catch (error) {
        const errorCode = callErrorCode(error);
        const errorMessage = messageOf(error);
        undelivered = pending.map((outgoing) => ({ ...outgoing, errorCode, errorMessage }));
        retryable = isRetryableCallError(error);
      }
      if (undelivered.length === 0) return [];
      if (!retryable || attempt >= this.retry.maxAttempts) return undelivered.map(report);
      pending = undelivered;
      await this.retry.sleep(backoffDelay(this.retry, attempt));
    }
  }
}
