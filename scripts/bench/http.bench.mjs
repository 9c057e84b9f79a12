#!/usr/bin/env node
// HTTP API benchmark (`pnpm bench http`): bundle sizes, cold start -> first answer against a floor bundle,
// store calls per request, and warm per-request time against hand-written handlers, all measured in this
// one run on this machine, tracing on for our functions. list-products reads its cursor signing key from SSM
// at init (from a local GetParameter stand-in), and is also timed with the key in its environment.
// BENCH_COLD_RUNS (fresh processes per bundle, default 15) and BENCH_WARM_ROUNDS (default 15) tune it.
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lambdasRoot, repoRoot } from '../build/esbuild-options.mjs';
import { buildFunction, bundleEntry } from '../build/functions.mjs';
import { coldEnvironment, firstAnswer } from './http-cold.mjs';
import { BENCH_PRODUCT_ID, startDynamoDbStub } from './dynamodb-stub.mjs';
import { proxyEvent } from './http-events.mjs';
import { STORE_CALL_CASES, WARM_ROUTES, sampledHeaders } from './http-routes.mjs';
import { startSsmParameterStub } from '../ssm-parameter-stub.mjs';

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

// --- build ------------------------------------------------------------------------------------------
const functions = await Promise.all(API_FUNCTIONS.map((name) => buildFunction(name, { root })));
// The floor keeps the SDK's defaults: no Lambda-only trimming (see scripts/build/esbuild-options.mjs).
const bundle = (entry, name, options = {}) =>
  bundleEntry({
    entryPoint: join(repoRoot, entry),
    outfile: join(root, name, 'index.mjs'),
    nodePaths: [`${lambdasRoot}node_modules`],
    ...options,
  });
const floor = await bundle('scripts/bench/http-floor.entry.mjs', 'floor', { trim: false });
const warm = await bundle('scripts/bench/http-warm.entry.mjs', 'warm');

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
const stub = await startDynamoDbStub();
const daemon = createSocket('udp4');
let datagrams = 0;
daemon.on('message', () => datagrams++);
await new Promise((resolve) => daemon.bind(0, '127.0.0.1', resolve));
const coldEnv = coldEnvironment(stub.endpoint, daemon.address().port);
// As deployed, list-products reads its key from the SSM parameter Terraform creates: the same SDK client,
// signing and round trip as in Lambda, minus the network. "list (key in env)" skips SSM for comparison.
const ssm = await startSsmParameterStub();
const listFromSsmEnv = {
  ...coldEnv,
  CURSOR_SIGNING_KEY_PARAMETER: '/catalog/bench/cursor-signing-key',
  AWS_ENDPOINT_URL_SSM: ssm.endpoint,
};
const listKeyInEnv = { ...coldEnv, CURSOR_SIGNING_KEY: 'bench-cursor-signing-key-0123456789abcdef' };
const envOf = (fn) => (fn === 'list-products' ? listFromSsmEnv : coldEnv);
const itemEvent = (method, extra = {}) =>
  proxyEvent(method, '/api/products/{id}', { pathParameters: { id: BENCH_PRODUCT_ID }, ...extra });
