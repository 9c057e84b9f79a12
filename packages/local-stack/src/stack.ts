import type { Writable } from 'node:stream';
import {
  buildCreateProductHandler,
  buildDeleteProductHandler,
  buildGetProductHandler,
  buildListProductsHandler,
  buildPutProductHandler,
  clockModule,
  createProductPorts,
  createPublishProductEventsHandler,
  deleteProductPorts,
  getProductPorts,
  idGeneratorModule,
  listProductsPorts,
  loadConfig,
  observabilityModule,
  publishProductEventsPorts,
  putProductPorts,
  readBaseConfig,
} from '@catalog/lambdas';
import { InMemoryProductRepository } from '@catalog/testkit';
import { startDynamoDbLocal, type DynamoDbLocal } from '@catalog/testkit/dynamodb';
import { LocalEventBridge } from '@catalog/testkit/eventbridge';
import { Container } from 'inversify';
import { ApiServer } from './api-server';
import { ensureTables, streamsClient } from './dynamodb-backend';
import { MemoryStreamFeeder, memoryPortsModule } from './memory-backend';
import { apiRoutes } from './routes';
import { StreamPoller } from './stream-poller';

export interface LocalStackOptions {
  readonly port?: number;
  readonly eventsPort?: number;
  readonly host?: string;
  /** `dynamodb`: DynamoDB Local (Docker or Java); `memory`: in-memory adapters; `auto`: DynamoDB, else memory. */
  readonly backend?: 'auto' | 'dynamodb' | 'memory';
  /** Keep DynamoDB Local's data in memory instead of `dataDir`. */
  readonly inMemory?: boolean;
  readonly dataDir?: string;
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Where the functions' JSON log lines (and EMF metric lines) go. */
  readonly logStream: Writable;
  /** Human-readable progress lines. */
  readonly say: (line: string) => void;
}

export interface LocalStack {
  readonly apiUrl: string;
  readonly eventsUrl: string;
  readonly backend: 'dynamodb' | 'memory';
  readonly dynamoDb?: { readonly endpoint: string; readonly via: string; readonly startupMs: number };
  readonly bus: LocalEventBridge;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(port: number, what: string, flag: string) {
    super(`Port ${port} (${what}) is already in use: stop what holds it or pick another with ${flag} <port>`);
    this.name = 'PortInUseError';
  }
}

const listenOrExplain = async <T>(
  start: () => Promise<T>,
  port: number,
  what: string,
  flag: string,
): Promise<T> => {
  try {
    return await start();
  } catch (error) {
    if ((error as { code?: string }).code === 'EADDRINUSE') throw new PortInUseError(port, what, flag);
    throw error;
  }
};

/** Starts the whole local stack; `stop()` shuts everything down in reverse order. */
export const startLocalStack = async (options: LocalStackOptions): Promise<LocalStack> => {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
  };
  try {
    const eventsPort = options.eventsPort ?? 4010;
    const bus = new LocalEventBridge({ port: eventsPort, ...(options.host ? { host: options.host } : {}) });
    const eventsUrl = await listenOrExplain(
      () => bus.start(),
      eventsPort,
      'local PutEvents endpoint',
      '--events-port',
    );
    stops.push(() => bus.stop());

    const env: Record<string, string | undefined> = {
      SERVICE_NAME: 'catalog-local',
      LOG_LEVEL: options.logLevel ?? 'info',
      METRICS_NAMESPACE: 'Catalog',
      EVENT_BUS_NAME: 'catalog-local',
      EVENT_SOURCE: 'catalog.products',
      EVENTBRIDGE_ENDPOINT: eventsUrl,
      AWS_REGION: 'eu-west-1',
    };
    const observability = {
      logStream: options.logStream,
      writeMetrics: (line: string) => options.logStream.write(`${line}\n`),
    };
    const publishHandler = createPublishProductEventsHandler(publishProductEventsPorts(env, observability));

    let dynamoDb: DynamoDbLocal | undefined;
    if (options.backend !== 'memory') {
      try {
        dynamoDb = await startDynamoDbLocal({
          inMemory: options.inMemory ?? false,
          ...(options.inMemory ? {} : { dbPath: options.dataDir ?? '.local/dynamodb' }),
          log: (line) => options.say(line),
        });
      } catch (error) {
        if (options.backend === 'dynamodb') throw error;
        options.say(`\n!!! ${error instanceof Error ? error.message : String(error)}`);
        options.say(
          '!!! WARNING: falling back to IN-MEMORY adapters: data is lost on exit and no real table stream runs.\n',
        );
      }
    }

    let handlers;
    if (dynamoDb) {
      const ddb = dynamoDb;
      stops.push(() => ddb.stop());
      const tables = await ensureTables(ddb.endpoint, 'catalog-local');
      Object.assign(env, {
        DYNAMODB_ENDPOINT: ddb.endpoint,
        PRODUCTS_TABLE_NAME: tables.productsTable,
        IDEMPOTENCY_TABLE_NAME: tables.idempotencyTable,
      });
      handlers = {
        createProduct: buildCreateProductHandler(createProductPorts(env, observability)),
        listProducts: buildListProductsHandler(listProductsPorts(env, observability)),
        getProduct: buildGetProductHandler(getProductPorts(env, observability)),
        putProduct: buildPutProductHandler(putProductPorts(env, observability)),
        deleteProduct: buildDeleteProductHandler(deleteProductPorts(env, observability)),
      };
      const poller = new StreamPoller({
        client: streamsClient(ddb.endpoint),
        streamArn: tables.streamArn,
        handler: publishHandler,
        batchSize: 100,
        maxRetries: 3,
        log: (level, message, details) =>
          options.say(`[stream ${level}] ${message} ${JSON.stringify(details ?? {})}`),
      });
      await poller.start();
      stops.push(() => poller.stop());
    } else {
      const repository = new InMemoryProductRepository();
      const ports = new Container({ defaultScope: 'Singleton' });
      ports.load(
        observabilityModule(loadConfig(readBaseConfig, env), observability),
        clockModule,
        idGeneratorModule,
        memoryPortsModule(repository),
      );
      handlers = {
        createProduct: buildCreateProductHandler(ports),
        listProducts: buildListProductsHandler(ports),
        getProduct: buildGetProductHandler(ports),
        putProduct: buildPutProductHandler(ports),
        deleteProduct: buildDeleteProductHandler(ports),
      };
      const feeder = new MemoryStreamFeeder(repository, publishHandler, (line) =>
        options.say(`[stream] ${line}`),
      );
      feeder.start();
      stops.push(() => feeder.stop());
    }

    const port = options.port ?? 3000;
    const api = new ApiServer(apiRoutes(handlers), {
      onError: (error, route) => options.say(`[api] ${route}: ${String(error)}`),
    });
    const apiUrl = await listenOrExplain(() => api.start(port, options.host), port, 'REST API', '--port');
    stops.push(() => api.stop());

    return {
      apiUrl,
      eventsUrl,
      backend: dynamoDb ? 'dynamodb' : 'memory',
      ...(dynamoDb
        ? { dynamoDb: { endpoint: dynamoDb.endpoint, via: dynamoDb.backend, startupMs: dynamoDb.startupMs } }
        : {}),
      bus,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
