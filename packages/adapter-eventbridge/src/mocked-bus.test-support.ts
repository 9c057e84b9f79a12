import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandInput,
  type PutEventsCommandOutput,
  type PutEventsRequestEntry,
  type PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';
import type { ProductEvent, ProductEventType } from '@catalog/domain';
import { mockClient } from 'aws-sdk-client-mock';
import { EventBridgeProductEventPublisher } from './eventbridge-product-event-publisher';
import type { ProductEventBusSettings, TraceHeaderProvider } from './tokens';

/** Decides the fate of one entry: an error code refuses it, undefined accepts it. */
export type EntryVerdict = (entry: PutEventsRequestEntry) => string | undefined;

/**
 * An EventBridge client whose `send` is stubbed with aws-sdk-client-mock: it accepts entries (keeping them)
 * unless `refuseWhen` says otherwise, and records every call.
 */
export const mockedBus = () => {
  const client = new EventBridgeClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const stub = mockClient(client);
  const accepted: PutEventsRequestEntry[] = [];
  let verdict: EntryVerdict = () => undefined;
  let eventIds = 0;
  const respond = (input: PutEventsCommandInput): Partial<PutEventsCommandOutput> => {
    const results: PutEventsResultEntry[] = (input.Entries ?? []).map((entry) => {
      const errorCode = verdict(entry);
      if (errorCode !== undefined) return { ErrorCode: errorCode, ErrorMessage: `refused: ${errorCode}` };
      accepted.push(entry);
      eventIds++;
      return { EventId: `bus-event-${eventIds}` };
    });
    return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
  };
  stub.on(PutEventsCommand).callsFake(respond);
  return {
    client,
    stub,
    accepted,
    respond,
    refuseWhen(next: EntryVerdict): void {
      verdict = next;
    },
    /** The entries of every PutEvents call, in call order. */
    calls(): PutEventsRequestEntry[][] {
      return stub.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries ?? []);
    },
  };
};

/** The product event an entry carries (the inverse of the publisher's mapping). */
export const productEventOf = (entry: PutEventsRequestEntry): ProductEvent => {
  const detail = JSON.parse(entry.Detail ?? '{}') as Omit<ProductEvent, 'type'>;
  return { type: entry.DetailType as ProductEventType, ...detail };
};

export const eventIdOf = (entry: PutEventsRequestEntry): string => productEventOf(entry).metadata.eventId;

/** A publisher on `client` whose backoff sleeps are recorded instead of waited for. */
export const instantPublisher = (
  client: EventBridgeClient,
  options: { traceHeader?: TraceHeaderProvider; settings?: Partial<ProductEventBusSettings> } = {},
) => {
  const sleeps: number[] = [];
  const publisher = new EventBridgeProductEventPublisher(
    client,
    {
      eventBusName: 'catalog-test',
      source: 'catalog.products',
      ...options.settings,
      retry: {
        sleep: (ms) => {
          sleeps.push(ms);
          return Promise.resolve();
        },
        ...options.settings?.retry,
      },
    },
    options.traceHeader ?? (() => undefined),
  );
  return { publisher, sleeps };
};
