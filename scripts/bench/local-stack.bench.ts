// Local stack, informational: p50/p99 latency from a PUT's response to its ProductCreated/Updated event
// arriving at the local bus (DynamoDB Local in memory -> stream poller -> stream handler -> PutEvents), and
// requests/s of the REST API with autocannon. These figures describe a developer laptop, not Lambda.
// Usage: pnpm bench local-stack   (LOCAL_BENCH_WRITES, default 200; LOCAL_BENCH_SECONDS, default 10)
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
// @ts-expect-error -- autocannon ships no type declarations
import autocannon from 'autocannon';
import { startLocalStack } from '../../packages/local-stack/src/index';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
const run = autocannon as (options: Record<string, unknown>) => Promise<AutocannonResult>;

const WRITES = Number(process.env.LOCAL_BENCH_WRITES ?? 200);
const SECONDS = Number(process.env.LOCAL_BENCH_SECONDS ?? 10);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;

const stack = await startLocalStack({
  port: 0,
  eventsPort: 0,
  backend: 'dynamodb',
  logLevel: 'error',
  logStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
  say: () => undefined,
});

try {
  const { accessToken } = await stack.authorizer.issue();
  const auth = { authorization: `Bearer ${accessToken}` };
  const body = (name: string) => JSON.stringify({ name, price: { amount: 450, currency: 'EUR' } });
  const latencies: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const id = randomUUID();
    const response = await fetch(`${stack.apiUrl}/api/products/${id}`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: body(`Bench ${i}`),
    });
    if (response.status !== 201) throw new Error(`PUT answered ${response.status}`);
    const written = performance.now();
    while (stack.bus.events({ productId: id }).length === 0) {
      if (performance.now() - written > 10_000) throw new Error(`no event for ${id} within 10 s`);
      await sleep(1);
    }
    latencies.push(performance.now() - written);
  }

  const seeded = randomUUID();
  await fetch(`${stack.apiUrl}/api/products/${seeded}`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': 'application/json' },
    body: body('Seeded'),
  });
  const get = await run({
    url: `${stack.apiUrl}/api/products/${seeded}`,
    headers: auth,
    connections: 10,
    duration: SECONDS,
  });
  const post = await run({
    url: `${stack.apiUrl}/api/products`,
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: body('Load'),
    connections: 10,
    duration: SECONDS,
  });

  console.log(`storage: DynamoDB Local via ${stack.dynamoDb?.via ?? 'memory'}; stream poll interval 100 ms`);
  console.log(`PUT -> event observed on the local bus, ${WRITES} sequential writes:`);
  console.log(
    `  p50 ${percentile(latencies, 50).toFixed(1)} ms   p99 ${percentile(latencies, 99).toFixed(1)} ms   max ${Math.max(...latencies).toFixed(1)} ms`,
  );
  console.log(`REST API with autocannon (10 connections, ${SECONDS} s each):`);
  for (const [name, result] of [
    ['GET /api/products/{id}', get],
    ['POST /api/products', post],
  ] as const) {
    console.log(
      `  ${name.padEnd(24)} ${result.requests.average.toFixed(0).padStart(6)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   non-2xx ${result.non2xx}   errors ${result.errors}`,
    );
  }
} finally {
  await stack.stop();
}
