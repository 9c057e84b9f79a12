#!/usr/bin/env node
// HTTP API benchmark (`pnpm bench http`): bundle sizes, cold init against a floor bundle, and warm
// per-request overhead against hand-written handlers, all measured in this one run on this machine.
// BENCH_COLD_RUNS (fresh processes per bundle, default 15) and BENCH_WARM_ROUNDS (default 15) tune it.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lambdasRoot, repoRoot } from '../build/esbuild-options.mjs';
import { buildFunction, bundleEntry } from '../build/functions.mjs';
import { proxyEvent } from './http-events.mjs';

const API_FUNCTIONS = ['create-product', 'put-product', 'get-product', 'list-products', 'delete-product'];
const TARGETS = { bundleKb: 700, coldRatio: 1.5, warmRatio: 2 };
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const WARM_ROUNDS = Number(process.env.BENCH_WARM_ROUNDS ?? 15);
const BATCH = 2_000;
const root = join(repoRoot, 'build', 'bench');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const kb = (bytes) => bytes / 1024;
const verdict = (ok) => (ok ? 'meets target' : 'MISSES target');

const bundle = (entry, name) =>
  bundleEntry({
    entryPoint: entry,
    outfile: join(root, name, 'index.mjs'),
    nodePaths: [`${lambdasRoot}node_modules`],
  });

// --- build ------------------------------------------------------------------------------------------
const functions = await Promise.all(API_FUNCTIONS.map((name) => buildFunction(name, { root })));
const floor = await bundle(join(repoRoot, 'scripts/bench/http-floor.entry.mjs'), 'floor');
const warm = await bundle(join(repoRoot, 'scripts/bench/http-warm.entry.mjs'), 'warm');

console.log(`Bundle sizes (minified index.mjs; target <= ${TARGETS.bundleKb} KB)`);
for (const fn of functions) {
  const size = kb(fn.bundleBytes);
  console.log(
    `  ${fn.name.padEnd(16)} ${size.toFixed(1).padStart(7)} KB   zip ${kb(fn.zipBytes).toFixed(1).padStart(6)} KB   ${verdict(size <= TARGETS.bundleKb)}`,
  );
}
console.log(
  `  ${'floor'.padEnd(16)} ${kb(floor.bytes).toFixed(1).padStart(7)} KB   (DynamoDB client + one GetItem)`,
);

// --- cold init --------------------------------------------------------------------------------------
const coldEnv = {
  PATH: process.env.PATH,
  SERVICE_NAME: 'catalog',
  LOG_LEVEL: 'info',
  PRODUCTS_TABLE_NAME: 'catalog-bench-products',
  IDEMPOTENCY_TABLE_NAME: 'catalog-bench-idempotency',
  AWS_REGION: 'eu-west-1',
};
// Load + module init (which builds the container and resolves the handler), timed inside a fresh process.
// Wall time suffers from whatever else the machine runs; CPU time of this process much less, so both are
// reported and the ratio is given for each.
const probe = `const t = performance.now(); const c = process.cpuUsage(); const m = await import(process.argv[1]);
const cpu = process.cpuUsage(c); const initMs = performance.now() - t;
if (typeof m.handler !== 'function') throw new Error('no handler');
process.stdout.write(JSON.stringify({ initMs, initCpuMs: (cpu.user + cpu.system) / 1000 }));`;
// list-products reads its cursor signing key from SSM at init: timed against a local GetParameter stand-in
// (the same client and round trip as in Lambda, minus the network), and once with the key given directly.
const ssmStub = spawn(process.execPath, [join(repoRoot, 'scripts/ssm-parameter-stub.mjs')], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [ssmPort] = await once(ssmStub.stdout, 'data');
const listEnv = {
  ...coldEnv,
  CURSOR_SIGNING_KEY_PARAMETER: '/catalog/bench/cursor-signing-key',
  AWS_ENDPOINT_URL_SSM: `http://127.0.0.1:${String(ssmPort).trim()}`,
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
};
const listFunction = functions.find((fn) => fn.name === 'list-products');
const coldSubjects = [
  { name: 'floor', path: floor.path },
  ...functions.map((fn) => ({
    name: fn.name,
    path: fn.bundlePath,
    env: fn.name === 'list-products' ? listEnv : coldEnv,
  })),
  {
    name: 'list (key in env)',
    path: listFunction.bundlePath,
    env: { ...coldEnv, CURSOR_SIGNING_KEY: 'bench-cursor-signing-key-0123456789abcdef' },
  },
];
const cold = new Map(coldSubjects.map((subject) => [subject.name, { init: [], cpu: [], process: [] }]));
for (let run = 0; run < COLD_RUNS; run++) {
  // Rotate the order so no bundle always runs first (or right after the file cache warms).
  for (let i = 0; i < coldSubjects.length; i++) {
    const subject = coldSubjects[(i + run) % coldSubjects.length];
    const started = performance.now();
    const child = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', probe, pathToFileURL(subject.path).href],
      {
        env: subject.env ?? coldEnv,
        encoding: 'utf8',
      },
    );
    const processMs = performance.now() - started;
    if (child.status !== 0) throw new Error(`${subject.name} failed to load:\n${child.stderr}`);
    const { initMs, initCpuMs } = JSON.parse(child.stdout.slice(child.stdout.lastIndexOf('{')));
    cold.get(subject.name).init.push(initMs);
    cold.get(subject.name).cpu.push(initCpuMs);
    cold.get(subject.name).process.push(processMs);
  }
}
ssmStub.kill();
const floorOf = (key) => median(cold.get('floor')[key]);
console.log(
  `\nCold init, median of ${COLD_RUNS} fresh processes each: load + container + first resolve (target <= ${TARGETS.coldRatio}x floor)`,
);
console.log(
  `  ${''.padEnd(16)} ${'wall'.padStart(9)} ${'ratio'.padStart(6)}  ${'CPU'.padStart(9)} ${'ratio'.padStart(6)}   whole process`,
);
for (const { name } of coldSubjects) {
  const wall = median(cold.get(name).init);
  const cpu = median(cold.get(name).cpu);
  const whole = median(cold.get(name).process);
  const ratios = [wall / floorOf('init'), cpu / floorOf('cpu')];
  const note = name === 'floor' ? '' : verdict(Math.max(...ratios) <= TARGETS.coldRatio);
  console.log(
    `  ${name.padEnd(16)} ${wall.toFixed(1).padStart(6)} ms ${ratios[0].toFixed(2).padStart(5)}x  ${cpu.toFixed(1).padStart(6)} ms ${ratios[1].toFixed(2).padStart(5)}x   ${whole.toFixed(0).padStart(4)} ms (${(whole / floorOf('process')).toFixed(2)}x)   ${note}`,
  );
}

