import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import './provided';

/** The superuser URL of the PostgreSQL that the integration run's globalSetup started (or POSTGRES_URL). */
export const postgresTestServerUrl = (): string => {
  const provided = inject('catalogPostgres');
  if (provided === undefined) {
    throw new Error(
      'No PostgreSQL for this test: PostgreSQL tests are *.int.test.ts files run by `pnpm test:int`, ' +
        'whose globalSetup (packages/testkit/src/postgres/global-setup.ts) starts one',
    );
  }
  if ('error' in provided) throw new Error(provided.error);
  return provided.url;
};

/** `url` with another database name. */
export const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
};

/** Runs `work` on a connection of its own to `url`, closed afterwards. */
export const withPostgresClient = async <T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** Creates an empty database with a unique name on the server at `serverUrl`; returns its URL. */
export const createTestDatabase = async (serverUrl: string, prefix = 'test'): Promise<string> => {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`.toLowerCase();
  await withPostgresClient(serverUrl, (client) =>
    client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`),
  );
  return withDatabase(serverUrl, name);
};

/** Drops the database at `databaseUrl`, disconnecting whoever is still connected. */
export const dropTestDatabase = async (databaseUrl: string): Promise<void> => {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  await withPostgresClient(withDatabase(databaseUrl, 'postgres'), (client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
  );
};

export interface PostgresTestDatabase {
  /** The URL of the test file's own database (superuser credentials). */
  readonly url: string;
}

/**
 * Gives the calling test file a database of its own: created before its tests and prepared by
 * `prepare(url)` (the adapter's migrations: the testkit must not import adapters), dropped after.
 */
export const usePostgresDatabase = (
  prepare: (url: string) => Promise<void> = () => Promise.resolve(),
  prefix = 'test',
): PostgresTestDatabase => {
  let url: string | undefined;
  beforeAll(async () => {
    url = await createTestDatabase(postgresTestServerUrl(), prefix);
    await prepare(url);
  });
  afterAll(async () => {
    if (url !== undefined) await dropTestDatabase(url);
  });
  return {
    get url() {
      if (url === undefined) throw new Error('The test database exists only once beforeAll has run');
      return url;
    },
  };
};
