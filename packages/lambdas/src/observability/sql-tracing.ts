import type { PostgresConnectionSettings, StatementWrapper } from '@catalog/adapter-postgres';
import type { Tracer } from './tracing';

/**
 * A subsegment per SQL statement (each attempt of a retried read) or transaction, nested in the subsegment
 * active when it was sent, named as X-Ray names database calls (`database@host`), in the `remote`
 * namespace, with the statement as sent (placeholders only, never the values) and the operation. A failed
 * statement marks its subsegment as a fault.
 */
export const sqlStatementTracing =
  (tracer: Pick<Tracer, 'trace'>, connection: PostgresConnectionSettings): StatementWrapper =>
  (statement, run) =>
    tracer.trace(`${connection.database}@${connection.host}`, () => run(), {
      namespace: 'remote',
      metadata: {
        sql: {
          database_type: 'PostgreSQL',
          url: `${connection.host}:${connection.port}/${connection.database}`,
          user: connection.user,
          operation: statement.operation,
          ...(statement.sql === undefined ? {} : { sanitized_query: statement.sql.trim() }),
        },
      },
    });
