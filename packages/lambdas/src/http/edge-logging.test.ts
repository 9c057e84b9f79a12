import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  apiEvent,
  apiWorld,
  COLLECTION,
  cup,
  ITEM,
  PRODUCT_ID,
  refusedEvent,
} from './api-gateway.test-support';
import { edgeHandler } from './edge.test-support';
import type { Route, RouteContext } from './route';

afterEach(() => {
  vi.restoreAllMocks();
});

/** performance.now() under the test's control: a route advances it by the time it "takes". */
const stopwatch = () => {
  let now = 1_000;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  return (ms: number) => {
    now += ms;
  };
};

const metricNames = (world: ReturnType<typeof apiWorld>) =>
  world.metricLines.flatMap((line) => Object.keys(line).filter((key) => key !== '_aws' && key !== 'service'));

describe('the access log line', () => {
  it('says "request completed" with the invocation and access fields when a route answers', async () => {
    const world = apiWorld();
    const created = await world.createProduct(
      apiEvent('POST', COLLECTION, { body: cup, headers: { 'X-Correlation-Id': 'c-ok' } }),
    );
    await world.flushLogs();
    expect(created.status).toBe(201);
    expect(world.logLines).toHaveLength(1);
    expect(world.logLines[0]).toMatchObject({
      level: 'info',
      message: 'request completed',
      requestId: 'lambda-request-1',
      functionName: 'create-product',
      correlationId: 'c-ok',
      apiRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      route: 'create-product',
      method: 'POST',
      path: '/api/products',
      status: 201,
      durationMs: expect.any(Number),
    });
  });

  it('says "request failed" at error level with the problem code and the error, for an unexpected error', async () => {
    const world = apiWorld();
    const route: Route = { name: 'broken', handle: () => Promise.reject(new TypeError('boom')) };
    await edgeHandler(
      world,
      route,
    )(apiEvent('GET', COLLECTION, { headers: { 'X-Correlation-Id': 'c-500' } }));
    await world.flushLogs();
    expect(world.logLines).toHaveLength(1);
    expect(world.logLines[0]).toMatchObject({
      level: 'error',
      message: 'request failed',
      correlationId: 'c-500',
      route: 'broken',
      status: 500,
      code: 'urn:catalog:problem:internal-error',
      error: { name: 'TypeError', message: 'boom', stack: expect.stringContaining('boom') },
    });
  });

  it.each([
    ['answers', () => Promise.resolve({ status: 204 })],
    ['fails', () => Promise.reject(new Error('boom'))],
  ])('gives the duration in milliseconds, to the hundredth, when the route %s', async (_, outcome) => {
    const world = apiWorld();
    const advance = stopwatch();
    const route: Route = {
      name: 'timed',
      handle: () => {
        advance(12.3456);
        return outcome();
      },
    };
    await edgeHandler(world, route)(apiEvent('GET', COLLECTION));
    await world.flushLogs();
    expect(world.logLines[0]?.durationMs).toBe(12.35);
  });

  it('copes with an event that has no requestContext', async () => {
    const world = apiWorld();
    const { requestContext: _, ...rest } = apiEvent('GET', ITEM, { pathParameters: { id: PRODUCT_ID } });
    const response = await world.getProduct(rest as APIGatewayProxyEvent);
    await world.flushLogs();
    expect(response.status).toBe(404);
    expect(world.logLines[0]).toMatchObject({ message: 'request refused', status: 404 });
    expect(world.logLines[0]).not.toHaveProperty('apiRequestId');
  });
});

describe('ValidationFailures', () => {
  it('counts a 400 and nothing else the edge refuses', async () => {
    const world = apiWorld();
    await world.getProduct(apiEvent('GET', ITEM, { pathParameters: { id: PRODUCT_ID } }));
    expect(metricNames(world)).toEqual([]);
    expect((await world.getProduct(refusedEvent)).status).toBe(400);
    expect(metricNames(world)).toEqual(['ValidationFailures']);
  });
});

describe('the route context', () => {
  const probe = (seen: RouteContext[]): Route => ({
    name: 'probe',
    handle: (_request, context) => {
      seen.push(context);
      context.log.info('first', { step: 1 });
      context.log.warn('second', { step: 2 });
      return Promise.resolve({ status: 204 });
    },
  });

  it('gives routes a logger whose lines carry the invocation fields', async () => {
    const world = apiWorld();
    const seen: RouteContext[] = [];
    await edgeHandler(
      world,
      probe(seen),
    )(apiEvent('GET', COLLECTION, { headers: { 'X-Correlation-Id': 'c-log' } }));
    await world.flushLogs();
    const invocation = { requestId: 'lambda-request-1', functionName: 'probe', correlationId: 'c-log' };
    expect(world.logLines.map(({ level, message, step }) => ({ level, message, step }))).toEqual([
      { level: 'info', message: 'first', step: 1 },
      { level: 'warn', message: 'second', step: 2 },
      { level: 'info', message: 'request completed', step: undefined },
    ]);
    for (const line of world.logLines) expect(line).toMatchObject(invocation);
    expect(seen[0]?.log).toBe(seen[0]?.log);
  });

  it('names the caller the authorizer identified, and has no principal for an anonymous one', async () => {
    const world = apiWorld();
    const seen: RouteContext[] = [];
    const handler = edgeHandler(world, probe(seen));
    const event = apiEvent('GET', COLLECTION);
    await handler(event);
    const { authorizer: _, ...anonymous } = event.requestContext;
    await handler({ ...event, requestContext: anonymous as APIGatewayProxyEvent['requestContext'] });
    expect(seen[0]?.principal).toBe('lambda:user-1');
    expect(Object.keys(seen[1] ?? {})).not.toContain('principal');
    expect(seen[1]?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
