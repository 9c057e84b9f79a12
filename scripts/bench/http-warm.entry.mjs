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
  return { clock, products: new InMemoryProductRepository(), ids: new SequentialIdGenerator() };
};

export const ours = () => {
  const { clock, products, ids } = fakes();
  const ports = new Container({ defaultScope: 'Singleton' });
  ports.load(
    observabilityModule(
      { serviceName: 'catalog', logLevel: process.env.BENCH_LEVEL ?? 'info', metricsNamespace: 'Catalog' },
      { logStream: nullSink(), writeMetrics: () => undefined },
    ),
  );
  ports.bind(Clock).toConstantValue(clock);
  ports.bind(IdGenerator).toConstantValue(ids);
  ports.bind(ProductRepository).toConstantValue(products);
  ports.bind(IdempotencyStore).toConstantValue(new InMemoryIdempotencyStore(clock));
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
