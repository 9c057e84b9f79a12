import pg from 'pg';
import { poolConfig, type PostgresConnectionSettings } from '../client';
import { migrate, type MigrationReport } from './migrate';

/**
 * Connects with the functions' own settings (IAM token or password, TLS) and applies the pending
 * migrations. A migration may rewrite a table: no statement timeout, but it never queues behind live
 * traffic for long (lock timeout 10 s).
 */
export const migrateDatabase = async (settings: PostgresConnectionSettings): Promise<MigrationReport> => {
  const client = new pg.Client(
    poolConfig(settings, {
      statementTimeoutMs: 0,
      lockTimeoutMs: 10_000,
      idleInTransactionTimeoutMs: 600_000,
    }),
  );
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await migrate(client);
  } finally {
    await client.end().catch(() => undefined);
  }
};
