import pg from 'pg';
import { usePostgresDatabase, type PostgresTestDatabase } from '@catalog/testkit/postgres';
import { PostgresClient, type PostgresClientOptions, type PostgresConnectionSettings } from './client';
import { migrate } from './migrations/migrate';

/** Runs the migrations on a fresh database. */
export const migrateDatabase = async (url: string): Promise<void> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(client);
  } finally {
    await client.end();
  }
};

/** The calling test file's own migrated database. */
export const useMigratedDatabase = (prefix = 'pg'): PostgresTestDatabase =>
  usePostgresDatabase(migrateDatabase, prefix);

/** A PostgresClient on `url` with room for concurrent callers (tests run many at once). */
export const testClient = (url: string, options: PostgresClientOptions = {}): PostgresClient =>
  new PostgresClient(settingsOf(url), { maxConnections: 20, ...options });

/** Connection settings (password authentication, no TLS) from a postgres:// URL. */
export const settingsOf = (url: string): PostgresConnectionSettings => {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    database: decodeURIComponent(parsed.pathname.slice(1)),
    user: decodeURIComponent(parsed.username),
    auth: { kind: 'password', password: decodeURIComponent(parsed.password) },
    ssl: 'disable',
  };
};

/** A plain client for inspecting and arranging the database behind the adapter's back. */
export const inspect = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};
