import { parseProductStreamRecord } from '@catalog/adapter-dynamodb';
import { PublishProductChanges } from '@catalog/application';
import { Container, ContainerModule } from 'inversify';
import {
  eventBridgeModule,
  readEventBridgeConfig,
  type EventBridgeConfig,
  type EventBridgeModuleOptions,
} from '../bindings/eventbridge';
import { observabilityModule, type ObservabilityOptions } from '../bindings/observability';
import { loadConfig, readBaseConfig, type BaseConfig, type EnvReader } from '../config/env';
import { ProductStreamHandler, type DynamoDbStreamHandler } from './product-stream-handler';
import { StreamRecordParser } from './stream-records';

type Environment = Readonly<Record<string, string | undefined>>;

export interface PublishProductEventsConfig {
  readonly base: BaseConfig;
  readonly eventBridge: EventBridgeConfig;
}

export const readPublishProductEventsConfig = (env: EnvReader): PublishProductEventsConfig => ({
  base: readBaseConfig(env),
  eventBridge: readEventBridgeConfig(env),
});

/**
 * The composition root of publish-product-events: its configuration, read and validated once, and the
 * ports its use case needs (ProductEventPublisher on EventBridge, Logger, Metrics, Tracer).
 */
export const publishProductEventsPorts = (
  env: Environment,
  options: ObservabilityOptions & { readonly eventBridge?: EventBridgeModuleOptions } = {},
): Container => {
  const config = loadConfig(readPublishProductEventsConfig, env);
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(
    observabilityModule(config.base, options),
    eventBridgeModule(config.eventBridge, options.eventBridge),
  );
  return container;
};

/** The stream handler, its use case and the products-table stream parser. The ports come from elsewhere. */
export const productStreamModule = new ContainerModule(({ bind }) => {
  bind(PublishProductChanges).toSelf().inSingletonScope();
  bind(StreamRecordParser).toConstantValue(parseProductStreamRecord);
  bind(ProductStreamHandler).toSelf().inSingletonScope();
});

/**
 * Builds the stream handler on top of `ports`, a container binding ProductEventPublisher, Logger and
 * Metrics (the local stack passes its own). Resolving here, once, makes a missing binding fail at init.
 */
export const createPublishProductEventsHandler = (ports: Container): DynamoDbStreamHandler => {
  const container = new Container({ parent: ports, defaultScope: 'Singleton' });
  container.load(productStreamModule);
  return container.get(ProductStreamHandler).handle;
};
