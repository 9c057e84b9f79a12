import { isAbsolute, join } from 'node:path';
import type { Writable } from 'node:stream';
import { createPublishProductEventsHandler, publishProductEventsPorts } from '@catalog/lambdas';
import { LocalEventBridge } from '@catalog/testkit/eventbridge';
import { ApiServer } from './api-server';
import { LocalAuthorizer } from './auth/local-authorizer';
import { GatewayResponses } from './gateway/gateway-responses';
import { localEndpoints } from './local/local-endpoints';
import { pageAssets } from './local/page-assets';
import { startPersistence, type Persistence, type PersistenceChoice } from './persistence';
import { localCursorSigningKey } from './cursor-signing-key';
import { apiRoutes } from './routes';
import { JsonLinesEventStore } from './state/event-journal';

export interface LocalStackOptions {
  readonly port?: number;
  readonly eventsPort?: number;
  /** Where the REST API listens; loopback unless asked otherwise. Everything else listens on loopback only. */
  readonly host?: string;
  /** The stage prefix of every API path (`/<stage>/api/products`), as in a deployed invoke URL. */
  readonly stage?: string;
  /**
   * `dynamodb`: DynamoDB Local (Docker or Java); `memory`: in-memory adapters; `auto`: DynamoDB, else memory;
   * `postgres`: PostgreSQL with the outbox relay.
   */
  readonly backend?: PersistenceChoice;
  /** PostgreSQL's cluster folder (absolute); undefined: a throwaway cluster. */
  readonly postgresDataDir?: string | undefined;
  /** How often the relay looks for due outbox rows when it found none (default 100 ms, as deployed). */
  readonly relayPollIntervalMs?: number;
  /**
   * An absolute folder for everything the stack keeps: DynamoDB Local's files, the stream checkpoint, the
   * published events and the token signing key. Undefined keeps nothing on disk.
   */
  readonly dataDir?: string | undefined;
  /** Scopes a token needs (any one of them), like the API's authorization scopes. */
  readonly requiredScopes?: readonly string[];
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Where the functions' JSON log lines (and EMF metric lines) go. */
  readonly logStream: Writable;
  /** Human-readable progress lines. */
  readonly say: (line: string) => void;
}

export interface LocalStack {
  /** The server's origin, e.g. http://127.0.0.1:3000 (the API is under `/<stage>`, local endpoints under `/_local`). */
  readonly origin: string;
  /** The API's base URL, like a deployed stage's invoke URL: `<origin>/<stage>`. */
  readonly apiUrl: string;
  readonly eventsUrl: string;
  readonly stage: string;
  readonly backend: 'dynamodb' | 'memory' | 'postgres';
  readonly storage: string;
  readonly stream: string;
  readonly dynamoDb?: Persistence['dynamoDb'];
  readonly postgres?: Persistence['postgres'];
  readonly bus: LocalEventBridge;
  readonly authorizer: LocalAuthorizer;
  stop(): Promise<void>;
}

export const DEFAULT_STAGE = 'local';
export const DEFAULT_SCOPES = ['catalog/products'];
export const LOCAL_CLIENT_ID = 'catalog-local';

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
  const { dataDir, say } = options;
  if (dataDir !== undefined && !isAbsolute(dataDir))
    throw new Error(`dataDir must be an absolute path (got "${dataDir}")`);
  const stage = options.stage ?? DEFAULT_STAGE;
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
  };
  try {
    const eventsPort = options.eventsPort ?? 4010;
    const store =
      dataDir === undefined
        ? undefined
        : new JsonLinesEventStore(join(dataDir, 'events', 'events.jsonl'), say);
    // Only the functions of this process publish here: loopback, whatever --host says.
    const bus = new LocalEventBridge({ port: eventsPort, host: '127.0.0.1', ...(store ? { store } : {}) });
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
      // Signs list cursors, as the per-environment secret does when deployed; kept in the data dir.
      CURSOR_SIGNING_KEY: localCursorSigningKey(dataDir),
    };
    const observability = {
      logStream: options.logStream,
      writeMetrics: (line: string) => options.logStream.write(`${line}\n`),
    };
    const publish = createPublishProductEventsHandler(publishProductEventsPorts(env, observability));
    const persistence = await startPersistence(options.backend ?? 'auto', {
      env,
      observability,
      publish,
      dataDir,
      postgresDataDir: options.postgresDataDir,
      relayPollIntervalMs: options.relayPollIntervalMs,
      say,
    });
    stops.push(() => persistence.stop());

    let origin = '';
    const authorizer = await LocalAuthorizer.create({
      issuer: () => `${origin}/_local/auth`,
      clientIds: [LOCAL_CLIENT_ID],
      requiredScopes: options.requiredScopes ?? DEFAULT_SCOPES,
      ...(dataDir === undefined ? {} : { keyFile: join(dataDir, 'auth', 'signing-key.json') }),
    });
    const port = options.port ?? 3000;
    const api = new ApiServer(apiRoutes(persistence.handlers), {
      stage,
      authorizer,
      gatewayResponses: GatewayResponses.load(),
      localEndpoints: localEndpoints({ authorizer, bus, page: pageAssets(stage) }),
      onError: (error, route) => say(`[api] ${route}: ${String(error)}`),
    });
    origin = await listenOrExplain(() => api.start(port, options.host), port, 'REST API', '--port');
    stops.push(() => api.stop());

    return {
      origin,
      apiUrl: `${origin}/${stage}`,
      eventsUrl,
      stage,
      backend: persistence.kind,
      storage: persistence.storage,
      stream: persistence.stream,
      ...(persistence.dynamoDb ? { dynamoDb: persistence.dynamoDb } : {}),
      ...(persistence.postgres ? { postgres: persistence.postgres } : {}),
      bus,
      authorizer,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