// Details other than the stub's stored product, so that a PUT replaces it.
const jsonBody = {
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ name: 'Mug', price: { amount: 500, currency: 'EUR' } }),
};
const COLD_EVENTS = {
  floor: itemEvent('GET'),
  'create-product': proxyEvent('POST', '/api/products', jsonBody),
  'put-product': itemEvent('PUT', jsonBody),
  'get-product': itemEvent('GET'),
  'list-products': proxyEvent('GET', '/api/products'),
  'list (key in env)': proxyEvent('GET', '/api/products'),
  'delete-product': itemEvent('DELETE'),
};
const listProducts = functions.find((fn) => fn.name === 'list-products');
const coldSubjects = [
  { name: 'floor', path: floor.path, env: coldEnv },
  ...functions.map((fn) => ({ name: fn.name, path: fn.bundlePath, env: envOf(fn.name) })),
  { name: 'list (key in env)', path: listProducts.bundlePath, env: listKeyInEnv },
];
const cold = new Map(coldSubjects.map((subject) => [subject.name, { wall: [], cpu: [], status: new Set() }]));
const segmentsBefore = datagrams;
for (let run = 0; run < COLD_RUNS; run++) {
  // Rotate the order so no bundle always runs first (or right after the file cache warms).
  for (let i = 0; i < coldSubjects.length; i++) {
    const subject = coldSubjects[(i + run) % coldSubjects.length];
    const { answeredMs, cpuMs, status } = await firstAnswer(
      subject.path,
      COLD_EVENTS[subject.name],
      subject.env,
    );
    cold.get(subject.name).wall.push(answeredMs);
    cold.get(subject.name).cpu.push(cpuMs);
    cold.get(subject.name).status.add(status);
  }
}
await new Promise((resolve) => setTimeout(resolve, 100));
const coldSegments = datagrams - segmentsBefore;
const ssmReadsAtCold = ssm.calls.get('GetParameter') ?? 0;
const floorOf = (key) => median(cold.get('floor')[key]);
console.log(
  `\nCold start -> first answer, median of ${COLD_RUNS} fresh processes each, tracing on and the first request sampled (target <= ${TARGETS.coldRatio}x floor)`,
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
  `  X-Ray documents received from the API functions' first answers: ${coldSegments} for ${COLD_RUNS * (coldSubjects.length - 1)} answers`,
);
console.log(
  `  SSM GetParameter calls: ${ssmReadsAtCold} for ${COLD_RUNS} list-products cold starts (one each, at init; none with the key in env)`,
);

// --- store calls per request ----------------------------------------------------------------------
console.log(
  "\nStore calls per request (DynamoDB calls of one answer, both tables counted; rule: 1, or at most 2 where marked;\n  SSM calls, only list-products' one GetParameter at init, are counted apart: they are not store calls)",
);
const bundleOf = new Map(functions.map((fn) => [fn.name, fn.bundlePath]));
for (const { label, fn, event, allowed } of STORE_CALL_CASES) {
  stub.reset();
  ssm.reset();
  const { status } = await firstAnswer(bundleOf.get(fn), event, envOf(fn));
  const calls = [...stub.calls].flatMap(([operation, count]) => Array(count).fill(operation));
  const ssmCalls = [...ssm.calls].map(([operation, count]) => `${count} SSM ${operation} at init`);
  console.log(
    `  ${label.padEnd(40)} ${String(status).padStart(3)}  ${String(calls.length).padStart(2)} call(s) ${calls.join(' + ').padEnd(36)} ${verdict(calls.length <= allowed)}${allowed > 1 ? ' (at most 2)' : ''}${ssmCalls.length > 0 ? `   (+ ${ssmCalls.join(', ')}, not a store call)` : ''}`,
  );
}
await stub.close();
await ssm.close();

