// PostgreSQL function bundles (`pnpm bench postgres`), measured in one run on this machine:
// - bundle sizes of the PostgreSQL builds next to the DynamoDB builds;
// - cold init (load + container + first resolve, in a fresh process) against the same floor bundle as
//   `pnpm bench http` (DynamoDB client + one GetItem); target <= 1.5x;
// - warm per-request time of the real get-product and put-product bundles against a real local PostgreSQL
//   next to DynamoDB Local (informational: two different servers on a shared laptop, not AWS).
// BENCH_COLD_RUNS (default 15) and BENCH_WARM_REQUESTS (default 500) tune it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { migrateDatabase } from '../../packages/adapter-postgres/src/migrations/index';
import { startDynamoDbLocal } from '../../packages/testkit/src/dynamodb/index';
import { createTestDatabase, startPostgresServer } from '../../packages/testkit/src/postgres/index';
import { ensureTables } from '../../packages/local-stack/src/dynamodb-backend';
// @ts-expect-error -- a plain ES module shared with the build, without type declarations
import * as functionsModule from '../build/functions.mjs';
// @ts-expect-error -- a plain ES module shared with the build, without type declarations
import * as optionsModule from '../build/esbuild-options.mjs';
// @ts-expect-error -- a plain ES module of the HTTP benchmark, without type declarations
import * as eventsModule from './http-events.mjs';

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
const { buildFunction, bundleEntry } = functionsModule as {
  buildFunction: (name: string, options: object) => Promise<Built>;
  bundleEntry: (options: object) => Promise<{ path: string; bytes: number }>;
};
const { lambdasRoot, repoRoot } = optionsModule as { lambdasRoot: string; repoRoot: string };
const { proxyEvent } = eventsModule as {
  proxyEvent: (method: string, resource: string, options?: object) => unknown;
};
interface Built {
  name: string;
  persistence: string;
  bundlePath: string;
  bundleBytes: number;
}

