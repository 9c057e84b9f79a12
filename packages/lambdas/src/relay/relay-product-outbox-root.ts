import { PostgresProductOutbox, type PostgresConnectionSettings } from '@catalog/adapter-postgres';
import { PublishProductChanges } from '@catalog/application';
import { Container, ContainerModule } from 'inversify';
import {
  eventBridgeModule,
  readEventBridgeConfig,
  type EventBridgeConfig,
  type EventBridgeModuleOptions,
} from '../bindings/eventbridge';
import { observabilityModule, type ObservabilityOptions } from '../bindings/observability';
import { postgresClientModule } from '../bindings/postgres';
import { loadConfig, readBaseConfig, type BaseConfig, type EnvReader } from '../config/env';
import { readPersistence, readPostgresConnection } from '../config/postgres';
import { OutboxRelay, RelayLimits } from './outbox-relay';
import { OutboxRelayHandler, RelaySchedule, type RelayHandler } from './relay-handler';

type Environment = Readonly<Record<string, string | undefined>>;

export interface RelayProductOutboxConfig {
  readonly base: BaseConfig;
  readonly eventBridge: EventBridgeConfig;
  readonly connection: PostgresConnectionSettings;
  readonly limits: RelayLimits;
  readonly schedule: RelaySchedule;
}

/**
 * RELAY_BATCH_SIZE (rows per pass, 500) and RELAY_POLL_INTERVAL_MS (100) on top of the EventBridge and
 * PostgreSQL settings; PERSISTENCE, when set, must be postgres.
 */
export const readRelayProductOutboxConfig = (env: EnvReader): RelayProductOutboxConfig => {
  if (readPersistence(env) !== 'postgres' && env.optionalString('PERSISTENCE') !== undefined) {
    env.problem('PERSISTENCE must be postgres for relay-product-outbox (the outbox lives in PostgreSQL)');
  }
  const entries = env.integer('RELAY_BATCH_SIZE', 500, { min: 10, max: 5_000 });
  return {
    base: readBaseConfig(env),
    eventBridge: readEventBridgeConfig(env),
    connection: readPostgresConnection(env),
    limits: { products: entries, entries },
    schedule: {
      pollIntervalMs: env.integer('RELAY_POLL_INTERVAL_MS', 100, { min: 10, max: 60_000 }),
      stopBeforeEndMs: 5_000,
    },
  };
};

export interface RelayProductOutboxOptions extends ObservabilityOptions {
  readonly eventBridge?: EventBridgeModuleOptions;
}

/**
 * The composition root of relay-product-outbox: PostgreSQL (the outbox; a relay holds one connection, with
 * room for a transaction that spans a PutEvents call), the EventBridge publisher and observability.
 */
export const relayProductOutboxPorts = (
  env: Environment,
  options: RelayProductOutboxOptions = {},
): Container => {
  const config = loadConfig(readRelayProductOutboxConfig, env);
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(
    observabilityModule(config.base, options),
    eventBridgeModule(config.eventBridge, options.eventBridge),
    postgresClientModule(config.connection, { statementTimeoutMs: 10_000 }),
    new ContainerModule(({ bind }) => {
      bind(RelayLimits).toConstantValue(config.limits);
      bind(RelaySchedule).toConstantValue(config.schedule);
    }),
  );
  return container;
};

/** The relay, its use case and the outbox. The ports come from elsewhere (the local stack passes its own). */
export const outboxRelayModule = new ContainerModule(({ bind }) => {
  bind(PublishProductChanges).toSelf().inSingletonScope();
  bind(PostgresProductOutbox).toSelf().inSingletonScope();
  bind(OutboxRelay).toSelf().inSingletonScope();
  bind(OutboxRelayHandler).toSelf().inSingletonScope();
});

/** The relay on top of `ports`; resolving here, once, makes a missing binding fail at init. */
export const createOutboxRelay = (ports: Container): { relay: OutboxRelay; handler: RelayHandler } => {
  const container = new Container({ parent: ports, defaultScope: 'Singleton' });
  container.load(outboxRelayModule);
  return { relay: container.get(OutboxRelay), handler: container.get(OutboxRelayHandler).handle };
};
