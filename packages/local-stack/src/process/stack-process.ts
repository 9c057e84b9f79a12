import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { repositoryRoot } from '../cli-options';

/** The local stack as a user runs it: a separate process group started by a README command. */
export interface StackProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly origin: string;
  readonly apiUrl: string;
  readonly eventsUrl: string;
  readonly storage: string;
  /** DynamoDB Local's JVM, when the stack started one. */
  readonly jvmPid: number | undefined;
  readonly dynamoDbEndpoint: string | undefined;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export const REPOSITORY_ROOT = repositoryRoot();

const line = (output: string, label: string): string =>
  new RegExp(`^\\s+${label}\\s+(.*)$`, 'm').exec(output)?.[1] ?? '';

/** Spawns `command` (default `node scripts/start.mjs`) and resolves once the banner says the stack is up. */
export const startStackProcess = async ({
  command = ['node', 'scripts/start.mjs'],
  args = ['--port', '0', '--events-port', '0', '--quiet'],
  cwd = REPOSITORY_ROOT,
  env = process.env,
  timeoutMs = 120_000,
}: {
  command?: readonly string[];
  args?: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
} = {}): Promise<StackProcess> => {
  const [program, ...rest] = command;
  // Its own process group: a signal for it (or a kill of the group) never reaches the test runner.
  const child = spawn(program!, [...rest, ...args], {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
  const deadline = Date.now() + timeoutMs;
  while (!output.includes('Catalog local stack is up')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`The local stack did not come up:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const storage = line(output, 'storage');
  const origin = /^(http:\/\/[^/]+)\//.exec(line(output, 'API page'))?.[1] ?? '';
  return {
    child,
    output: () => output,
    origin,
    apiUrl: line(output, 'REST API')
      .split(/\s+/)[0]!
      .replace(/\/api\/products$/, ''),
    eventsUrl: /\(also (http:\/\/[^/]+)\//.exec(line(output, 'events'))?.[1] ?? '',
    storage,
    jvmPid: /\(pid (\d+)\)/.exec(storage) ? Number(/\(pid (\d+)\)/.exec(storage)![1]) : undefined,
    dynamoDbEndpoint: / at (http:\/\/\S+) /.exec(storage)?.[1],
    exited,
  };
};

export const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Whether nothing listens on the loopback port any more (binding it succeeds). */
export const portIsFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, '127.0.0.1', () => {
      server.close(() => {
        resolve(true);
      });
    });
  });

export const portOf = (url: string): number => Number(new URL(url).port);

/** A bearer token from the stack's local issuer. */
export const tokenFrom = async (origin: string): Promise<string> => {
  const response = await fetch(`${origin}/_local/token`, { method: 'POST' });
  if (!response.ok) throw new Error(`POST /_local/token answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
};
