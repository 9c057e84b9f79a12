import { execFileSync, spawn } from 'node:child_process';
import { chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { stopProcess } from '../process/stop-process';
import type { ServerBinaries } from './server-binaries';
import { waitUntilAccepting } from './readiness';

export interface LocalClusterOptions {
  readonly binaries: ServerBinaries;
  /** The cluster's data folder; created (initdb) when it holds no cluster yet. */
  readonly dataDir: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** A throwaway cluster skips fsync: a crash loses it anyway. */
  readonly durable: boolean;
}

export interface RunningCluster {
  readonly url: string;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 10_000;

interface Account {
  readonly uid: number;
  readonly gid: number;
  readonly name: string;
}

const accountOf = (name: string): Account | undefined => {
  try {
    const id = (flag: string) =>
      Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    return { uid: id('-u'), gid: id('-g'), name };
  } catch {
    return undefined;
  }
};

/**
 * PostgreSQL refuses to run as root. Then the server runs as an unprivileged account that already exists
 * (`postgres` where a package created it, else `nobody`), so nothing on the machine is changed.
 */
const serverAccount = (): Account | undefined => {
  if (process.platform === 'win32' || userInfo().uid !== 0) return undefined;
  const account = accountOf('postgres') ?? accountOf('nobody');
  if (account === undefined) {
    throw new Error('PostgreSQL cannot run as root and there is neither a `postgres` nor a `nobody` account');
  }
  return account;
};

const runsAs = (binDir: string, account: Account | undefined): boolean => {
  try {
    execFileSync(join(binDir, 'postgres'), ['--version'], {
      stdio: 'ignore',
      ...(account === undefined ? {} : { uid: account.uid, gid: account.gid }),
    });
    return true;
  } catch {
    return false;
  }
};

// The unprivileged account may not reach binaries inside root's folders (e.g. a checkout under /root):
// then a copy of the installation goes where it can.
const reachableBinDir = (binaries: ServerBinaries, account: Account | undefined): string => {
  if (account === undefined || runsAs(binaries.binDir, account)) return binaries.binDir;
  const installation = join(binaries.binDir, '..');
  const copy = join(tmpdir(), `catalog-postgres-${binaries.version}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) cpSync(installation, copy, { recursive: true });
  const binDir = join(copy, 'bin');
  if (!runsAs(binDir, account)) {
    throw new Error(`The ${account.name} account cannot run the PostgreSQL binaries in ${binaries.binDir}`);
  }
  return binDir;
};

const run = (file: string, args: string[], account: Account | undefined): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      ...(account === undefined ? {} : { uid: account.uid, gid: account.gid }),
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${file} exited with code ${String(code)}: ${output.trim()}`));
    });
  });

/** Initialises (once) and starts a PostgreSQL cluster from server binaries, listening on 127.0.0.1. */
export const startLocalCluster = async (options: LocalClusterOptions): Promise<RunningCluster> => {
  const account = serverAccount();
  const binDir = reachableBinDir(options.binaries, account);
  const owned = (dir: string): string => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (account !== undefined) chownSync(dir, account.uid, account.gid);
    return dir;
  };
  owned(options.dataDir);
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    const secrets = owned(mkdtempSync(join(tmpdir(), 'catalog-pg-init-')));
    const passwordFile = join(secrets, 'password');
    writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600 });
    if (account !== undefined) chownSync(passwordFile, account.uid, account.gid);
    try {
      await run(
        join(binDir, 'initdb'),
        [
          `--pgdata=${options.dataDir}`,
          `--username=${options.user}`,
          `--pwfile=${passwordFile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--locale=C',
          ...(options.durable ? [] : ['--no-sync']),
        ],
        account,
      );
    } finally {
      rmSync(secrets, { recursive: true, force: true });
    }
  }
  const socketDir = owned(mkdtempSync(join(tmpdir(), 'catalog-pg-socket-')));
  const settings = [
    'listen_addresses=127.0.0.1',
    `port=${options.port}`,
    `unix_socket_directories=${socketDir}`,
    // Integration tests open many connections at once (concurrent writers, two relays).
    'max_connections=200',
    ...(options.durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
  ];
  const child = spawn(
    join(binDir, 'postgres'),
    ['-D', options.dataDir, ...settings.flatMap((setting) => ['-c', setting])],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      ...(account === undefined ? {} : { uid: account.uid, gid: account.gid }),
    },
  );
  const output: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 50) output.shift();
  });
  // Never leave a server behind when the process ends abruptly.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const exited = new Promise<never>((_, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      reject(
        new Error(`postgres exited early (${signal ?? `code ${String(code)}`}): ${output.join('').trim()}`),
      );
    });
  });
  exited.catch(() => undefined);
  const url = `postgres://${encodeURIComponent(options.user)}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    // "fast" shutdown: open transactions roll back, the data stays consistent
    await stopProcess(child, 'SIGINT', STOP_GRACE_MS);
    rmSync(socketDir, { recursive: true, force: true });
  };
  try {
    await Promise.race([waitUntilAccepting(url), exited]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
};