// --- warm overhead ----------------------------------------------------------------------------------
const { ours, handWritten, parts } = await import(pathToFileURL(warm.path).href);
const context = { awsRequestId: 'bench-request', functionName: 'bench' };
const body = JSON.stringify({ name: 'Cup', description: 'White', price: { amount: 450, currency: 'EUR' } });
const postEvent = proxyEvent('POST', '/api/products', {
  headers: { 'Content-Type': 'application/json', 'X-Correlation-Id': 'bench-1' },
  body,
});
const subjects = await Promise.all(
  [
    ['ours', ours()],
    ['hand-written', handWritten()],
  ].map(async ([label, world]) => {
    const created = await world.post(postEvent, context);
    if (created.statusCode !== 201)
      throw new Error(`${label} POST answered ${created.statusCode}: ${created.body}`);
    const { id } = JSON.parse(created.body);
    const getEvent = proxyEvent('GET', '/api/products/{id}', {
      pathParameters: { id },
      headers: { 'X-Correlation-Id': 'bench-1' },
    });
    const fetched = await world.get(getEvent, context);
    if (fetched.statusCode !== 200)
      throw new Error(`${label} GET answered ${fetched.statusCode}: ${fetched.body}`);
    return {
      label,
      routes: {
        'GET /api/products/{id}': [world.get, getEvent],
        'POST /api/products': [world.post, postEvent],
      },
    };
  }),
);
const perRequest = async (handler, event) => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < BATCH; i++) await handler(event, context);
  const used = process.cpuUsage(cpu);
  return { wall: ((performance.now() - started) * 1000) / BATCH, cpu: (used.user + used.system) / BATCH };
};
const routes = Object.keys(subjects[0].routes);
const samples = new Map(subjects.flatMap(({ label }) => routes.map((route) => [`${label} ${route}`, []])));
for (let round = -3; round < WARM_ROUNDS; round++) {
  // Alternate who goes first; the first three rounds only warm up the JIT.
  const order = round % 2 === 0 ? subjects : [...subjects].reverse();
  for (const route of routes) {
    for (const { label, routes: handlers } of order) {
      const micros = await perRequest(...handlers[route]);
      if (round >= 0) samples.get(`${label} ${route}`).push(micros);
    }
  }
}
console.log(
  `\nWarm per-request time, median of ${WARM_ROUNDS} rounds x ${BATCH} requests on the same in-memory store (target <= ${TARGETS.warmRatio}x hand-written)`,
);
console.log(
  `  ${''.padEnd(24)} ${'CPU: ours'.padStart(10)} ${'hand'.padStart(8)} ${'ratio'.padStart(6)}   ${'wall: ours'.padStart(10)} ${'hand'.padStart(8)} ${'ratio'.padStart(6)}`,
);
for (const route of routes) {
  const of = (label, key) => median(samples.get(`${label} ${route}`).map((sample) => sample[key]));
  const cells = ['cpu', 'wall'].map((key) => {
    const ours = of('ours', key);
    const hand = of('hand-written', key);
    return {
      text: `${ours.toFixed(1).padStart(7)} us ${hand.toFixed(1).padStart(5)} us ${(ours / hand).toFixed(2).padStart(5)}x`,
      ratio: ours / hand,
    };
  });
  console.log(
    `  ${route.padEnd(24)} ${cells[0].text}   ${cells[1].text}   ${verdict(Math.max(cells[0].ratio, cells[1].ratio) <= TARGETS.warmRatio)}`,
  );
}

// Where the POST difference goes: single steps, measured the same way (CPU time, median of rounds).
console.log('\nSteps of the POST path (CPU per call, median of rounds)');
for (const [step, run] of Object.entries(parts())) {
  const cpu = [];
  for (let round = -3; round < WARM_ROUNDS; round++) {
    const sample = await perRequest(run, undefined);
    if (round >= 0) cpu.push(sample.cpu);
  }
  console.log(`  ${step.padEnd(44)} ${median(cpu).toFixed(2).padStart(6)} us`);
}
