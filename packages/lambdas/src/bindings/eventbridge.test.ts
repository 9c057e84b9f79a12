import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  EventBridgeProductEventPublisher,
  EventBridgeSdkClient,
  ProductEventBusSettings,
  TraceHeaderProvider,
} from '@catalog/adapter-eventbridge';
import { ProductEventPublisher } from '@catalog/ports';
import { Container } from 'inversify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/env';
import { NoTracer, Tracer } from '../observability/tracing';
import { eventBridgeModule, readEventBridgeConfig } from './eventbridge';

describe(readEventBridgeConfig, () => {
  it('requires the bus and defaults the source', () => {
    expect(
      loadConfig(readEventBridgeConfig, { EVENT_BUS_NAME: 'catalog-dev', AWS_REGION: 'eu-west-1' }),
    ).toEqual({
      eventBusName: 'catalog-dev',
      source: 'catalog.products',
      region: 'eu-west-1',
    });
    expect(() => loadConfig(readEventBridgeConfig, {})).toThrow(/EVENT_BUS_NAME is required but not set/);
  });

  it('takes a local endpoint, with placeholder credentials unless the environment has some', () => {
    const env = {
      EVENT_BUS_NAME: 'b',
      EVENT_SOURCE: 'acme.catalog',
      EVENTBRIDGE_ENDPOINT: 'http://127.0.0.1:4010',
    };
    expect(loadConfig(readEventBridgeConfig, env)).toEqual({
      eventBusName: 'b',
      source: 'acme.catalog',
      region: 'local',
      endpoint: 'http://127.0.0.1:4010',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    expect(loadConfig(readEventBridgeConfig, { ...env, AWS_ACCESS_KEY_ID: 'AKIA' })).not.toHaveProperty(
      'credentials',
    );
    expect(() => loadConfig(readEventBridgeConfig, { ...env, EVENTBRIDGE_ENDPOINT: 'localhost' })).toThrow(
      /EVENTBRIDGE_ENDPOINT must be an http\(s\) URL/,
    );
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const withTracer = (): Container => {
  const container = new Container();
  container.bind(Tracer).toConstantValue(new NoTracer());
  return container;
};

describe(eventBridgeModule, () => {
  it('binds the EventBridge publisher with the bus, the invocation trace header and a retry-free client', async () => {
    const container = withTracer();
    container.load(
      eventBridgeModule({ eventBusName: 'catalog-dev', source: 'catalog.products', region: 'eu-west-1' }),
    );
    expect(container.get(ProductEventPublisher)).toBeInstanceOf(EventBridgeProductEventPublisher);
    expect(container.get(ProductEventBusSettings)).toEqual({
      eventBusName: 'catalog-dev',
      source: 'catalog.products',
    });
    vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-6751f0a2-3b2c1d4e5f60718293a4b5c6;Sampled=0');
    expect(container.get<TraceHeaderProvider>(TraceHeaderProvider)()).toBe(
      'Root=1-6751f0a2-3b2c1d4e5f60718293a4b5c6;Sampled=0',
    );
    const client = container.get<EventBridgeClient>(EventBridgeSdkClient);
    expect(client).toBeInstanceOf(EventBridgeClient);
    expect(await client.config.maxAttempts()).toBe(1);
  });

  it('takes a given client, trace header source and retry settings', () => {
    const client = new EventBridgeClient({ region: 'eu-west-1' });
    const traceHeader = () => 'Root=1-x';
    const container = withTracer();
    container.load(
      eventBridgeModule(
        { eventBusName: 'b', source: 's' },
        { client, traceHeader, retry: { maxAttempts: 2 } },
      ),
    );
    expect(container.get(EventBridgeSdkClient)).toBe(client);
    expect(container.get(TraceHeaderProvider)).toBe(traceHeader);
    expect(container.get(ProductEventBusSettings)).toEqual({
      eventBusName: 'b',
      source: 's',
      retry: { maxAttempts: 2 },
    });
  });
});
