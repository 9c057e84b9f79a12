import type { Writable } from 'node:stream';
import {
  buildCreateProductHandler,
  buildDeleteProductHandler,
  buildGetProductHandler,
  buildListProductsHandler,
  buildPutProductHandler,
  clockModule,
  createProductPorts,
  deleteProductPorts,
  getProductPorts,
  idGeneratorModule,
  listProductsPorts,
  loadConfig,
  observabilityModule,
  putProductPorts,
  readBaseConfig,
  SystemClock,
} from '@catalog/lambdas';
import { startDynamoDbLocal } from '@catalog/testkit/dynamodb';
import { Container } from 'inversify';
import { ensureTables, streamsClient } from './dynamodb-backend';
import { MemoryStreamFeeder, memoryPortsModule, memoryStores } from './memory-backend';
import { startPostgres } from './postgres-backend';
import type { ApiHandlers } from './routes';
import { FileCheckpointStore } from './state/checkpoint-file';
import { StreamPoller, type StreamHandler } from './stream-poller';

/** Where products live: DynamoDB Local (data on disk or in memory), PostgreSQL, or the in-memory adapters. */
export type PersistenceChoice = 'auto' | 'dynamodb' | 'memory' | 'postgres';

export interface PersistenceContext {
  /** The functions' environment, as Terraform sets it; persistence adds its own variables. */
  readonly env: Record<string, string | undefined>;
  readonly observability: { readonly logStream: Writable; readonly writeMetrics: (line: string) => void };
  /** The stream processor, invoked as the event source mapping would. */
  readonly publish: StreamHandler;
  /** Absolute; undefined keeps nothing on disk. */
  readonly dataDir: string | undefined;
  /** PostgreSQL's cluster folder (absolute); undefined: a throwaway cluster. */
  readonly postgresDataDir?: string | undefined;
  /** The outbox relay's poll interval; the deployed default when undefined. */
  readonly relayPollIntervalMs?: number | undefined;
  readonly say: (line: string) => void;
}

export interface Persistence {
  readonly kind: 'dynamodb' | 'memory' | 'postgres';
  readonly handlers: ApiHandlers;
  /** One line for the start banner. */
  readonly storage: string;
  readonly stream: string;
  readonly dynamoDb?: {
    readonly endpoint: string;
    readonly via: string;
    readonly startupMs: number;
    readonly pid?: number;
  };
  readonly postgres?: {
    readonly url: string;
    readonly via: string;
    readonly version: string;
    readonly startupMs: number;
  };
  stop(): Promise<void>;
}

const handlersOf = (ports: (name: keyof ApiHandlers) => Container): ApiHandlers => ({
  createProduct: buildCreateProductHandler(ports('createProduct')),
  listProducts: buildListProductsHandler(ports('listProducts')),
  getProduct: buildGetProductHandler(ports('getProduct')),
  putProduct: buildPutProductHandler(ports('putProduct')),
  deleteProduct: buildDeleteProductHandler(ports('deleteProduct')),
});

const startDynamoDb = async (context: PersistenceContext): Promise<Persistence> => {
  const { env, observability, dataDir, say } = context;
  const dbPath = dataDir === undefined ? undefined : `${dataDir}/dynamodb`;
  const ddb = await startDynamoDbLocal({
    inMemory: dbPath === undefined,
    ...(dbPath === undefined ? {} : { dbPath }),
    log: say,
  });
  try {
    const tables = await ensureTables(ddb.endpoint, 'catalog-local');
    Object.assign(env, {
      DYNAMODB_ENDPOINT: ddb.endpoint,
      PRODUCTS_TABLE_NAME: tables.productsTable,
      IDEMPOTENCY_TABLE_NAME: tables.idempotencyTable,
    });
    const roots = {
      createProduct: createProductPorts,
      listProducts: listProductsPorts,
      getProduct: getProductPorts,
      putProduct: putProductPorts,
      deleteProduct: deleteProductPorts,
    };
    const handlers = handlersOf((name) => roots[name](env, observability));
    const poller = new StreamPoller({
      client: streamsClient(ddb.endpoint),
      streamArn: tables.streamArn,
      handler: context.publish,
      batchSize: 100,
      maxRetries: 3,
      ...(dataDir === undefined
        ? {}
        : {
            checkpoints: new FileCheckpointStore(`${dataDir}/stream/checkpoint.json`, (line) =>
              say(`[stream] ${line}`),
            ),
          }),
      log: (level, message, details) => say(`[stream ${level}] ${message} ${JSON.stringify(details ?? {})}`),
    });
    await poller.start();
    return {
      kind: 'dynamodb',
      handlers,
      storage: `DynamoDB Local via ${ddb.backend}${ddb.pid === undefined ? '' : ` (pid ${ddb.pid})`} at ${ddb.endpoint} (${dbPath === undefined ? 'in memory' : `data in ${dbPath}`}, up in ${ddb.startupMs} ms)`,
      stream: `table stream polled into the real stream handler${dataDir === undefined ? '' : ' (checkpoint kept on disk)'}`,
      dynamoDb: {
        endpoint: ddb.endpoint,
        via: ddb.backend,
        startupMs: ddb.startupMs,
        ...(ddb.pid === undefined ? {} : { pid: ddb.pid }),
      },
      stop: async () => {
        await poller.stop();
        await ddb.stop();
      },
    };
  } catch (error) {
    await ddb.stop();
    throw error;
  }
};

const startMemory = (context: PersistenceContext): Persistence => {
  const { repository, idempotency } = memoryStores(new SystemClock());
  const ports = new Container({ defaultScope: 'Singleton' });
  ports.load(
    observabilityModule(loadConfig(readBaseConfig, context.env), context.observability),
    clockModule,
    idGeneratorModule,
    memoryPortsModule(repository, idempotency),
  );
  const feeder = new MemoryStreamFeeder(repository, context.publish, (line) =>
    context.say(`[stream] ${line}`),
  );
  feeder.start();
  return {
    kind: 'memory',
    handlers: handlersOf(() => ports),
    storage: 'in-memory adapters (data is lost on exit)',
    stream: 'in-memory change feed into the real stream handler',
    stop: () => feeder.stop(),
  };
};

/** The one place the persistence behind the functions is chosen and started. */
export const startPersistence = async (
  choice: PersistenceChoice,
  context: PersistenceContext,
): Promise<Persistence> => {
  if (choice === 'memory') return startMemory(context);
  if (choice === 'postgres') return startPostgres(context);
  try {
    return await startDynamoDb(context);
  } catch (error) {
    if (choice === 'dynamodb') throw error;
    context.say(`\n!!! ${error instanceof Error ? error.message : String(error)}`);
    context.say(
      '!!! WARNING: falling back to IN-MEMORY adapters: data is lost on exit and no real table stream runs.\n',
    );
    return startMemory(context);
  }
};
