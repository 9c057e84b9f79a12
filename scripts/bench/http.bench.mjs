#!/usr/bin/env node
// HTTP API benchmark (`pnpm bench http`): bundle sizes, cold start -> first answer against a floor bundle, and warm
// per-request overhead against hand-written handlers, all measured in this one run on this machine.
// BENCH_COLD_RUNS (fresh processes per bundle, default 15) and BENCH_WARM_ROUNDS (default 15) tune it.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lambdasRoot, repoRoot } from '../build/esbuild-options.mjs';
import { buildFunction, bundleEntry } from '../build/functions.mjs';
import { BENCH_PRODUCT_ID, startDynamoDbStub } from './dynamodb-stub.mjs';
import { proxyEvent } from './http-events.mjs';

const API_FUNCTIONS = ['create-product', 'put-product', 'get-product', 'list-products', 'delete-product'];
const TARGETS = { bundleKb: 700, coldRatio: 1.2, warmRatio: 1.5 };
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

const bundle = (entry, name, options = {}) =>
  bundleEntry({
    entryPoint: entry,
    outfile: join(root, name, 'index.mjs'),
    nodePaths: [`${lambdasRoot}node_modules`],
    ...options,
  });

// --- build ------------------------------------------------------------------------------------------
const functions = await Promise.all(API_FUNCTIONS.map((name) => buildFunction(name, { root })));
// The floor keeps the SDK's defaults: no Lambda-only trimming (see scripts/build/esbuild-options.mjs).
const floor = await bundle(join(repoRoot, 'scripts/bench/http-floor.entry.mjs'), 'floor', { trim: false });
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

// --- cold start -> first answer -------------------------------------------------------------------
// Each run is a fresh process as Lambda starts one, with tracing on (a sampled trace header and a daemon
// address, subsegments sent to a UDP listener here) and the role's credentials in the environment; it loads
// the bundle, answers one request of its route against a DynamoDB stub that answers at once, and reports
// the time from process start to that answer (wall, and the process's CPU time).
const stub = await startDynamoDbStub();
const daemon = createSocket('udp4');
let datagrams = 0;
daemon.on('message', () => datagrams++);
await new Promise((resolve) => daemon.bind(0, '127.0.0.1', resolve));
const coldEnv = {
  PATH: process.env.PATH,
  SERVICE_NAME: 'catalog',
  LOG_LEVEL: 'info',
  PRODUCTS_TABLE_NAME: 'catalog-bench-products',
  IDEMPOTENCY_TABLE_NAME: 'catalog-bench-idempotency',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'ASIABENCHBENCHBENCH',
  AWS_SECRET_ACCESS_KEY: 'bench-secret',
  AWS_SESSION_TOKEN: 'bench-session',
  AWS_ENDPOINT_URL_DYNAMODB: stub.endpoint,
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
  _X_AMZN_TRACE_ID: 'Root=1-6751f0a2-3b2c1d4e5f60718293a4b5c6;Parent=53995c3f42cd8ad8;Sampled=1',
};
const itemEvent = (method, extra = {}) =>
  proxyEvent(method, '/api/products/{id}', { pathParameters: { id: BENCH_PRODUCT_ID }, ...extra });
