// Bundled by the HTTP benchmark with the Lambda build options: the real GET and POST handlers and the
// hand-written ones, each on its own in-memory store (the same fakes the unit tests use).
import 'reflect-metadata/lite';
import { Writable } from 'node:stream';
import { Clock, IdGenerator, IdempotencyStore, ProductRepository } from '@catalog/ports';
import {
  InMemoryIdempotencyStore,
  InMemoryProductRepository,
  ManualClock,
  SequentialIdGenerator,
} from '@catalog/testkit';
import { Container } from 'inversify';
import {
  buildCreateProductHandler,
  buildGetProductHandler,
  createLogger,
  observabilityModule,
} from '../../packages/lambdas/src/index.ts';
import { readProductBody } from '../../packages/lambdas/src/http/product-body.ts';
import { OpenTelemetryTracer } from '../../packages/lambdas/src/observability/opentelemetry-tracer.ts';
import { parseDaemonAddress, xrayDaemonSink } from '../../packages/lambdas/src/observability/xray-daemon.ts';
import { handWrittenHandlers } from './http-handwritten.mjs';

/** Discards what is written, as cheaply as a stream can. */
const nullSink = () =>
  new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });

const fakes = () => {
  const clock = new ManualClock('2026-05-01T12:00:00.000Z');
  const idempotency = new InMemoryIdempotencyStore(clock);
  const products = new InMemoryProductRepository(undefined, idempotency);
  return { clock, products, idempotency, ids: new SequentialIdGenerator() };
};

const SAMPLED = 'Root=1-6751f0a2-3b2c1d4e5f60718293a4b5c6;Parent=53995c3f42cd8ad8;Sampled=1';
const UNSAMPLED = 'Root=1-6751f0a2-3b2c1d4e5f60718293a4b5c6;Parent=53995c3f42cd8ad8;Sampled=0';

/** The Lambda tracer, sending to the daemon address the benchmark set; `sampled` is Lambda's decision. */
const lambdaTracer = (sampled) =>
  new OpenTelemetryTracer({
    sink: xrayDaemonSink(parseDaemonAddress(process.env.AWS_XRAY_DAEMON_ADDRESS ?? '127.0.0.1:2000')),
    invocationHeader: () => (sampled ? SAMPLED : UNSAMPLED),
  });

/** `tracing`: 'off', 'sampled' (every request traced) or 'unsampled' (tracing on, request not sampled). */
export const ours = (tracing = 'off') => {
  const { clock, products, idempotency, ids } = fakes();
  const ports = new Container({ defaultScope: 'Singleton' });
  ports.load(
    observabilityModule(
      { serviceName: 'catalog', logLevel: process.env.BENCH_LEVEL ?? 'info', metricsNamespace: 'Catalog' },
      {
        logStream: nullSink(),
        writeMetrics: () => undefined,
        ...(tracing === 'off' ? {} : { tracer: lambdaTracer(tracing === 'sampled') }),
      },
    ),
  );
  ports.bind(Clock).toConstantValue(clock);
  ports.bind(IdGenerator).toConstantValue(ids);
  ports.bind(ProductRepository).toConstantValue(products);
  ports.bind(IdempotencyStore).toConstantValue(idempotency);
  return { products, get: buildGetProductHandler(ports), post: buildCreateProductHandler(ports) };
};

export const handWritten = () => {
  const { clock, products, ids } = fakes();
  const sink = nullSink();
  const handlers = handWrittenHandlers({
    products,
    ids,
    clock,
    writeLog: (line) => sink.write(line),
    writeMetrics: () => undefined,
  });
  return { products, ...handlers };
};

/** Single steps of the POST path, to show where the difference to the hand-written handler goes. */
export const parts = () => {
  const sink = nullSink();
  const logger = createLogger({ serviceName: 'catalog', level: 'info', stream: sink });
  const body = { name: 'Cup', description: 'White', price: { amount: 450, currency: 'EUR' } };
  const fields = {
    requestId: 'r',
    functionName: 'f',
    coldStart: false,
    correlationId: 'c',
    route: 'create-product',
    method: 'POST',
    path: '/api/products',
    status: 201,
    durationMs: 0.1,
  };
  return {
    'DTO (class-validator)': () => readProductBody(body),
    'log line through winston': () => logger.info('request completed', fields),
    'log line by JSON.stringify': () =>
      sink.write(
        `${JSON.stringify({ level: 'info', message: 'request completed', service: 'catalog', ...fields, timestamp: new Date().toISOString() })}\n`,
      ),
  };
};
