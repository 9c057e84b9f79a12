import {
  PostgresClient,
  PostgresClientToken,
  PostgresIdempotencyRetention,
  PostgresIdempotencyStore,
  PostgresProductRepository,
  type PostgresClientOptions,
  type PostgresConnectionSettings,
} from '@catalog/adapter-postgres';
import { IdempotencyStore, ListCursors, ProductRepository } from '@catalog/ports';
import { ContainerModule } from 'inversify';
import { sqlStatementTracing } from '../observability/sql-tracing';
import { Tracer } from '../observability/tracing';
import { HmacListCursors, type CursorSigningKey } from './hmac-list-cursors';

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

// The HMAC context of the PostgreSQL repository's cursors since they were first issued (another than
// DynamoDB's, as its positions mean another thing): changing it would invalidate every cursor clients hold.
const LIST_CURSOR_CONTEXT = 'catalog.products.list-cursor.postgres';

/** ProductRepository on PostgreSQL, its cursors signed with this key (needs the client module). */
export const postgresProductsModule = (cursorSigningKey: CursorSigningKey): ContainerModule =>
  new ContainerModule(({ bind }) => {
    bind(ListCursors)
      .toResolvedValue(() => new HmacListCursors(cursorSigningKey, LIST_CURSOR_CONTEXT))
      .inSingletonScope();
    bind(ProductRepository).to(PostgresProductRepository).inSingletonScope();
  });

/** IdempotencyStore on PostgreSQL (needs the client module and a Clock). */
export const postgresIdempotencyModule = (ttlSeconds: number): ContainerModule =>
  new ContainerModule(({ bind }) => {
    bind(PostgresIdempotencyRetention).toConstantValue({ ttlSeconds });
    bind(IdempotencyStore).to(PostgresIdempotencyStore).inSingletonScope();
  });