// --- warm per-request time ------------------------------------------------------------------------
process.env.AWS_XRAY_DAEMON_ADDRESS = coldEnv.AWS_XRAY_DAEMON_ADDRESS;
const { ours, handWritten, parts } = await import(pathToFileURL(warm.path).href);
const context = {
  awsRequestId: 'bench-request',
  functionName: 'bench',
  getRemainingTimeInMillis: () => 10_000,
};
// Tracing modes of our functions; the hand-written handlers never trace. "x-ray default" is what Lambda's
// active tracing samples under X-Ray's default rule (the first request each second, then 5%): the deployed
// reality and the target. "all sampled" (every request a trace) is printed for information.
const MODES = [
  { label: 'ours, x-ray default', tracing: 'on', rate: 0.05 },
  { label: 'ours, all sampled', tracing: 'on', rate: 1 },
  { label: 'ours, tracing off', tracing: 'off', rate: 0.05 },
];
const subjects = [
  ...MODES.map((mode) => ({ ...mode, make: () => ours(mode.tracing) })),
  // Lambda sets the trace header for every function; the hand-written one does not read it.
  { label: 'hand-written', make: handWritten, rate: 0.05 },
].map((subject) => ({ ...subject, headers: sampledHeaders(BATCH, subject.rate), worlds: new Map() }));
const perRequest = async (subject, route) => {
  // Each route runs on a store of its own, so that one route's writes do not change another's work.
  if (!subject.worlds.has(route.name)) subject.worlds.set(route.name, subject.make());
  const world = subject.worlds.get(route.name);
  const events = await route.prepare(world, BATCH);
  const handler = world[route.handler];
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < BATCH; i++) {
    process.env._X_AMZN_TRACE_ID = subject.headers[i];
    const { statusCode } = await handler(events[i % events.length], context);
    if (statusCode !== route.status) throw new Error(`${subject.label} ${route.name} answered ${statusCode}`);
  }
  const used = process.cpuUsage(cpu);
  delete process.env._X_AMZN_TRACE_ID;
  return { wall: ((performance.now() - started) * 1000) / BATCH, cpu: (used.user + used.system) / BATCH };
};
const samples = new Map(
  subjects.flatMap(({ label }) => WARM_ROUTES.map((route) => [`${label} ${route.name}`, []])),
);
for (let round = -3; round < WARM_ROUNDS; round++) {
  // Alternate who goes first; the first three rounds only warm up the JIT.
  const order = round % 2 === 0 ? subjects : [...subjects].reverse();
  for (const route of WARM_ROUTES) {
    for (const subject of order) {
      const sample = await perRequest(subject, route);
      if (round >= 0) samples.get(`${subject.label} ${route.name}`).push(sample);
    }
  }
}
console.log(
  `\nWarm per-request time, median of ${WARM_ROUNDS} rounds x ${BATCH} requests on the same in-memory store (target <= ${TARGETS.warmRatio}x hand-written, with tracing at X-Ray's default sampling)`,
);
console.log(
  `  ${''.padEnd(24)} ${'hand-written'.padStart(12)}   ${MODES.map((mode) => mode.label.padStart(22)).join('')}   (CPU per request, ratio)`,
);
for (const route of WARM_ROUTES) {
  const of = (label, key) => median(samples.get(`${label} ${route.name}`).map((sample) => sample[key]));
  const hand = of('hand-written', 'cpu');
  const cells = MODES.map(({ label }) => {
    const cpu = of(label, 'cpu');
    return {
      text: `${cpu.toFixed(1).padStart(8)} us ${(cpu / hand).toFixed(2).padStart(5)}x`,
      ratio: Math.max(cpu / hand, of(label, 'wall') / of('hand-written', 'wall')),
    };
  });
  console.log(
    `  ${route.name.padEnd(24)} ${hand.toFixed(1).padStart(9)} us   ${cells.map((cell) => cell.text.padStart(22)).join('')}   ${verdict(cells[0].ratio <= TARGETS.warmRatio)} (all sampled ${cells[1].ratio.toFixed(2)}x, informational)`,
  );
}

// Where the POST difference goes: single steps, measured the same way (CPU time, median of rounds).
console.log('\nSteps of the POST path (CPU per call, median of rounds)');
for (const [step, run] of Object.entries(parts())) {
  const cpu = [];
  for (let round = -3; round < WARM_ROUNDS; round++) {
    const started = process.cpuUsage();
    for (let i = 0; i < BATCH; i++) run();
    const used = process.cpuUsage(started);
    if (round >= 0) cpu.push((used.user + used.system) / BATCH);
  }
  console.log(`  ${step.padEnd(44)} ${median(cpu).toFixed(2).padStart(6)} us`);
}
daemon.close();
