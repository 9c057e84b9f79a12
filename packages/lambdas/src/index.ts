// HTTP API: one handler builder per route (on top of a container binding the ports), the composition
// roots the Lambda entry points use, and the binding modules they are made of.
export {
  buildCreateProductHandler,
  buildPutProductHandler,
  buildGetProductHandler,
  buildListProductsHandler,
  buildDeleteProductHandler,
  createProductRouteModule,
  putProductRouteModule,
  getProductRouteModule,
  listProductsRouteModule,
  deleteProductRouteModule,
} from './bindings/api-routes';
export {
  createProductPorts,
  putProductPorts,
  getProductPorts,
  listProductsPorts,
  deleteProductPorts,
} from './bindings/roots';
export { dynamoDbClientModule, dynamoDbProductsModule, dynamoDbIdempotencyModule } from './bindings/dynamodb';
export { observabilityModule, type ObservabilityOptions } from './bindings/observability';
export {
  clockModule,
  idGeneratorModule,
  systemModule,
  SystemClock,
  RandomIdGenerator,
} from './bindings/system';
export { HttpEdge, type ApiHandler, type InvocationContext } from './http/edge';
export {
  readApiConfig,
  readCreateProductConfig,
  readDynamoDbConfig,
  readListProductsConfig,
  type ApiConfig,
  type CreateProductConfig,
  type ListProductsConfig,
  type DynamoDbConfig,
  type IdempotencyConfig,
  type ProductsTableConfig,
} from './config/api';
export {
  ConfigError,
  EnvReader,
  loadConfig,
  readBaseConfig,
  type BaseConfig,
  type LogLevel,
} from './config/env';
export { createLogger, errorDetails, Logger } from './observability/logger';
export { Metrics, type MetricName } from './observability/metrics';
export {
  NoTracer,
  Tracer,
  currentTraceHeader,
  traceIdOf,
  type TraceSpan,
  type SubsegmentOptions,
} from './observability/tracing';
export { XRayTracer } from './observability/xray-tracer';
export type { XRaySubsegment } from './observability/xray-segments';
export { tracerFor } from './bindings/observability';
export { readTracingConfig, type TracingConfig } from './config/tracing';

// Stream processor: the publish-product-events handler on top of a container binding the ports
// (ProductEventPublisher, Logger, Metrics), its composition root and the EventBridge binding module.
export {
  createPublishProductEventsHandler,
  productStreamModule,
  publishProductEventsPorts,
  readPublishProductEventsConfig,
  type PublishProductEventsConfig,
} from './stream/publish-product-events-root';
export { ProductStreamHandler, type DynamoDbStreamHandler } from './stream/product-stream-handler';
export { StreamRecordParser, toChangeRecord } from './stream/stream-records';
export {
  DEFAULT_EVENT_SOURCE,
  eventBridgeModule,
  readEventBridgeConfig,
  type EventBridgeConfig,
  type EventBridgeModuleOptions,
} from './bindings/eventbridge';

// Outbox relay (PostgreSQL persistence): the relay-product-outbox handler on top of a container binding
// PostgreSQL, ProductEventPublisher and observability, its composition root and the PostgreSQL bindings.
export {
  createOutboxRelay,
  outboxRelayModule,
  readRelayProductOutboxConfig,
  relayProductOutboxPorts,
  type RelayProductOutboxConfig,
  type RelayProductOutboxOptions,
} from './relay/relay-product-outbox-root';
export { OutboxRelay, RelayLimits, type RelayPassResult } from './relay/outbox-relay';
export {
  OutboxRelayHandler,
  RelaySchedule,
  type RelayHandler,
  type RelayInvocationResult,
} from './relay/relay-handler';
export { outboxSourceId, toOutboxChangeRecord } from './relay/outbox-records';
export { postgresClientModule, postgresIdempotencyModule, postgresProductsModule } from './bindings/postgres';
export { selectPersistence, type Persistence, type PersistencePorts } from './bindings/persistence';
export {
  PERSISTENCE_KINDS,
  readPersistence,
  readPostgresApiConfig,
  readPostgresConnection,
  readPostgresCreateProductConfig,
  type PersistenceKind,
  type PostgresApiConfig,
  type PostgresCreateProductConfig,
} from './config/postgres';
