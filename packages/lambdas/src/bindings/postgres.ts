import {
  PostgresClient,
  PostgresClientToken,
  PostgresCursorKey,
  PostgresIdempotencyRetention,
  PostgresIdempotencyStore,
  PostgresProductRepository,
  type PostgresClientOptions,
  type PostgresConnectionSettings,
} from '@catalog/adapter-postgres';
import { IdempotencyStore, ProductRepository } from '@catalog/ports';
import { ContainerModule } from 'inversify';
import { sqlStatementTracing } from '../observability/sql-tracing';
import { Tracer } from '../observability/tracing';

/**
 * The environment's PostgreSQL client: one connection (Lambda runs one request at a time per environment),
 * opened on first use, so creating it touches no network; a trace subsegment per statement (needs the
 * Tracer).
 */
export const postgresClientModule = (
  connection: PostgresConnectionSettings,
  options: PostgresClientOptions = {},
): ContainerModule =>
  new ContainerModule(({ bind }) => {
    bind(PostgresClientToken)
      .toResolvedValue(
        (tracer: Tracer) =>
          new PostgresClient(connection, {
            aroundStatement: sqlStatementTracing(tracer, connection),
            ...options,
          }),
        [Tracer],
      )
      .inSingletonScope();
  });

/** ProductRepository on PostgreSQL (needs the client module). */
export const postgresProductsModule = (cursorSigningKey: string | Uint8Array): ContainerModule =>
  new ContainerModule(({ bind }) => {
    bind(PostgresCursorKey).toConstantValue(cursorSigningKey);
    bind(ProductRepository).to(PostgresProductRepository).inSingletonScope();
  });

/** IdempotencyStore on PostgreSQL (needs the client module and a Clock). */
export const postgresIdempotencyModule = (ttlSeconds: number): ContainerModule =>
  new ContainerModule(({ bind }) => {
    bind(PostgresIdempotencyRetention).toConstantValue({ ttlSeconds });
    bind(IdempotencyStore).to(PostgresIdempotencyStore).inSingletonScope();
  });