const API_FUNCTIONS = ['create-product', 'put-product', 'get-product', 'list-products', 'delete-product'];
const COLD_TARGET = 1.5;
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const WARM_REQUESTS = Number(process.env.BENCH_WARM_REQUESTS ?? 500);
const root = join(repoRoot, 'build', 'bench-postgres');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`;
const build = buildFunction;

// --- build ------------------------------------------------------------------------------------------
const variants: Built[] = [];
for (const name of [...API_FUNCTIONS, 'relay-product-outbox']) {
  for (const persistence of name === 'relay-product-outbox' ? ['postgres'] : ['dynamodb', 'postgres']) {
    variants.push(await build(name, { root, persistence }));
  }
}
const floor = await bundleEntry({
  entryPoint: join(repoRoot, 'scripts/bench/http-floor.entry.mjs'),
  outfile: join(root, 'floor', 'index.mjs'),
  nodePaths: [`${lambdasRoot}node_modules`],
  // The same floor as `pnpm bench http`: the SDK's defaults, none of the Lambda-only trims.
  trim: false,
});
const of = (name: string, persistence: string) =>
  variants.find((variant) => variant.name === name && variant.persistence === persistence);

console.log('Bundle sizes (minified index.mjs)          dynamodb    postgres');
for (const name of [...API_FUNCTIONS, 'relay-product-outbox']) {
  const dynamo = of(name, 'dynamodb');
  console.log(
    `  ${name.padEnd(38)} ${dynamo ? kb(dynamo.bundleBytes) : '         -'}  ${kb(of(name, 'postgres')!.bundleBytes)}`,
  );
}
console.log(`  ${'floor (DynamoDB client + one GetItem)'.padEnd(38)} ${kb(floor.bytes)}`);

// --- cold init --------------------------------------------------------------------------------------
const env = {
  PATH: process.env.PATH,
  LOG_LEVEL: 'info',
  AWS_REGION: 'eu-west-1',
  PRODUCTS_TABLE_NAME: 'catalog-bench-products',
  IDEMPOTENCY_TABLE_NAME: 'catalog-bench-idempotency',
  EVENT_BUS_NAME: 'catalog-bench',
  POSTGRES_HOST: 'catalog.proxy-abc.eu-west-1.rds.amazonaws.com',
  POSTGRES_DATABASE: 'catalog',
  POSTGRES_USER: 'catalog_app',
  POSTGRES_AUTH: 'iam',
  // list-products' key given directly: the cold figure leaves out its SSM read (`pnpm bench http` times it).
  CURSOR_SIGNING_KEY: 'bench-cursor-signing-key-0123456789abcdef',
};
const probe = `const t = performance.now(); const c = process.cpuUsage(); const m = await import(process.argv[1]);
const cpu = process.cpuUsage(c); const initMs = performance.now() - t;
if (typeof m.handler !== 'function') throw new Error('no handler');
process.stdout.write(JSON.stringify({ initMs, initCpuMs: (cpu.user + cpu.system) / 1000 }));`;
const stream = await build('publish-product-events', { root, persistence: 'dynamodb' });
const subjects = [
  { label: 'floor', path: floor.path, persistence: 'dynamodb' },
  // The relay's peer on the DynamoDB path, for reference (the target is the API functions').
  { label: 'publish-product-events', path: stream.bundlePath, persistence: 'dynamodb' },
  ...variants
    .filter((v) => v.persistence === 'postgres')
    .map((v) => ({ label: v.name, path: v.bundlePath, persistence: 'postgres' })),
];
const cold = new Map(
  subjects.map((subject) => [subject.label, { wall: [] as number[], cpu: [] as number[] }]),
);
for (let run = 0; run < COLD_RUNS; run++) {
  for (let i = 0; i < subjects.length; i++) {
    const subject = subjects[(i + run) % subjects.length]!;
    const child = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', probe, pathToFileURL(subject.path).href],
      {
        env: { ...env, PERSISTENCE: subject.persistence },
        encoding: 'utf8',
      },
    );
    if (child.status !== 0) throw new Error(`${subject.label} failed to load:\n${child.stderr}`);
    const { initMs, initCpuMs } = JSON.parse(child.stdout.slice(child.stdout.lastIndexOf('{'))) as Record<
      string,
      number
    >;
    cold.get(subject.label)!.wall.push(initMs!);
    cold.get(subject.label)!.cpu.push(initCpuMs!);
  }
}
const floorWall = median(cold.get('floor')!.wall);
const floorCpu = median(cold.get('floor')!.cpu);
console.log(
  `\nCold init of the PostgreSQL builds, median of ${COLD_RUNS} fresh processes (target <= ${COLD_TARGET}x floor for API functions)`,
);
for (const { label } of subjects) {
  const wall = median(cold.get(label)!.wall);
  const cpu = median(cold.get(label)!.cpu);
  const worst = Math.max(wall / floorWall, cpu / floorCpu);
  console.log(
    `  ${label.padEnd(22)} wall ${wall.toFixed(1).padStart(6)} ms ${(wall / floorWall).toFixed(2)}x   CPU ${cpu.toFixed(1).padStart(6)} ms ${(cpu / floorCpu).toFixed(2)}x   ${API_FUNCTIONS.includes(label) ? (worst <= COLD_TARGET ? 'meets target' : 'MISSES target') : ''}`,
  );
}

// --- warm, against real local servers ---------------------------------------------------------------
const postgres = await startPostgresServer({ log: () => undefined });
const dynamo = await startDynamoDbLocal({ inMemory: true, log: () => undefined });
try {
  const url = await createTestDatabase(postgres.url, 'bench');
  const parsed = new URL(url);
  await migrateDatabase({
    host: parsed.hostname,
    port: Number(parsed.port),
    database: parsed.pathname.slice(1),
    user: 'postgres',
    auth: { kind: 'password', password: decodeURIComponent(parsed.password) },
    ssl: 'disable',
  });
  await ensureTables(dynamo.endpoint, 'catalog-bench');

  const load = async (name: string, persistence: string, extra: Record<string, string>): Promise<Handler> => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      LOG_LEVEL: 'error',
      AWS_REGION: 'eu-west-1',
      PERSISTENCE: persistence,
      ...extra,
    });
    try {
      return (
        (await import(`${pathToFileURL(of(name, persistence)!.bundlePath).href}?warm`)) as {
          handler: Handler;
        }
      ).handler;
    } finally {
      process.env = saved;
    }
  };
  const stores = [
    {
      label: 'DynamoDB Local',
      persistence: 'dynamodb',
      env: { PRODUCTS_TABLE_NAME: 'catalog-bench-products', DYNAMODB_ENDPOINT: dynamo.endpoint },
    },
    { label: `PostgreSQL ${postgres.version}`, persistence: 'postgres', env: { POSTGRES_URL: url } },
  ];
  const context = { awsRequestId: 'bench', functionName: 'bench' };
  const id = crypto.randomUUID();
  const body = JSON.stringify({ name: 'Cup', price: { amount: 450, currency: 'EUR' } });
  // One at a time: each bundle reads process.env while it loads.
  const worlds = [];
  for (const store of stores) {
    const put = await load('put-product', store.persistence, store.env);
    const get = await load('get-product', store.persistence, store.env);
    const created = await put(
      proxyEvent('PUT', '/api/products/{id}', {
        pathParameters: { id },
        headers: { 'Content-Type': 'application/json' },
        body,
      }),
      context,
    );
    if (created.statusCode !== 201)
      throw new Error(`${store.label}: PUT answered ${created.statusCode} ${created.body}`);
    worlds.push({ ...store, put, get });
  }
  const getEvent = proxyEvent('GET', '/api/products/{id}', { pathParameters: { id } });
  let n = 0;
  const putEvent = () =>
    proxyEvent('PUT', '/api/products/{id}', {
      pathParameters: { id },
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `Cup ${++n}`, price: { amount: 450, currency: 'EUR' } }),
    });
  const samples = new Map<string, number[]>();
  for (let round = -1; round < 5; round++) {
    for (const world of round % 2 === 0 ? worlds : [...worlds].reverse()) {
      for (const [route, run] of [
        ['GET', () => world.get(getEvent, context)],
        ['PUT (replace)', () => world.put(putEvent(), context)],
      ] as const) {
        const started = performance.now();
        for (let i = 0; i < WARM_REQUESTS; i++) {
          const response = await run();
          if (response.statusCode >= 300)
            throw new Error(`${world.label} ${route}: ${response.statusCode} ${response.body}`);
        }
        const key = `${route}|${world.label}`;
        if (round >= 0)
          samples.set(key, [
            ...(samples.get(key) ?? []),
            ((performance.now() - started) * 1000) / WARM_REQUESTS,
          ]);
      }
    }
  }
  console.log(
    `\nWarm per-request time of the real bundles, median of 5 rounds x ${WARM_REQUESTS} (informational)`,
  );
  for (const route of ['GET', 'PUT (replace)']) {
    const cells = worlds.map(
      (world) =>
        `${world.label} ${median(samples.get(`${route}|${world.label}`)!)
          .toFixed(0)
          .padStart(6)} us`,
    );
    console.log(`  ${route.padEnd(14)} ${cells.join('   ')}`);
  }
} finally {
  await dynamo.stop();
  await postgres.stop();
}
