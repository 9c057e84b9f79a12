// Stream processor throughput: records/s through the real publish-product-events handler into a stubbed
// bus, and PutEvents calls per batch against ceil(n/10). Two stubs, each in its own handler:
// - at `send` (the target's "stubbed bus"): a terminating middleware right after our tracing middleware, so
//   all of our code runs (record parsing, events, entries, chunking, the batch and SDK-call subsegments)
//   but none of the SDK's serialisation, signing or response parsing;
// - at the SDK's HTTP handler (informational): the SDK's whole middleware stack runs per call, only the
//   network is left out; this is what a PutEvents call costs the function in CPU.
// What runs is the handler bundled with the Lambda build options (what ships), built by its own composition
// root, with tracing on (a sampled trace header; subsegments go over UDP to a listener here). Target
// (product brief, "Targets"): >= 100,000 records/s at batch 100 with ceil(n/10) PutEvents calls.
// Usage: pnpm bench stream   (runs per batch size: STREAM_BENCH_RUNS, default 5)
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
// @ts-expect-error -- a plain ES module shared with the build, without type declarations
import { lambdaBuildOptions } from '../build/esbuild-options.mjs';

interface BenchModule {
  benchFunction: (stub: Stub) => {
    handler: (event: unknown, context: unknown) => Promise<{ batchItemFailures: unknown[] }>;
    stats: { calls: number; entries: number };
  };
  batchOf: (n: number) => unknown;
}

type Stub = 'send' | 'http-handler';

const TARGET = 100_000;
const STUBS: readonly Stub[] = ['send', 'http-handler'];
const BATCH_SIZES = [100, 1000];
const RUNS = Number(process.env.STREAM_BENCH_RUNS ?? 5);
const RECORDS_PER_RUN = 50_000;

const dir = await mkdtemp(join(tmpdir(), 'catalog-stream-bench-'));
const outfile = join(dir, 'index.mjs');
await build(
  (lambdaBuildOptions as (options: { entryPoint: string; outfile: string }) => object)({
    entryPoint: new URL('./stream-bench.entry.mjs', import.meta.url).pathname,
    outfile,
  }),
);
const { benchFunction, batchOf } = (await import(pathToFileURL(outfile).href)) as BenchModule;
await rm(dir, { recursive: true, force: true });

// Tracing on, as in Lambda with active tracing: a daemon address and a sampled invocation.
const daemon = createSocket('udp4');
let documents = 0;
daemon.on('message', () => documents++);
await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
process.env.AWS_XRAY_DAEMON_ADDRESS = `127.0.0.1:${daemon.address().port}`;
// The role's credentials, as Lambda puts them in the environment (the SDK signs every call).
process.env.AWS_ACCESS_KEY_ID = 'ASIABENCHBENCHBENCH';
process.env.AWS_SECRET_ACCESS_KEY = 'bench-secret';
process.env.AWS_SESSION_TOKEN = 'bench-session';
process.env._X_AMZN_TRACE_ID = 'Root=1-6751f0a2-3b2c1d4e5f60718293a4b5c6;Parent=53995c3f42cd8ad8;Sampled=1';
const functions = STUBS.map((stub) => ({ stub, ...benchFunction(stub) }));
// Let the daemon socket connect, as it does during a function's init.
await new Promise((resolve) => setTimeout(resolve, 20));
const context = { awsRequestId: 'bench', functionName: 'publish-product-events' };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const format = (value: number) => Math.round(value).toLocaleString('en-US');

const rows: string[][] = [];
for (const { stub, handler, stats } of functions) {
  for (const size of BATCH_SIZES) {
    const batches = Array.from({ length: 4 }, () => batchOf(size));
    const invocations = Math.ceil(RECORDS_PER_RUN / size);
    // Warm-up: JIT, first resolutions, the logger's formats.
    for (let i = 0; i < 4 * batches.length; i++) await handler(batches[i % batches.length], context);

    stats.calls = 0;
    const { batchItemFailures } = await handler(batches[0], context);
    if (batchItemFailures.length > 0)
      throw new Error(`records failed although the stubbed bus refuses nothing (${JSON.stringify(stats)})`);
    const calls = stats.calls;

    const rates: number[] = [];
    const cpuRates: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      for (let i = 0; i < invocations; i++) await handler(batches[i % batches.length], context);
      const used = process.cpuUsage(cpu);
      rates.push((invocations * size) / ((performance.now() - started) / 1000));
      // Per second of this process's CPU: what a Lambda function with a whole core would do, however busy
      // the machine is.
      cpuRates.push((invocations * size) / ((used.user + used.system) / 1e6));
    }
    const rate = median(rates);
    const cpuRate = median(cpuRates);
    const expectedCalls = Math.ceil(size / 10);
    const target = stub === 'send';
    const against = (value: number) =>
      `${(value / TARGET).toFixed(2)}x ${target ? (value >= TARGET ? 'ok' : 'MISS') : '(info)'}`;
    rows.push([
      stub === 'send' ? 'send (target)' : 'HTTP handler (info)',
      String(size),
      String(RUNS),
      format(invocations * size),
      format(rate),
      `${format(Math.min(...rates))}-${format(Math.max(...rates))}`,
      against(rate),
      format(cpuRate),
      against(cpuRate),
      `${calls} / ${expectedCalls} ${calls === expectedCalls ? 'ok' : 'MISS'}`,
    ]);
  }
}

const header = [
  'bus stubbed at',
  'batch',
  'runs',
  'records/run',
  'records/s median',
  'min-max',
  'vs 100,000/s',
  'records per CPU-s',
  'vs 100,000/s',
  'calls / ceil(n/10)',
];
const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((row) => row[column]!.length)),
);
const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padStart(widths[i]!)).join(' | ')} |`;
console.log(
  `publish-product-events (Lambda bundle, Node ${process.version}, tracing on) into a stubbed EventBridge bus; target: the row stubbed at \`send\``,
);
console.log(line(header));
console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
await new Promise((resolve) => setTimeout(resolve, 100));
console.log(`X-Ray documents received (tracing on): ${documents}`);
daemon.close();
