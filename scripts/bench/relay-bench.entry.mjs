// Bundled by the relay benchmark with the Lambda build options: relay-product-outbox built by its own
// composition root on a real PostgreSQL, with the EventBridge client's `send` stubbed (no network).
import 'reflect-metadata';
import { Writable } from 'node:stream';
import { EventBridgeSdkClient } from '../../packages/adapter-eventbridge/src/index.ts';
import { PostgresClientToken } from '../../packages/adapter-postgres/src/index.ts';
import {
  createOutboxRelay,
  relayProductOutboxPorts,
} from '../../packages/lambdas/src/relay/relay-product-outbox-root.ts';

/** The relay as deployed, but for the bus client's transport; logs and metrics are formatted, then dropped. */
export const benchRelay = (postgresUrl, batchSize) => {
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const ports = relayProductOutboxPorts(
    {
      PERSISTENCE: 'postgres',
      POSTGRES_URL: postgresUrl,
      EVENT_BUS_NAME: 'catalog-bench',
      AWS_REGION: 'eu-west-1',
      LOG_LEVEL: 'info',
      RELAY_BATCH_SIZE: String(batchSize),
    },
    { logStream: discard, writeMetrics: () => undefined },
  );
  const client = ports.get(EventBridgeSdkClient);
  const stats = { calls: 0, entries: 0 };
  client.send = (command) => {
    const entries = command.input.Entries ?? [];
    stats.calls++;
    stats.entries += entries.length;
    return Promise.resolve({
      FailedEntryCount: 0,
      Entries: entries.map((_, i) => ({ EventId: `bench-${i}` })),
    });
  };
  const { relay } = createOutboxRelay(ports);
  return { relay, stats, close: () => ports.get(PostgresClientToken).close() };
};
