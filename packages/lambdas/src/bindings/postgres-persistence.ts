import { loadConfig } from '../config/env';
import {
  readPostgresApiConfig,
  readPostgresCreateProductConfig,
  readPostgresListProductsConfig,
} from '../config/postgres';
import type { Persistence } from './persistence';
import { postgresClientModule, postgresIdempotencyModule, postgresProductsModule } from './postgres';

/** Products and idempotency records on PostgreSQL (POSTGRES_HOST, POSTGRES_AUTH, ... or POSTGRES_URL). */
export const postgresPersistence: Persistence = {
  products: (env) => {
    const config = loadConfig(readPostgresApiConfig, env);
    return {
      base: config.base,
      modules: [postgresClientModule(config.connection), postgresProductsModule(config.cursorSigningKey)],
    };
  },
  listing: (env) => {
    const config = loadConfig(readPostgresListProductsConfig, env);
    return {
      base: config.base,
      modules: [postgresClientModule(config.connection), postgresProductsModule(config.cursorSigningKey)],
    };
  },
  productsAndIdempotency: (env) => {
    const config = loadConfig(readPostgresCreateProductConfig, env);
    return {
      base: config.base,
      modules: [
        postgresClientModule(config.connection),
        postgresProductsModule(config.cursorSigningKey),
        postgresIdempotencyModule(config.idempotencyTtlSeconds),
      ],
    };
  },
};
