import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspect } from '../integration.test-support';
import { usePostgresDatabase } from '@catalog/testkit/postgres';
import { loadMigrations, migrate, MigrationChangedError } from './migrate';

describe(migrate, () => {
  const database = usePostgresDatabase(undefined, 'migrate');

  it('applies every migration once, and a rerun (also a concurrent one) applies nothing', async () => {
    const migrations = loadMigrations();
    const reports = await Promise.all(
      [1, 2, 3].map(() => inspect(database.url, (client) => migrate(client, migrations))),
    );
    expect(reports.flatMap((report) => report.applied)).toEqual(migrations.map((m) => m.version));
    const again = await inspect(database.url, (client) => migrate(client, migrations));
    expect(again).toEqual({ applied: [], current: migrations.at(-1)!.version });
    const tables = await inspect(database.url, (client) =>
      client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      ),
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual([
      'catalog_schema_migrations',
      'idempotency_records',
      'product_outbox',
      'products',
    ]);
  });

  it('refuses to go on when an applied migration was edited', async () => {
    const [first, ...rest] = loadMigrations();
    const edited = { ...first!, sql: `${first!.sql}\n-- edited`, checksum: 'edited' };
    await expect(
      inspect(database.url, (client) => migrate(client, [edited, ...rest])),
    ).rejects.toBeInstanceOf(MigrationChangedError);
  });

  it('leaves nothing of a migration that fails, so a fixed rerun applies it whole', async () => {
    const migrations = loadMigrations();
    const broken = {
      version: migrations.length + 1,
      name: 'broken',
      sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();',
      checksum: 'broken',
    };
    await expect(inspect(database.url, (client) => migrate(client, [...migrations, broken]))).rejects.toThrow(
      /no_such_function/,
    );
    const left = await inspect(database.url, (client) =>
      client.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'"),
    );
    expect(left.rowCount).toBe(0);
  });
});

describe(loadMigrations, () => {
  it('refuses gaps and misnamed files', () => {
    const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
    writeFileSync(join(folder, '0001_first.sql'), 'SELECT 1;');
    writeFileSync(join(folder, '0003_third.sql'), 'SELECT 1;');
    expect(() => loadMigrations(folder)).toThrow(/without gaps/);
    writeFileSync(join(folder, 'Second.sql'), 'SELECT 1;');
    expect(() => loadMigrations(folder)).toThrow(/NNNN_lower_case_name/);
  });
});
