import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, errorDetails, invocationLogger } from './logger';
import { Metrics } from './metrics';

describe(Metrics, () => {
  it('writes one EMF document with every metric, summing repeats', () => {
    const lines: string[] = [];
    const metrics = new Metrics({
      namespace: 'Catalog',
      serviceName: 'catalog-dev',
      write: (l) => lines.push(l),
      now: () => 42,
    });
    metrics.add('ProductsCreated');
    metrics.add('ProductsCreated');
    metrics.add('ValidationFailures', 3);
    metrics.flush();
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        _aws: {
          Timestamp: 42,
          CloudWatchMetrics: [
            {
              Namespace: 'Catalog',
              Dimensions: [['service']],
              Metrics: [
                { Name: 'ProductsCreated', Unit: 'Count' },
                { Name: 'ValidationFailures', Unit: 'Count' },
              ],
            },
          ],
        },
        service: 'catalog-dev',
        ProductsCreated: 2,
        ValidationFailures: 3,
      },
    ]);
  });

  it('writes nothing when nothing was recorded, and starts over after a flush', () => {
    const lines: string[] = [];
    const metrics = new Metrics({ namespace: 'Catalog', serviceName: 's', write: (l) => lines.push(l) });
    metrics.flush();
    metrics.add('RecordsIn', 5);
    metrics.flush();
    metrics.flush();
    expect(lines).toHaveLength(1);
  });
});

describe(createLogger, () => {
  it('writes JSON lines with the service, the level and child fields, honouring the level', () => {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const logger = createLogger({ serviceName: 'catalog-dev', level: 'info', stream });
    logger.child({ correlationId: 'c-1', requestId: 'r-1' }).info('hello', { productId: 'p' });
    logger.debug('hidden');
    const lines = chunks
      .join('')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      message: 'hello',
      service: 'catalog-dev',
      correlationId: 'c-1',
      requestId: 'r-1',
      productId: 'p',
      timestamp: expect.any(String),
    });
  });

  it('hands every line to the stream before the call returns, at each enabled level', () => {
    const written: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ serviceName: 's', level: 'warn', stream });
    logger.info('dropped');
    logger.warn('kept', { n: 1 });
    expect(written).toHaveLength(1);
    logger.error('also kept');
    expect(written.map((line) => (JSON.parse(line) as { message: string }).message)).toEqual([
      'kept',
      'also kept',
    ]);
  });
});

describe(invocationLogger, () => {
  it('puts the request id, the function name, the cold start and the given fields on every line', () => {
    const written: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ serviceName: 's', level: 'info', stream });
    const context = { awsRequestId: 'r-1', functionName: 'relay-product-outbox' };
    invocationLogger(logger, context, { xrayTraceId: 't-1' }).info('first');
    invocationLogger(logger, { ...context, awsRequestId: 'r-2' }).info('second');
    const [first, second] = written.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({
      requestId: 'r-1',
      functionName: 'relay-product-outbox',
      xrayTraceId: 't-1',
    });
    expect(typeof first?.coldStart).toBe('boolean');
    // Only an environment's first invocation is a cold start.
    expect(second).toMatchObject({
      requestId: 'r-2',
      functionName: 'relay-product-outbox',
      coldStart: false,
    });
    expect(second).not.toHaveProperty('xrayTraceId');
  });
});

describe(errorDetails, () => {
  it('keeps name, message, code and the cause chain', () => {
    const cause = Object.assign(new Error('throttled'), { code: 'ThrottlingException' });
    const details = errorDetails(new Error('write failed', { cause }));
    expect(details).toMatchObject({
      name: 'Error',
      message: 'write failed',
      cause: { message: 'throttled', code: 'ThrottlingException' },
    });
  });

  it('describes a thrown non-error', () => {
    expect(errorDetails('just a string')).toEqual({ message: 'just a string' });
  });
});
