#!/usr/bin/env node
// Tracing library choice (`pnpm bench tracing`, ADR 0016): the same work traced by each candidate, measured
// in this one run. Each subject is a Lambda-style bundle (the functions' build options) holding the DynamoDB
// client and one traced unit of work with a nested SDK-call span; cold = fresh process -> module loaded;
// warm = CPU per traced unit, every request sampled and none sampled, each candidate in its own process
// (the X-Ray SDK installs async hooks for the whole process), subsegments sent over UDP to a listener.
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lambdasRoot, repoRoot } from '../build/esbuild-options.mjs';
import { bundleEntry } from '../build/functions.mjs';

const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const WARM_ROUNDS = Number(process.env.BENCH_WARM_ROUNDS ?? 5);
const dir = join(repoRoot, 'build', 'bench', 'tracing');
mkdirSync(dir, { recursive: true });

const common = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
const step = () => Promise.resolve(client.config.maxAttempts);`;
const annotations = `{ route: 'get-product', correlationId: 'bench-1', productId: '5f0b6a8e-2d4c-4b8a-9a51-3c0f2e7b9d11' }`;
const SUBJECTS = {
  none: `${common}\nexport const traced = async () => { await step(); return step(); };`,
  'powertools-tracer': `${common}
import { Tracer } from '@aws-lambda-powertools/tracer';
const tracer = new Tracer({ serviceName: 'catalog', captureHTTPsRequests: false });
tracer.captureAWSv3Client(client);
const annotate = (s) => { for (const [k, v] of Object.entries(${annotations})) s.addAnnotation(k, v); };
export const traced = () => tracer.provider.captureAsyncFunc('## get-product', async (sub) => {
  annotate(sub); try { await step(); return await tracer.provider.captureAsyncFunc('DynamoDB', async (c) => { try { return await step(); } finally { c.close(); } }); } finally { sub.close(); } });`,
  'aws-xray-sdk-core': `${common}
import AWSXRay from 'aws-xray-sdk-core';
AWSXRay.captureAWSv3Client(client);
const annotate = (s) => { for (const [k, v] of Object.entries(${annotations})) s.addAnnotation(k, v); };
export const traced = () => AWSXRay.captureAsyncFunc('## get-product', async (sub) => {
  annotate(sub); try { await step(); return await AWSXRay.captureAsyncFunc('DynamoDB', async (c) => { try { return await step(); } finally { c.close(); } }); } finally { sub.close(); } });`,
  opentelemetry: `${common}
import { XRayTracer } from './packages/lambdas/src/observability/xray-tracer.ts';
import { currentTraceHeader } from './packages/lambdas/src/observability/tracing.ts';
import { parseDaemonAddress, xrayDaemonSink } from './packages/lambdas/src/observability/xray-daemon.ts';
const address = parseDaemonAddress(process.env.AWS_XRAY_DAEMON_ADDRESS ?? '127.0.0.1:2000');
const tracer = new XRayTracer({ sink: xrayDaemonSink(address), invocationHeader: currentTraceHeader });
tracer.instrumentAwsClient(client);
export const traced = () => tracer.trace('get-product', async () => { await step(); return tracer.trace('DynamoDB', step); }, { annotations: ${annotations} });`,
};

const bundles = {};
for (const [name, source] of Object.entries(SUBJECTS)) {
  const entryPoint = join(repoRoot, `.bench-tracing-${name}.entry.mjs`);
  writeFileSync(entryPoint, source);
  try {
    bundles[name] = await bundleEntry({
      entryPoint,
      outfile: join(dir, name, 'index.mjs'),
      nodePaths: [`${lambdasRoot}node_modules`],
    });
  } finally {
    spawnSync('rm', ['-f', entryPoint]);
  }
}

// A daemon stand-in that counts datagrams.
const daemon = createSocket('udp4');
let datagrams = 0;
daemon.on('message', () => datagrams++);
await new Promise((resolve) => daemon.bind(0, '127.0.0.1', resolve));
const lambdaEnv = (sampled) => ({
  PATH: process.env.PATH,
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDBENCH',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_LAMBDA_FUNCTION_NAME: 'get-product',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  LAMBDA_TASK_ROOT: dir,
  AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
  AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
  _X_AMZN_TRACE_ID: `Root=1-6751f0a2-3b2c1d4e5f60718293a4b5c6;Parent=53995c3f42cd8ad8;Sampled=${sampled}`,
});

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const names = Object.keys(SUBJECTS);

const coldProbe = `const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));`;
const cold = Object.fromEntries(names.map((name) => [name, []]));
for (let run = 0; run < COLD_RUNS; run++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + run) % names.length];
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', coldProbe, bundles[name].path], {
      env: lambdaEnv(1),
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`${name} failed to load:\n${child.stderr}`);
    cold[name].push(Number(child.stdout));
  }
}

const warmProbe = `const { traced } = await import(process.argv[1]); const n = 20000;
for (let i = 0; i < 2000; i++) await traced();
const c = process.cpuUsage(); for (let i = 0; i < n; i++) await traced(); const u = process.cpuUsage(c);
process.stdout.write(String((u.user + u.system) / n));`;
const runWarm = (name, sampled) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', warmProbe, bundles[name].path], {
      env: lambdaEnv(sampled),
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) =>
      code === 0 ? resolve(Number(out)) : reject(new Error(`${name} warm failed`)),
    );
  });
const warm = Object.fromEntries(
  names.flatMap((name) => [
    [`${name} 1`, []],
    [`${name} 0`, []],
  ]),
);
const sent = Object.fromEntries(names.map((name) => [name, 0]));
for (let round = 0; round < WARM_ROUNDS; round++) {
  for (const name of round % 2 ? [...names].reverse() : names) {
    for (const sampled of [1, 0]) {
      const before = datagrams;
      warm[`${name} ${sampled}`].push(await runWarm(name, sampled));
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (sampled === 1) sent[name] += datagrams - before;
    }
  }
}
daemon.close();

const floor = median(cold.none);
console.log(
  `Tracing candidates (Node ${process.version}; cold: median of ${COLD_RUNS} fresh processes; warm: median of ${WARM_ROUNDS} processes x 20,000 traced units)`,
);
console.log(
  `  ${'candidate'.padEnd(20)} ${'bundle'.padStart(9)} ${'cold load'.padStart(10)} ${'vs none'.padStart(8)}   ${'warm sampled'.padStart(13)} ${'unsampled'.padStart(10)}   datagrams received/unit`,
);
for (const name of names) {
  const load = median(cold[name]);
  const units = WARM_ROUNDS * 22_000;
  console.log(
    `  ${name.padEnd(20)} ${(bundles[name].bytes / 1024).toFixed(1).padStart(6)} KB ${load.toFixed(1).padStart(7)} ms ${(load / floor).toFixed(2).padStart(7)}x   ${median(warm[`${name} 1`]).toFixed(2).padStart(10)} us ${median(warm[`${name} 0`]).toFixed(2).padStart(7)} us   ${(sent[name] / units).toFixed(2)}`,
  );
}
