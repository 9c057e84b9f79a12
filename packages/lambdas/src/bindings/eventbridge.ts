import {
  createEventBridgeClient,
  EventBridgeProductEventPublisher,
  EventBridgeSdkClient,
  ProductEventBusSettings,
  TraceHeaderProvider,
  type PutEventsRetrySettings,
} from '@catalog/adapter-eventbridge';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ProductEventPublisher } from '@catalog/ports';
import { ContainerModule } from 'inversify';
import type { EnvReader } from '../config/env';
import { Tracer } from '../observability/tracing';

export const DEFAULT_EVENT_SOURCE = 'catalog.products';

/** Where product events go and how to reach EventBridge (an endpoint override for a local bus). */
export interface EventBridgeConfig {
  readonly eventBusName: string;
  readonly source: string;
  readonly region?: string;
  readonly endpoint?: string;
  /** Placeholders for a local endpoint (which checks none) when the environment holds no credentials. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** EVENT_BUS_NAME (required), EVENT_SOURCE, AWS_REGION and EVENTBRIDGE_ENDPOINT (local use only). */
export const readEventBridgeConfig = (env: EnvReader): EventBridgeConfig => {
  const bus = {
    eventBusName: env.string('EVENT_BUS_NAME'),
    source: env.string('EVENT_SOURCE', DEFAULT_EVENT_SOURCE),
  };
  const region = env.optionalString('AWS_REGION');
  const endpoint = env.optionalUrl('EVENTBRIDGE_ENDPOINT');
  if (endpoint === undefined) return region === undefined ? bus : { ...bus, region };
  const credentials =
    env.optionalString('AWS_ACCESS_KEY_ID') === undefined
      ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {};
  return { ...bus, region: region ?? 'local', endpoint, ...credentials };
};

export interface EventBridgeModuleOptions {
  /** An EventBridge client to use instead of one built from the configuration (tests, benchmarks). */
  readonly client?: EventBridgeClient;
  /** The trace header source; the Lambda invocation's X-Ray header by default. */
  readonly traceHeader?: TraceHeaderProvider;
  readonly retry?: Partial<PutEventsRetrySettings>;
}

/** ProductEventPublisher on EventBridge PutEvents (creating the client opens no connection; needs the Tracer). */
export const eventBridgeModule = (
  config: EventBridgeConfig,
  options: EventBridgeModuleOptions = {},
): ContainerModule =>
  new ContainerModule(({ bind }) => {
    const { eventBusName, source } = config;
    bind(EventBridgeSdkClient)
      .toResolvedValue(
        (tracer: Tracer) => tracer.instrumentAwsClient(options.client ?? createEventBridgeClient(config)),
        [Tracer],
      )
      .inSingletonScope();
    bind(ProductEventBusSettings).toConstantValue(
      options.retry === undefined ? { eventBusName, source } : { eventBusName, source, retry: options.retry },
    );
    // The active subsegment's header, so a consumer's trace continues from the PutEvents call.
    bind(TraceHeaderProvider)
      .toResolvedValue((tracer: Tracer) => options.traceHeader ?? (() => tracer.traceHeader()), [Tracer])
      .inSingletonScope();
    bind(ProductEventPublisher).to(EventBridgeProductEventPublisher).inSingletonScope();
  });
