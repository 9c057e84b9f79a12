// PostgreSQL client comparison for the adapter (ADR 0011), measured in one run on this machine against a
// real local PostgreSQL: node-postgres (`pg`) vs postgres.js, each bundled with the functions' esbuild
// options (what would ship), configured as the adapter needs them behind RDS Proxy (one connection, no
// named prepared statements). Reported: bundle size, cold init (fresh process: load + first query,
// which includes connecting), warm round trip (primary-key read, median of rounds).
// Usage: pnpm bench postgres-client   (PG_BENCH_COLD_RUNS, default 15; PG_BENCH_WARM, default 2000)
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { migrate } from '../../packages/adapter-postgres/src/migrations/index';
import {
  createTestDatabase,
  startPostgresServer,
  withPostgresClient,
} from '../../packages/testkit/src/postgres/index';
// @ts-expect-error -- a plain ES module shared with the build, without type declarations
import * as functionsModule from '../build/functions.mjs';
// @ts-expect-error -- a plain ES module shared with the build, without type declarations
import * as optionsModule from '../build/esbuild-options.mjs';

const { bundleEntry } = functionsModule as {
  bundleEntry: (options: object) => Promise<{ path: string; bytes: number }>;
};
const { repoRoot } = optionsModule as { repoRoot: string };

const COLD_RUNS = Number(process.env.PG_BENCH_COLD_RUNS ?? 15);
const WARM = Number(process.env.PG_BENCH_WARM ?? 2_000);
const ROUNDS = 7;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const server = await startPostgresServer({ log: (line) => console.log(line) });
const dir = await mkdtemp(join(tmpdir(), 'catalog-pg-client-bench-'));
try {
  const url = await createTestDatabase(server.url, 'bench');
  const id = crypto.randomUUID();
  await withPostgresClient(url, async (admin) => {
    await migrate(admin);
    await admin.query(`SELECT catalog_create_product($1, 'Cup', 'White', 450, 'EUR', now(), 'bench')`, [id]);
  });

  const clients = [
    { name: 'pg 8 (node-postgres)', entry: 'postgres-client-pg.entry.mjs' },
    { name: 'postgres.js 3', entry: 'postgres-client-postgresjs.entry.mjs' },
  ];
  const built = await Promise.all(
    clients.map(async (client) => ({
      ...client,
      ...(await bundleEntry({
        entryPoint: join(repoRoot, 'scripts/bench', client.entry),
        outfile: join(dir, client.entry.replace('.entry.mjs', ''), 'index.mjs'),
        nodePaths: [join(repoRoot, 'packages/adapter-postgres/node_modules')],
      })),
    })),
  );

  const probe = `const t0 = performance.now(); const m = await import(process.argv[1]); const t1 = performance.now();
await m.query(process.argv[2]); const t2 = performance.now(); await m.close();
process.stdout.write(JSON.stringify({ loadMs: t1 - t0, firstQueryMs: t2 - t1 }));`;
  const cold = new Map(built.map((client) => [client.name, { load: [] as number[], first: [] as number[] }]));
  for (let run = 0; run < COLD_RUNS; run++) {
    for (const client of run % 2 === 0 ? built : [...built].reverse()) {
      const child = spawnSync(
        process.execPath,
        ['--input-type=module', '-e', probe, pathToFileURL(client.path).href, id],
        {
          env: { PATH: process.env.PATH, POSTGRES_URL: url },
          encoding: 'utf8',
        },
      );
      if (child.status !== 0) throw new Error(`${client.name} failed:\n${child.stderr}`);
      const { loadMs, firstQueryMs } = JSON.parse(child.stdout) as { loadMs: number; firstQueryMs: number };
      cold.get(client.name)!.load.push(loadMs);
      cold.get(client.name)!.first.push(firstQueryMs);
    }
  }

  // Both clients connected at once, rounds alternating between them, so machine load hits both alike.
  const warm = new Map<string, number[]>(built.map((client) => [client.name, []]));
  process.env.POSTGRES_URL = url;
  const modules = await Promise.all(
    built.map(async (client) => ({
      name: client.name,
      ...((await import(pathToFileURL(client.path).href)) as {
        query: (id: string) => Promise<unknown>;
        close: () => Promise<void>;
      }),
    })),
  );
  for (let round = -2; round < ROUNDS; round++) {
    for (const module of round % 2 === 0 ? modules : [...modules].reverse()) {
      const started = performance.now();
      for (let i = 0; i < WARM; i++) await module.query(id);
      if (round >= 0) warm.get(module.name)!.push(((performance.now() - started) * 1000) / WARM);
    }
  }
  for (const module of modules) await module.close();

  console.log(
    `\nPostgreSQL clients (PostgreSQL ${server.version} via ${server.backend}; both configured for RDS Proxy)`,
  );
  console.log(
    `  ${''.padEnd(22)} ${'bundle'.padStart(10)} ${'cold load'.padStart(10)} ${'1st query'.padStart(10)} ${'warm RTT'.padStart(10)}`,
  );
  for (const client of built) {
    const { load, first } = cold.get(client.name)!;
    console.log(
      `  ${client.name.padEnd(22)} ${(client.bytes / 1024).toFixed(1).padStart(7)} KB ${median(load).toFixed(1).padStart(7)} ms ${median(first).toFixed(1).padStart(7)} ms ${median(warm.get(client.name)!).toFixed(0).padStart(7)} us`,
    );
  }
  console.log(
    `  (cold: median of ${COLD_RUNS} fresh processes; warm: median of ${ROUNDS} rounds x ${WARM} reads)`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
  await server.stop();
}
