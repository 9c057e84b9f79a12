import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { loadMigrations } from '@catalog/adapter-postgres/migrations';
import { createTestDatabase, dropTestDatabase, postgresTestServerUrl } from '@catalog/testkit/postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The migrate-database package as built for deploy, run in a fresh Node process as Lambda loads it, with
// only its environment, invoked as Terraform invokes it, against a real PostgreSQL.

interface BuildScripts {
  buildFunction(
    name: string,
    options: { root: string; persistence: string },
  ): Promise<{ bundlePath: string; zipPath: string; bundleBytes: number; metafile: { inputs: object } }>;
}

const scripts = new URL('../../../../scripts/build/functions.mjs', import.meta.url);
const root = mkdtempSync(join(tmpdir(), 'catalog-migrate-bundle-'));
let built: Awaited<ReturnType<BuildScripts['buildFunction']>>;

beforeAll(async () => {
  const build = (await import(scripts.href)) as BuildScripts;
  built = await build.buildFunction('migrate-database', { root, persistence: 'postgres' });
}, 120_000);

const databases: string[] = [];
afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
  await Promise.all(databases.map((url) => dropTestDatabase(url)));
});

const RUNNER = `const { handler } = await import(process.argv[1]);
try {
  const result = await handler(JSON.parse(process.argv[2]), { awsRequestId: 'migrate-test', functionName: 'migrate-database' });
  process.stdout.write('\\n@@result@@' + JSON.stringify(result));
  process.exit(0);
} catch (error) {
  process.stdout.write('\\n@@error@@' + String(error?.message ?? error));
  process.exit(1);
}`;

const invoke = (url: string, event: unknown = { source: 'terraform' }, env: Record<string, string> = {}) => {
  const child = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', RUNNER, pathToFileURL(built.bundlePath).href, JSON.stringify(event)],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', PERSISTENCE: 'postgres', POSTGRES_URL: url, ...env },
      timeout: 60_000,
    },
  );
  const result = /@@result@@(.*)$/s.exec(child.stdout)?.[1];
  const error = /@@error@@(.*)$/s.exec(child.stdout)?.[1];
  return {
    status: child.status,
    stderr: child.stderr,
    result: result === undefined ? undefined : (JSON.parse(result) as unknown),
    error,
  };
};

const freshDatabase = async (): Promise<string> => {
  const url = await createTestDatabase(postgresTestServerUrl(), 'migrate');
  databases.push(url);
  return url;
};

const query = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
};

// The names in a ZIP's central directory (this build's own deterministic writer: no extra fields).
const zipEntries = (zip: Buffer): Map<string, Buffer> => {
  const entries = new Map<string, Buffer>();
  for (let offset = 0; zip.readUInt32LE(offset) === 0x04034b50;) {
    const method = zip.readUInt16LE(offset + 8);
    const size = zip.readUInt32LE(offset + 18);
    const nameLength = zip.readUInt16LE(offset + 26);
    const name = zip.toString('utf8', offset + 30, offset + 30 + nameLength);
    const body = zip.subarray(offset + 30 + nameLength, offset + 30 + nameLength + size);
    entries.set(name, method === 8 ? inflateRawSync(body) : body);
    offset += 30 + nameLength + size;
  }
  return entries;
};

const latest = loadMigrations().at(-1)!.version;

describe('migrate-database (built bundle)', () => {
  it('applies the pending migrations, answers which, and applies nothing the second time', async () => {
    const url = await freshDatabase();
    const first = invoke(url);
    expect(first.stderr).toBe('');
    expect(first).toMatchObject({ status: 0, result: { applied: loadMigrations().map((m) => m.version) } });
    expect(first.result).toEqual({ applied: expect.any(Array), current: latest });
    expect(await query(url, "SELECT to_regclass('products') IS NOT NULL AS present")).toEqual([
      { present: true },
    ]);
    expect(invoke(url)).toMatchObject({ status: 0, result: { applied: [], current: latest } });
  });

  it('fails the invocation when an applied migration was edited, changing nothing', async () => {
    const url = await freshDatabase();
    expect(invoke(url).status).toBe(0);
    await query(url, "UPDATE catalog_schema_migrations SET checksum = 'edited' WHERE version = 1");
    const edited = invoke(url);
    expect(edited.status).toBe(1);
    expect(edited.error).toContain('Migration 0001 was changed after it was applied');
    expect(edited.stderr).toBe('');
  });

  it('fails the invocation when PostgreSQL cannot be reached, or the event is not an invocation', async () => {
    const url = await freshDatabase();
    const unreachable = invoke(Object.assign(new URL(url), { port: '1' }).toString(), undefined, {
      LOG_LEVEL: 'error',
    });
    expect(unreachable.status).toBe(1);
    expect(unreachable.error).toMatch(/ECONNREFUSED|connect/);
    const wrongEvent = invoke(url, ['terraform']);
    expect(wrongEvent.status).toBe(1);
    expect(wrongEvent.error).toContain('expects an event like {"source":"terraform"}');
    expect(await query(url, "SELECT to_regclass('products') IS NULL AS absent")).toEqual([{ absent: true }]);
  });

  it('refuses at init to run for another persistence', async () => {
    const refused = invoke(await freshDatabase(), undefined, { PERSISTENCE: 'dynamodb' });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('PERSISTENCE must be postgres for migrate-database');
  });

  it('ships the migrations byte for byte beside a bundle that carries PostgreSQL only', () => {
    const entries = zipEntries(readFileSync(built.zipPath));
    const sqlFiles = loadMigrations().map((m) => `sql/${String(m.version).padStart(4, '0')}_${m.name}.sql`);
    expect([...entries.keys()].sort()).toEqual(['index.mjs', 'index.mjs.map', ...sqlFiles].sort());
    for (const migration of loadMigrations()) {
      const name = `sql/${String(migration.version).padStart(4, '0')}_${migration.name}.sql`;
      expect(entries.get(name)?.toString('utf8')).toBe(migration.sql);
    }
    const inputs = Object.keys(built.metafile.inputs);
    expect(
      inputs.filter((input) => /@aws-sdk\/(client-dynamodb|lib-dynamodb|client-eventbridge)\//.test(input)),
    ).toEqual([]);
    expect(inputs.some((input) => /\/pg\/lib\//.test(input))).toBe(true);
    // No HTTP edge, no use cases: the runner, the client and logging (the API bundles are ~620 KB).
    expect(inputs.filter((input) => /class-validator|packages\/application\//.test(input))).toEqual([]);
    expect(built.bundleBytes).toBeLessThan(400 * 1024);
  });
});
