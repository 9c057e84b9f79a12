import { PassThrough } from 'node:stream';
import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandInput,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { createPublishProductEventsHandler, publishProductEventsPorts } from './publish-product-events-root';

export const TRACE_HEADER = 'Root=1-6a1b2c3d-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1';

/**
 * The publish-product-events function exactly as its composition root builds it from `env`, except that
 * the EventBridge client's `send` is stubbed (aws-sdk-client-mock): every entry is accepted and kept.
 */
export const functionOnStubbedBus = (env: Record<string, string> = {}) => {
  const client = new EventBridgeClient({ region: 'eu-west-1' });
  const entries: PutEventsRequestEntry[] = [];
  const stub = mockClient(client);
  stub.on(PutEventsCommand).callsFake((input: PutEventsCommandInput) => {
    const sent = input.Entries ?? [];
    entries.push(...sent);
    return { FailedEntryCount: 0, Entries: sent.map((_, i) => ({ EventId: `id-${entries.length + i}` })) };
  });
  const ports = publishProductEventsPorts(
    { EVENT_BUS_NAME: 'catalog-test-bus', LOG_LEVEL: 'error', ...env },
    {
      logStream: new PassThrough(),
      writeMetrics: () => undefined,
      eventBridge: { client, traceHeader: () => TRACE_HEADER },
    },
  );
  return {
    handler: createPublishProductEventsHandler(ports),
    entries,
    calls: () => stub.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries ?? []),
  };
};