const jsonBody = {
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ name: 'Cup', price: { amount: 450, currency: 'EUR' } }),
};
const COLD_EVENTS = {
  floor: itemEvent('GET'),
  'create-product': proxyEvent('POST', '/api/products', jsonBody),
  'put-product': itemEvent('PUT', jsonBody),
  'get-product': itemEvent('GET'),
  'list-products': proxyEvent('GET', '/api/products'),
  'delete-product': itemEvent('DELETE'),
};
const probe = `const { handler } = await import(process.argv[1]);
const result = await handler(JSON.parse(process.argv[2]), { awsRequestId: 'cold', functionName: 'cold' });
const answeredMs = performance.now(); const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ answeredMs, cpuMs: (cpu.user + cpu.system) / 1000, status: result.statusCode }));`;
const coldSubjects = [
  { name: 'floor', path: floor.path },
  ...functions.map((fn) => ({ name: fn.name, path: fn.bundlePath })),
];
const cold = new Map(coldSubjects.map((subject) => [subject.name, { wall: [], cpu: [], status: new Set() }]));
const segmentsBefore = datagrams;
for (let run = 0; run < COLD_RUNS; run++) {
  // Rotate the order so no bundle always runs first (or right after the file cache warms).
  for (let i = 0; i < coldSubjects.length; i++) {
    const subject = coldSubjects[(i + run) % coldSubjects.length];
    const event = JSON.stringify(COLD_EVENTS[subject.name]);
    const child = await new Promise((resolve) => {
      const spawned = spawn(
        process.execPath,
        ['--input-type=module', '-e', probe, pathToFileURL(subject.path).href, event],
        { env: coldEnv },
      );
      let stdout = '';
      let stderr = '';
      spawned.stdout.on('data', (chunk) => (stdout += chunk));
      spawned.stderr.on('data', (chunk) => (stderr += chunk));
      spawned.on('exit', (status) => resolve({ status, stdout, stderr }));
    });
    if (child.status !== 0) throw new Error(`${subject.name} failed:\n${child.stderr}`);
    const { answeredMs, cpuMs, status } = JSON.parse(child.stdout.slice(child.stdout.lastIndexOf('{')));
    cold.get(subject.name).wall.push(answeredMs);
    cold.get(subject.name).cpu.push(cpuMs);
    cold.get(subject.name).status.add(status);
  }
}
await new Promise((resolve) => setTimeout(resolve, 100));
const coldSegments = datagrams - segmentsBefore;
const floorOf = (key) => median(cold.get('floor')[key]);
console.log(
  `\nCold start -> first answer, median of ${COLD_RUNS} fresh processes each, tracing on (target <= ${TARGETS.coldRatio}x floor)`,
);
console.log(
  `  ${''.padEnd(16)} ${'wall'.padStart(9)} ${'ratio'.padStart(6)}  ${'CPU'.padStart(9)} ${'ratio'.padStart(6)}   status`,
);
for (const { name } of coldSubjects) {
  const { wall, cpu, status } = cold.get(name);
  const ratios = [median(wall) / floorOf('wall'), median(cpu) / floorOf('cpu')];
  const note = name === 'floor' ? '' : verdict(Math.max(...ratios) <= TARGETS.coldRatio);
  console.log(
    `  ${name.padEnd(16)} ${median(wall).toFixed(1).padStart(6)} ms ${ratios[0].toFixed(2).padStart(5)}x  ${median(cpu).toFixed(1).padStart(6)} ms ${ratios[1].toFixed(2).padStart(5)}x   ${[...status].join(',').padStart(6)}   ${note}`,
  );
}
console.log(
  `  X-Ray documents received from the API functions' first answers: ${coldSegments} for ${COLD_RUNS * functions.length} answers`,
);
await stub.close();

// --- warm overhead ----------------------------------------------------------------------------------
process.env.AWS_XRAY_DAEMON_ADDRESS = coldEnv.AWS_XRAY_DAEMON_ADDRESS;
const { ours, handWritten, parts } = await import(pathToFileURL(warm.path).href);
const context = { awsRequestId: 'bench-request', functionName: 'bench' };
const body = JSON.stringify({ name: 'Cup', description: 'White', price: { amount: 450, currency: 'EUR' } });
const postEvent = proxyEvent('POST', '/api/products', {
  headers: { 'Content-Type': 'application/json', 'X-Correlation-Id': 'bench-1' },
  body,
});
const subjects = await Promise.all(
  [
    ['ours', ours('off')],
    ['ours traced', ours('sampled')],
    ['ours unsampled', ours('unsampled')],
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
process.env.AWS_XRAY_DAEMON_ADDRESS = coldEnv.AWS_XRAY_DAEMON_ADDRESS;
console.log(
  `\nWarm per-request time, median of ${WARM_ROUNDS} rounds x ${BATCH} requests on the same in-memory store (target <= ${TARGETS.warmRatio}x hand-written, tracing on)`,
);
console.log(
  '  ours: tracing off; traced: tracing on, every request sampled (one X-Ray document per request over UDP); unsampled: tracing on, Lambda did not sample the request',
);
console.log(
  `  ${''.padEnd(24)} ${'hand CPU'.padStart(9)}   ${'ours'.padStart(15)} ${'traced'.padStart(15)} ${'unsampled'.padStart(15)}   (CPU per request, ratio to hand-written)`,
);
for (const route of routes) {
  const of = (label, key) => median(samples.get(`${label} ${route}`).map((sample) => sample[key]));
  const hand = of('hand-written', 'cpu');
  const cells = ['ours', 'ours traced', 'ours unsampled'].map((label) => {
    const cpu = of(label, 'cpu');
    const wallRatio = of(label, 'wall') / of('hand-written', 'wall');
    return {
      text: `${cpu.toFixed(1).padStart(6)} us ${(cpu / hand).toFixed(2).padStart(5)}x`,
      ratio: Math.max(cpu / hand, wallRatio),
    };
  });
  console.log(
    `  ${route.padEnd(24)} ${hand.toFixed(1).padStart(6)} us   ${cells.map((cell) => cell.text).join(' ')}   traced ${verdict(cells[1].ratio <= TARGETS.warmRatio)}, unsampled ${verdict(cells[2].ratio <= TARGETS.warmRatio)}`,
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
daemon.close();
