import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { PersistenceChoice } from './persistence';
import { DEFAULT_SCOPES, DEFAULT_STAGE } from './stack';

export const USAGE = `Usage: pnpm start [options]     (npm start -- [options] without pnpm)
  --port <n>          REST API, API page and /_local endpoints (default 3000)
  --events-port <n>   local PutEvents endpoint (default 4010)
  --host <address>    where the REST API listens (default 127.0.0.1; everything else stays on loopback)
  --stage <name>      stage prefix of the API paths, /<stage>/api/products (default ${DEFAULT_STAGE})
  --data-dir <dir>    what the stack keeps: DynamoDB Local data, stream checkpoint, events, signing key
                      (default .local/data; relative paths are taken from the repository root)
  --in-memory         keep nothing on disk (DynamoDB Local in memory, fresh signing key)
  --memory            in-memory adapters instead of DynamoDB Local (keeps nothing on disk)
  --persistence <p>   dynamodb (default) | postgres: PostgreSQL with the outbox relay instead of DynamoDB
  --postgres-data-dir <dir>  PostgreSQL's cluster (default .local/postgres, from the repository root;
                      --in-memory: a throwaway cluster)
  --scope <scope>     scope a token needs, repeatable (default ${DEFAULT_SCOPES.join(', ')})
  --log-level <l>     debug | info | warn | error (default info)
  --quiet             no function log lines on stdout
  --help              this text`;

/** The repository root: the nearest folder above this file holding pnpm-workspace.yaml. */
export const repositoryRoot = (from = dirname(fileURLToPath(import.meta.url))): string => {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'pnpm-workspace.yaml'))) return folder;
    if (dirname(folder) === folder) throw new Error(`No pnpm-workspace.yaml above ${from}`);
  }
};

export interface CliOptions {
  readonly help: boolean;
  readonly port: number;
  readonly eventsPort: number;
  readonly host: string;
  readonly stage: string;
  readonly backend: PersistenceChoice;
  /** Absolute, or undefined to keep nothing on disk. */
  readonly dataDir: string | undefined;
  /** PostgreSQL's cluster folder, absolute; undefined for a throwaway one (or when not on PostgreSQL). */
  readonly postgresDataDir: string | undefined;
  readonly requiredScopes: readonly string[];
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly quiet: boolean;
}

/** Thrown for a bad command line; the message says which option and what it takes. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const portOf = (name: string, raw: string): number => {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 65_535)
    throw new UsageError(`--${name} must be a port number 0-65535 (got "${raw}")`);
  return value;
};

const backendOf = (memory: boolean, persistence: 'dynamodb' | 'postgres'): PersistenceChoice => {
  if (memory) return 'memory';
  return persistence === 'postgres' ? 'postgres' : 'auto';
};

const persistenceOf = (persistence: string, memory: boolean): 'dynamodb' | 'postgres' => {
  if (persistence !== 'dynamodb' && persistence !== 'postgres')
    throw new UsageError(`--persistence must be dynamodb or postgres (got "${persistence}")`);
  if (persistence === 'postgres' && memory)
    throw new UsageError(
      '--memory replaces the store with in-memory adapters: it cannot go with --persistence postgres',
    );
  return persistence;
};

/** PostgreSQL's cluster folder: none (a throwaway cluster) when not on PostgreSQL or keeping nothing. */
const postgresDataDirOf = (
  persistence: 'dynamodb' | 'postgres',
  keepNothing: boolean,
  folder: string,
  root: string,
): string | undefined => (persistence === 'postgres' && !keepNothing ? resolve(root, folder) : undefined);

export const parseCliOptions = (args: readonly string[], root = repositoryRoot()): CliOptions => {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', default: false },
        port: { type: 'string', default: '3000' },
        'events-port': { type: 'string', default: '4010' },
        host: { type: 'string', default: '127.0.0.1' },
        stage: { type: 'string', default: DEFAULT_STAGE },
        'data-dir': { type: 'string', default: '.local/data' },
        'in-memory': { type: 'boolean', default: false },
        memory: { type: 'boolean', default: false },
        persistence: { type: 'string', default: 'dynamodb' },
        'postgres-data-dir': { type: 'string', default: '.local/postgres' },
        scope: { type: 'string', multiple: true },
        'log-level': { type: 'string', default: 'info' },
        quiet: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const logLevel = values['log-level'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel))
    throw new UsageError(`--log-level must be debug, info, warn or error (got "${logLevel}")`);
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(values.stage))
    throw new UsageError(`--stage must be letters, digits, '-' or '_' (got "${values.stage}")`);
  if (values.stage === '_local') throw new UsageError('--stage _local is taken by the local endpoints');
  const scopes = values.scope ?? DEFAULT_SCOPES;
  for (const scope of scopes) {
    if (!/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope))
      throw new UsageError(`--scope must be one scope name (got "${scope}")`);
  }
  const persistence = persistenceOf(values.persistence, values.memory);
  const keepNothing = values['in-memory'] || values.memory;
  return {
    help: values.help,
    port: portOf('port', values.port),
    eventsPort: portOf('events-port', values['events-port']),
    host: values.host,
    stage: values.stage,
    backend: backendOf(values.memory, persistence),
    dataDir: keepNothing ? undefined : resolve(root, values['data-dir']),
    postgresDataDir: postgresDataDirOf(persistence, keepNothing, values['postgres-data-dir'], root),
    requiredScopes: scopes,
    logLevel: logLevel as CliOptions['logLevel'],
    quiet: values.quiet,
  };
};
