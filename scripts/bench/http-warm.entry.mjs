// Bundled by the HTTP benchmark with the Lambda build options: the real GET and POST handlers and the
// hand-written ones, each on its own in-memory store (the same fakes the unit tests use).
import 'reflect-metadata/lite';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { parseProductDetails, ProductId } from '@catalog/domain';
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
  buildDeleteProductHandler,
  buildGetProductHandler,
  buildListProductsHandler,
  buildPutProductHandler,
  createLogger,
  currentTraceHeader,
  observabilityModule,
} from '../../packages/lambdas/src/index.ts';
import { readProductBody } from '../../packages/lambdas/src/http/product-body.ts';
import { XRayTracer } from '../../packages/lambdas/src/observability/xray-tracer.ts';
import { parseDaemonAddress, xrayDaemonSink } from '../../packages/lambdas/src/observability/xray-daemon.ts';
import { handWrittenHandlers } from './http-handwritten.mjs';

const SEED = parseProductDetails({ name: 'Seed', price: { amount: 100, currency: 'EUR' } });

/** Creates `count` products straight in the store (outside any timing); returns their ids. */
const seeder = (products, clock) => async (count) => {
  const ids = [];
  for (let i = 0; i < count; i++) {
    const product = await products.create(ProductId.parse(randomUUID()), SEED, clock.now(), {
      correlationId: 'seed',
    });
    ids.push(product.id);
  }
  return ids;
};

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

/**
 * The Lambda tracer, sending to the daemon address the benchmark set and reading the invocation's trace
 * header from `_X_AMZN_TRACE_ID`, which the benchmark sets per request as Lambda does (fresh trace id, and
 * Sampled=1 on the requests the sampling rule picks).
 */
const lambdaTracer = () =>
  new XRayTracer({
    sink: xrayDaemonSink(parseDaemonAddress(process.env.AWS_XRAY_DAEMON_ADDRESS ?? '127.0.0.1:2000')),
    invocationHeader: currentTraceHeader,
  });

/** `tracing`: 'off', or 'on' (what is sampled is up to the trace header of each request). */
export const ours = (tracing = 'off') => {
  const { clock, products, idempotency, ids } = fakes();
  const ports = new Container({ defaultScope: 'Singleton' });
  ports.load(
    observabilityModule(
      { serviceName: 'catalog', logLevel: process.env.BENCH_LEVEL ?? 'info', metricsNamespace: 'Catalog' },
      {
        logStream: nullSink(),
        writeMetrics: () => undefined,
        ...(tracing === 'off' ? {} : { tracer: lambdaTracer() }),
      },
    ),
  );
  ports.bind(Clock).toConstantValue(clock);
  ports.bind(IdGenerator).toConstantValue(ids);
  ports.bind(ProductRepository).toConstantValue(products);
  ports.bind(IdempotencyStore).toConstantValue(idempotency);
  return {
    products,
    seed: seeder(products, clock),
    get: buildGetProductHandler(ports),
    post: buildCreateProductHandler(ports),
    put: buildPutProductHandler(ports),
    list: buildListProductsHandler(ports),
    del: buildDeleteProductHandler(ports),
  };
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
  return { products, seed: seeder(products, clock), ...handlers };
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
    'log line through the Logger': () => logger.info('request completed', fields),
    'log line by JSON.stringify': () =>
      sink.write(
        `${JSON.stringify({ level: 'info', message: 'request completed', service: 'catalog', ...fields, timestamp: new Date().toISOString() })}\n`,
      ),
  };
};
