import { Container } from 'inversify';
import { afterEach, describe, expect, it } from 'vitest';
import { currentTraceHeader, Tracer } from '../observability/tracing';
import { XRayTracer } from '../observability/xray-tracer';
import type { XRaySubsegment } from '../observability/xray-segments';
import { apiEvent, apiWorld, ITEM, PRODUCT_ID } from './api-gateway.test-support';
import { HttpEdge } from './edge';
import type { Route } from './route';

const TRACE = '1-5759e988-bd862e3fe1be46a994272793';
const header = (sampled: 0 | 1) => `Root=${TRACE};Parent=53995c3f42cd8ad8;Sampled=${sampled}`;
const originalEnv = process.env;

/** process.env, counting reads of the trace header variable (the edge should make one per invocation). */
const countingEnv = (value: string) => {
  let reads = 0;
  process.env = new Proxy<NodeJS.ProcessEnv>(
    { ...originalEnv, _X_AMZN_TRACE_ID: value },
    {
      get: (target, key: string): string | undefined => {
        if (key === '_X_AMZN_TRACE_ID') reads++;
        return target[key];
      },
    },
  );
  return () => reads;
};

afterEach(() => {
  process.env = originalEnv;
});

/** The edge with the Lambda tracer, around a route that makes two traced calls and propagates the trace. */
const tracedWorld = () => {
  const world = apiWorld();
  const sent: XRaySubsegment[] = [];
  const tracer = new XRayTracer({
    sink: (document) => sent.push(document),
    invocationHeader: currentTraceHeader,
  });
  world.ports.rebind<Tracer>(Tracer).toConstantValue(tracer);
  const container = new Container({ parent: world.ports });
  container.bind(HttpEdge).toSelf();
  const propagated: (string | undefined)[] = [];
  const route: Route = {
    name: 'traced-route',
    handle: async () => {
      await tracer.trace('DynamoDB', () => Promise.resolve());
      await tracer.trace('DynamoDB', () => Promise.resolve());
      propagated.push(tracer.traceHeader());
      return { status: 204 };
    },
  };
  const handler = container.get(HttpEdge).handlerFor(route);
  const invoke = () =>
    handler(apiEvent('DELETE', ITEM, { pathParameters: { id: PRODUCT_ID } }), {
      awsRequestId: 'r',
      functionName: 'f',
    });
  return { ...world, sent, propagated, invoke };
};

describe('HttpEdge and the invocation trace header', () => {
  it.each([0, 1] as const)(
    'reads _X_AMZN_TRACE_ID once per invocation (Sampled=%i), however often it is used',
    async (sampled) => {
      const world = tracedWorld();
      const reads = countingEnv(header(sampled));
      expect((await world.invoke()).statusCode).toBe(204);
      expect(reads()).toBe(1);
      expect((await world.invoke()).statusCode).toBe(204);
      expect(reads()).toBe(2);
    },
  );

  it('puts the header it read on the log line, in the propagated header and in the trace', async () => {
    const world = tracedWorld();
    countingEnv(header(1));
    await world.invoke();
    await world.flushLogs();
    expect(world.logLines).toMatchObject([{ route: 'traced-route', xrayTraceId: TRACE }]);
    expect(world.sent).toHaveLength(1);
    const [segment] = world.sent;
    expect(segment).toMatchObject({ trace_id: TRACE, parent_id: '53995c3f42cd8ad8', name: 'traced-route' });
    expect(segment?.subsegments?.map(({ name }) => name)).toEqual(['DynamoDB', 'DynamoDB']);
    expect(world.propagated).toEqual([`Root=${TRACE};Parent=${String(segment?.id)};Sampled=1`]);
  });

  it('passes an unsampled invocation’s header on as Lambda set it, and traces nothing', async () => {
    const world = tracedWorld();
    countingEnv(header(0));
    await world.invoke();
    await world.flushLogs();
    expect(world.logLines).toMatchObject([{ xrayTraceId: TRACE }]);
    expect(world.sent).toEqual([]);
    expect(world.propagated).toEqual([header(0)]);
  });

  it('reads the variable afresh after the invocation', async () => {
    const world = tracedWorld();
    countingEnv(header(1));
    await world.invoke();
    countingEnv(header(0));
    expect(currentTraceHeader()).toBe(header(0));
  });
});
