// Outbox relay (`pnpm bench relay`), measured in one run on this machine:
// - throughput of relay-product-outbox (Lambda bundle, real PostgreSQL) draining a backlog of n changes of
//   n distinct products into a stubbed EventBridge send: events/s and PutEvents calls against ceil(n/10);
//   target >= 10,000 events/s;
// - write -> event lag, p50/p99, on the local stack: a PUT's response to its event at the local bus, for
//   PostgreSQL (outbox -> relay polling every RELAY_POLL_INTERVAL_MS) next to DynamoDB (table stream ->
//   poller -> stream handler); target p99 < 1 s.
// RELAY_BENCH_EVENTS (10,000), RELAY_BENCH_RUNS (3), RELAY_BENCH_BATCH (500), RELAY_BENCH_WRITES (200),
// RELAY_BENCH_POLL_MS (the relay's poll intervals to measure, default 100 = the deployed default).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { migrateDatabase } from '../../packages/adapter-postgres/src/migrations/index';
import { startLocalStack } from '../../packages/local-stack/src/index';
import {
  createTestDatabase,
  startPostgresServer,
  withPostgresClient,
} from '../../packages/testkit/src/postgres/index';
// @ts-expect-error -- a plain ES module shared with the build, without type declarations
import * as optionsModule from '../build/esbuild-options.mjs';

const { lambdaBuildOptions, lambdasRoot } = optionsModule as {
  lambdaBuildOptions: (options: object) => object;
  lambdasRoot: string;
};

interface BenchModule {
  benchRelay: (
    url: string,
    batchSize: number,
  ) => {
    relay: { pass: () => Promise<{ claimed: number; published: number }> };
    stats: { calls: number; entries: number };
    close: () => Promise<void>;
  };
}

const EVENTS = Number(process.env.RELAY_BENCH_EVENTS ?? 10_000);
const RUNS = Number(process.env.RELAY_BENCH_RUNS ?? 3);
const BATCH = Number(process.env.RELAY_BENCH_BATCH ?? 500);
const WRITES = Number(process.env.RELAY_BENCH_WRITES ?? 200);
const POLL_INTERVALS = (process.env.RELAY_BENCH_POLL_MS ?? '100').split(',').map(Number);
const TARGET = 10_000;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;
const format = (value: number) => Math.round(value).toLocaleString('en-US');

// --- throughput -------------------------------------------------------------------------------------
const dir = await mkdtemp(join(tmpdir(), 'catalog-relay-bench-'));
const outfile = join(dir, 'index.mjs');
await build({
  ...lambdaBuildOptions({
    entryPoint: new URL('./relay-bench.entry.mjs', import.meta.url).pathname,
    outfile,
    nodePaths: [`${lambdasRoot}node_modules`, join(lambdasRoot, '../adapter-postgres/node_modules')],
  }),
});
const { benchRelay } = (await import(pathToFileURL(outfile).href)) as BenchModule;
await rm(dir, { recursive: true, force: true });

const server = await startPostgresServer({ log: () => undefined });
try {
  const url = await createTestDatabase(server.url, 'relay_bench');
  const parsed = new URL(url);
  await migrateDatabase({
    host: parsed.hostname,
    port: Number(parsed.port),
    database: parsed.pathname.slice(1),
    user: 'postgres',
    auth: { kind: 'password', password: decodeURIComponent(parsed.password) },
    ssl: 'disable',
  });
  const { relay, stats, close } = benchRelay(url, BATCH);
  const rates: number[] = [];
  let calls = 0;
  for (let run = -1; run < RUNS; run++) {
    await withPostgresClient(url, async (admin) => {
      await admin.query('TRUNCATE product_outbox, products');
      await admin.query(
        `SELECT catalog_create_product(gen_random_uuid(), 'Bench', NULL, 1, 'EUR', now(), 'bench') FROM generate_series(1, $1)`,
        [EVENTS],
      );
    });
    stats.calls = 0;
    stats.entries = 0;
    const started = performance.now();
    let published = 0;
    for (;;) {
      const result = await relay.pass();
      published += result.published;
      if (result.claimed === 0) break;
    }
    const seconds = (performance.now() - started) / 1000;
    if (published !== EVENTS || stats.entries !== EVENTS)
      throw new Error(`published ${published} of ${EVENTS}`);
    if (run >= 0) rates.push(EVENTS / seconds);
    calls = stats.calls;
  }
  await close();
  const rate = median(rates);
  console.log(
    `relay-product-outbox (Lambda bundle, PostgreSQL ${server.version} via ${server.backend}) into a stubbed EventBridge send, batch ${BATCH}`,
  );
  console.log(
    `  ${format(EVENTS)} events x ${RUNS} runs: median ${format(rate)} events/s (${format(Math.min(...rates))}-${format(Math.max(...rates))}), ` +
      `${(rate / TARGET).toFixed(2)}x the 10,000/s target ${rate >= TARGET ? 'ok' : 'MISS'}; PutEvents calls ${calls} / ceil(n/10) = ${Math.ceil(EVENTS / 10)} ${calls === Math.ceil(EVENTS / 10) ? 'ok' : 'MISS'}`,
  );
} finally {
  await server.stop();
}

// --- lag on the local stack -------------------------------------------------------------------------
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
console.log(
  `\nWrite -> event lag on the local stack, ${WRITES} PUTs each at random moments (target p99 < 1 s)`,
);
const paths = [
  { persistence: 'dynamodb' as const, poll: undefined, label: 'table stream -> poller -> handler' },
  ...POLL_INTERVALS.map((poll) => ({
    persistence: 'postgres' as const,
    poll,
    label: `outbox -> relay (poll ${poll} ms)`,
  })),
];
for (const { persistence, poll, label } of paths) {
  const stack = await startLocalStack({
    ...(poll === undefined ? {} : { relayPollIntervalMs: poll }),
    port: 0,
    eventsPort: 0,
    backend: persistence,
    logLevel: 'error',
    logStream: quiet,
    say: () => undefined,
  });
  try {
    const { accessToken } = await stack.authorizer.issue();
    const lags: number[] = [];
    for (let i = 0; i < WRITES; i++) {
      // At a random moment: back-to-back writes would fall into step with the relay's passes.
      await sleep(Math.random() * 200);
      const id = randomUUID();
      const response = await fetch(`${stack.apiUrl}/api/products/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ name: `Lag ${i}`, price: { amount: 450, currency: 'EUR' } }),
      });
      if (response.status !== 201)
        throw new Error(`PUT answered ${response.status}: ${await response.text()}`);
      const written = performance.now();
      while (stack.bus.events({ productId: id }).length === 0) {
        if (performance.now() - written > 10_000) throw new Error(`no event for ${id} within 10 s`);
        await sleep(1);
      }
      lags.push(performance.now() - written);
    }
    const path = label;
    const p99 = percentile(lags, 99);
    console.log(
      `  ${persistence.padEnd(9)} ${path.padEnd(34)} p50 ${percentile(lags, 50).toFixed(0).padStart(4)} ms   p99 ${p99.toFixed(0).padStart(4)} ms   max ${Math.max(
        ...lags,
      )
        .toFixed(0)
        .padStart(4)} ms   ${p99 < 1_000 ? 'meets target' : 'MISSES target'}`,
    );
  } finally {
    await stack.stop();
  }
}
