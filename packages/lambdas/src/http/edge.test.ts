import type { APIGatewayProxyEvent } from 'aws-lambda';
import { Container } from 'inversify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Tracer } from '../observability/tracing';
import { apiEvent, apiWorld, COLLECTION, cup, ITEM, PRODUCT_ID } from './api-gateway.test-support';
import { HttpEdge } from './edge';
import type { Route } from './route';

const get = (headers: Record<string, string | string[]> = {}) =>
  apiEvent('GET', ITEM, { pathParameters: { id: PRODUCT_ID }, headers });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe(HttpEdge, () => {
  describe('X-Correlation-Id', () => {
    it('echoes a well-formed id on success and on error', async () => {
      const world = apiWorld();
      expect(
        (await world.getProduct(get({ 'x-correlation-id': 'abc.DEF_1:2-3' }))).headers['X-Correlation-Id'],
      ).toBe('abc.DEF_1:2-3');
      const created = await world.createProduct(
        apiEvent('POST', COLLECTION, { body: cup, headers: { 'X-CORRELATION-ID': 'upper' } }),
      );
      expect(created.headers['X-Correlation-Id']).toBe('upper');
    });

    it.each([['has space'], ['x'.repeat(129)], ['quote"d'], ['<script>'], ['']])(
      'replaces the malformed id %j with a fresh UUID',
      async (given) => {
        const world = apiWorld();
        const response = await world.getProduct(get({ 'X-Correlation-Id': given }));
        expect(response.headers['X-Correlation-Id']).toMatch(/^[0-9a-f-]{36}$/);
        expect(response.body.correlationId).toBe(response.headers['X-Correlation-Id']);
      },
    );

    it('generates one when none is given, and a new one per request', async () => {
      const world = apiWorld();
      const first = await world.getProduct(get());
      const second = await world.getProduct(get());
      expect(first.headers['X-Correlation-Id']).not.toBe(second.headers['X-Correlation-Id']);
    });
  });

  describe('headers', () => {
    it('reads names in any case, from either header map', async () => {
      const world = apiWorld();
      const event = apiEvent('POST', COLLECTION, { body: cup, headers: { 'content-type': 'text/plain' } });
      const onlyMulti = {
        ...event,
        headers: {},
        multiValueHeaders: { 'CONTENT-TYPE': ['application/json'] },
      };
      expect((await world.createProduct(onlyMulti)).status).toBe(201);
      const onlySingle = { ...event, headers: { 'Content-Type': 'application/json' }, multiValueHeaders: {} };
      expect((await world.createProduct(onlySingle)).status).toBe(201);
    });

    it('copes with API Gateway sending null header and query maps', async () => {
      const world = apiWorld();
      const event: APIGatewayProxyEvent = {
        ...get(),
        headers: null as never,
        multiValueHeaders: null as never,
        queryStringParameters: null,
        multiValueQueryStringParameters: null,
      };
      expect((await world.getProduct(event)).status).toBe(404);
    });
  });

  describe('logging', () => {
    it('writes one JSON line per request with the Lambda request id, function, cold start and correlation id', async () => {
      vi.stubEnv(
        '_X_AMZN_TRACE_ID',
        'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
      );
      const world = apiWorld();
      await world.getProduct(get({ 'X-Correlation-Id': 'c-1' }));
      await world.getProduct(get({ 'X-Correlation-Id': 'c-2' }));
      await world.flushLogs();
      expect(world.logLines).toHaveLength(2);
      expect(world.logLines[0]).toMatchObject({
        level: 'info',
        message: 'request refused',
        service: 'catalog-test',
        requestId: 'lambda-request-1',
        functionName: 'get-product',
        correlationId: 'c-1',
        xrayTraceId: '1-5759e988-bd862e3fe1be46a994272793',
        apiRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
        route: 'get-product',
        method: 'GET',
        status: 404,
        durationMs: expect.any(Number),
        timestamp: expect.any(String),
      });
      expect(typeof world.logLines[0]?.coldStart).toBe('boolean');
      expect(world.logLines[1]).toMatchObject({ correlationId: 'c-2', coldStart: false });
    });
  });

  describe('tracing', () => {
    it('runs each route inside the bound Tracer, annotated with route, correlation id and product id', async () => {
      const world = apiWorld();
      const traced: string[] = [];
      const tracer: Tracer = {
        traceHeader: () => undefined,
        instrumentAwsClient: (client) => client,
        trace: (name, work, options) => {
          traced.push(`${name} route=${String(options?.annotations?.route)}`);
          return work({
            annotate: (key, value) => traced.push(`${key}=${String(value)}`),
            setHttpStatus: (status) => traced.push(`status=${status}`),
            recordError: () => traced.push('error'),
          });
        },
      };
      world.ports.rebind<Tracer>(Tracer).toConstantValue(tracer);
      const { buildGetProductHandler } = await import('../bindings/api-routes');
      await buildGetProductHandler(world.ports)(get({ 'X-Correlation-Id': 't-1' }), {
        awsRequestId: 'r',
        functionName: 'get-product',
      });
      expect(traced).toEqual([
        'get-product route=get-product',
        'correlationId=t-1',
        'status=404',
        `productId=${PRODUCT_ID}`,
      ]);
    });
  });

  it('never throws: a route that fails in any way becomes a 500 problem', async () => {
    const world = apiWorld();
    const container = new Container({ parent: world.ports });
    container.bind(HttpEdge).toSelf();
    const route: Route = {
      name: 'broken',
      handle: () => Promise.reject(Object.assign(new Error('boom'), { secret: 'do-not-show' })),
    };
    const result = await container.get(HttpEdge).handlerFor(route)(get(), {
      awsRequestId: 'r',
      functionName: 'f',
    });
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toMatch(/boom|do-not-show/);
  });
});
