import type { PostgresConnectionSettings } from '@catalog/adapter-postgres';
import { migrateDatabase } from '@catalog/adapter-postgres/migrations';
import { Container, ContainerModule } from 'inversify';
import { observabilityModule, type ObservabilityOptions } from '../bindings/observability';
import { loadConfig, readBaseConfig, type BaseConfig, type EnvReader } from '../config/env';
import { readPersistence, readPostgresConnection } from '../config/postgres';
import {
  DatabaseMigration,
  MigrationRunner,
  MigrationTarget,
  type MigrateDatabaseHandler,
} from './migrate-database-handler';

type Environment = Readonly<Record<string, string | undefined>>;

export interface MigrateDatabaseConfig {
  readonly base: BaseConfig;
  readonly connection: PostgresConnectionSettings;
}

/** The PostgreSQL functions' own settings (POSTGRES_*, AWS_REGION); PERSISTENCE, when set, must be postgres. */
export const readMigrateDatabaseConfig = (env: EnvReader): MigrateDatabaseConfig => {
  if (readPersistence(env) !== 'postgres' && env.optionalString('PERSISTENCE') !== undefined) {
    env.problem('PERSISTENCE must be postgres for migrate-database (the schema lives in PostgreSQL)');
  }
  return { base: readBaseConfig(env), connection: readPostgresConnection(env) };
};

export interface MigrateDatabaseOptions extends ObservabilityOptions {
  /** The runner to use instead of the adapter's (tests of the handler's failure path). */
  readonly runner?: MigrationRunner;
}

/** The composition root of migrate-database: the connection settings, the adapter's runner, logging. */
export const migrateDatabasePorts = (env: Environment, options: MigrateDatabaseOptions = {}): Container => {
  const config = loadConfig(readMigrateDatabaseConfig, env);
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(
    observabilityModule(config.base, options),
    new ContainerModule(({ bind }) => {
      bind(MigrationTarget).toConstantValue(config.connection);
      bind(MigrationRunner).toConstantValue(options.runner ?? migrateDatabase);
      bind(DatabaseMigration).toSelf();
    }),
  );
  return container;
};

/** The handler; resolving here, once, makes a missing binding fail at init. */
export const createMigrateDatabaseHandler = (ports: Container): MigrateDatabaseHandler =>
  ports.get(DatabaseMigration).handle;
