import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

/** One versioned SQL file: `NNNN_name.sql`, applied once, in version order, never edited afterwards. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export interface MigrationReport {
  /** Versions this run applied (empty when the schema was already current). */
  readonly applied: readonly number[];
  /** The schema's version afterwards. */
  readonly current: number;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;
const HISTORY = 'catalog_schema_migrations';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./sql/', import.meta.url));

/** The migrations in `folder`, in version order; refuses gaps, duplicates and misnamed files. */
export const loadMigrations = (folder = MIGRATIONS_FOLDER): Migration[] => {
  const migrations = readdirSync(folder)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE.exec(file);
      if (match === null) throw new Error(`Migration file ${file} is not named NNNN_lower_case_name.sql`);
      const sql = readFileSync(join(folder, file), 'utf8');
      return {
        version: Number(match[1]),
        name: match[2]!,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations must be numbered 0001, 0002, ... without gaps (found ${migration.version})`,
      );
    }
  });
  return migrations;
};

/** Where an applied migration no longer matches its file: forward-only means a new file, never an edit. */
export class MigrationChangedError extends Error {
  constructor(readonly version: number) {
    super(
      `Migration ${String(version).padStart(4, '0')} was changed after it was applied; ` +
        'migrations are forward-only: restore the file and add a new migration instead',
    );
    this.name = 'MigrationChangedError';
  }
}

// Any constant will do: it only has to be the same for every runner of this schema.
const RUNNER_LOCK = 0x63617461; // 'cata'

/** Runs `work` in a transaction that holds the runners' lock (transaction-scoped: nothing outlives it). */
const inTransaction = async (client: pg.ClientBase, work: () => Promise<unknown>): Promise<void> => {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [RUNNER_LOCK]);
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};

/**
 * Applies the pending migrations, each in its own transaction together with its history row, so a failed
 * migration leaves nothing behind and a rerun picks up where it stopped. Concurrent runners queue on a
 * transaction-scoped advisory lock; each re-reads the history under it, so every migration runs exactly once.
 * Applied migrations are compared by checksum: an edited one fails the run (MigrationChangedError).
 */
export const migrate = async (
  client: pg.ClientBase,
  migrations: readonly Migration[] = loadMigrations(),
): Promise<MigrationReport> => {
  const applied: number[] = [];
  await inTransaction(client, () =>
    client.query(
      `CREATE TABLE IF NOT EXISTS ${HISTORY} (
         version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now())`,
    ),
  );
  for (const migration of migrations) {
    await inTransaction(client, async () => {
      const { rows } = await client.query<{ checksum: string }>(
        `SELECT checksum FROM ${HISTORY} WHERE version = $1`,
        [migration.version],
      );
      const done = rows[0];
      if (done !== undefined && done.checksum !== migration.checksum) {
        throw new MigrationChangedError(migration.version);
      }
      if (done === undefined) {
        await client.query(migration.sql);
        await client.query(`INSERT INTO ${HISTORY} (version, name, checksum) VALUES ($1, $2, $3)`, [
          migration.version,
          migration.name,
          migration.checksum,
        ]);
        applied.push(migration.version);
      }
    });
  }
  return { applied, current: migrations.at(-1)?.version ?? 0 };
};
