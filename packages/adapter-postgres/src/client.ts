import pg from 'pg';
import { iamAuthToken } from './iam-auth';
import { isConnectionLoss, translateStoreError } from './store-errors';

/** How to reach PostgreSQL; the composition root reads it from the environment. */
export interface PostgresConnectionSettings {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  /** `iam`: a fresh RDS IAM token per new connection (RDS Proxy, Aurora); `password`: local use. */
  readonly auth:
    | { readonly kind: 'iam'; readonly region: string }
    | { readonly kind: 'password'; readonly password: string };
  /** `verify-full`: TLS with the server's certificate checked; `require`: TLS unchecked; `disable`: none. */
  readonly ssl: 'verify-full' | 'require' | 'disable';
}

export interface PostgresClientOptions {
  /** Connections at most; 1 in Lambda (one request at a time per environment). */
  readonly maxConnections?: number;
  readonly connectTimeoutMs?: number;
  /** Server side: a statement running longer is cancelled (SQLSTATE 57014). */
  readonly statementTimeoutMs?: number;
  /** Server side: waiting longer for a row lock fails (SQLSTATE 55P03). */
  readonly lockTimeoutMs?: number;
  /** Server side: a transaction left idle this long is ended (a frozen relay, a crashed runner). */
  readonly idleInTransactionTimeoutMs?: number;
  /** A write on a connection idle this long is preceded by a ping (a Lambda freeze may have killed it). */
  readonly validateAfterIdleMs?: number;
  /** Runs around every statement (each attempt of a read) and transaction: tracing, counting. */
  readonly aroundStatement?: StatementWrapper;
}

/** One statement or transaction as the client is about to run it. */
export interface StatementInfo {
  /** What it does, in words ("get product"). */
  readonly operation: string;
  /** Its SQL text, with parameters as $n placeholders (never the values); a transaction has none. */
  readonly sql?: string;
}

/** Wraps the work of one statement (or transaction); must return (or throw) what `run` does. */
export type StatementWrapper = <T>(statement: StatementInfo, run: () => Promise<T>) => Promise<T>;

const unwrapped: StatementWrapper = (_statement, run) => run();

// Chosen for API functions behind API Gateway (29 s) and statements that take single-digit milliseconds:
// a dead endpoint fails in 3 s instead of the OS's minutes; a statement or lock wait that overruns is cut
// off well before the function's timeout; a ping after 10 s idle costs one round trip after a pause only.
export const POSTGRES_CONNECT_TIMEOUT_MS = 3_000;
export const POSTGRES_STATEMENT_TIMEOUT_MS = 5_000;
export const POSTGRES_LOCK_TIMEOUT_MS = 2_000;
export const POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;
export const POSTGRES_VALIDATE_AFTER_IDLE_MS = 10_000;

/** A statement runner: a pooled connection, or a transaction's. */
export interface Sql {
  query<R extends pg.QueryResultRow>(text: string, values?: readonly unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * The environment's PostgreSQL connections. Statements are sent with the unnamed prepared statement of
 * the extended protocol (never a named one) and no session state is ever set, so a connection behind RDS
 * Proxy is not pinned between transactions. A connection that broke (a Lambda freeze, an idle drop, a
 * failover) is replaced transparently: reads are retried once on a fresh connection, and a write on a
 * connection idle long enough to be suspect is preceded by a ping.
 */
export class PostgresClient {
  private readonly pool: pg.Pool;
  private readonly lastUsed = new WeakMap<pg.PoolClient, number>();
  private readonly listening = new WeakSet<pg.PoolClient>();
  private readonly validateAfterIdleMs: number;
  private readonly around: StatementWrapper;

  constructor(poolOrSettings: pg.Pool | PostgresConnectionSettings, options: PostgresClientOptions = {}) {
    this.pool =
      poolOrSettings instanceof pg.Pool ? poolOrSettings : new pg.Pool(poolConfig(poolOrSettings, options));
    this.validateAfterIdleMs = options.validateAfterIdleMs ?? POSTGRES_VALIDATE_AFTER_IDLE_MS;
    this.around = options.aroundStatement ?? unwrapped;
    // An idle connection that breaks emits here; the pool drops it and the next call opens another.
    this.pool.on('error', () => undefined);
  }

  /** One statement that may run twice without harm (a read): retried once after a lost connection. */
  async read<R extends pg.QueryResultRow>(
    operation: string,
    text: string,
    values: readonly unknown[] = [],
  ): Promise<R[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.around({ operation, sql: text }, () =>
          this.withConnection(false, async (client) => (await client.query<R>(text, [...values])).rows),
        );
      } catch (error) {
        if (attempt < 2 && isConnectionLoss(error)) continue;
        throw translateStoreError(error, operation);
      }
    }
  }

  /** One statement, its own transaction (a write): never repeated, as it may have committed. */
  async write<R extends pg.QueryResultRow>(
    operation: string,
    text: string,
    values: readonly unknown[] = [],
    onUniqueViolation?: (cause: unknown) => Error,
  ): Promise<R[]> {
    try {
      return await this.around({ operation, sql: text }, () =>
        this.withConnection(true, async (client) => (await client.query<R>(text, [...values])).rows),
      );
    } catch (error) {
      throw translateStoreError(error, operation, onUniqueViolation);
    }
  }

  /** Runs `work` in one transaction: COMMIT when it resolves, ROLLBACK (or the lost connection) otherwise. */
  async transaction<T>(operation: string, work: (sql: Sql) => Promise<T>): Promise<T> {
    try {
      return await this.around({ operation }, () =>
        this.withConnection(true, async (client) => {
          await client.query('BEGIN');
          try {
            const result = await work(client);
            await client.query('COMMIT');
            return result;
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
          }
        }),
      );
    } catch (error) {
      throw error instanceof Error && error.name === 'StoreUnavailableError'
        ? error
        : translateStoreError(error, operation);
    }
  }

  /** Closes every connection (tests, scripts; a Lambda environment keeps its connection until it ends). */
  async close(): Promise<void> {
    await this.pool.end();
  }

  private async checkOut(): Promise<pg.PoolClient> {
    const client = await this.pool.connect();
    // A connection that breaks while checked out (killed, a failover) emits 'error' besides failing its
    // query; unheard, that event would end the process. The failed query is what the caller sees.
    if (!this.listening.has(client)) {
      client.on('error', () => undefined);
      this.listening.add(client);
    }
    return client;
  }

  private async withConnection<T>(validate: boolean, use: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client = await this.checkOut();
    if (validate && Date.now() - (this.lastUsed.get(client) ?? Date.now()) >= this.validateAfterIdleMs) {
      try {
        await client.query('SELECT 1');
      } catch {
        client.release(true);
        client = await this.checkOut();
      }
    }
    let broken: unknown;
    try {
      return await use(client);
    } catch (error) {
      if (isConnectionLoss(error)) broken = error;
      throw error;
    } finally {
      this.lastUsed.set(client, Date.now());
      client.release(broken === undefined ? undefined : true);
    }
  }
}

const sslOf = (settings: PostgresConnectionSettings): pg.PoolConfig['ssl'] => {
  switch (settings.ssl) {
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-full':
      // RDS Proxy presents an ACM certificate, which Node's bundled CAs verify.
      return { rejectUnauthorized: true, servername: settings.host };
  }
};

export const poolConfig = (
  settings: PostgresConnectionSettings,
  options: PostgresClientOptions,
): pg.PoolConfig => ({
  host: settings.host,
  port: settings.port,
  database: settings.database,
  user: settings.user,
  // Called for every new connection: an IAM token is valid for 15 minutes, a connection lives longer.
  password:
    settings.auth.kind === 'iam'
      ? iamAuthToken({
          hostname: settings.host,
          port: settings.port,
          username: settings.user,
          region: settings.auth.region,
        })
      : settings.auth.password,
  ssl: sslOf(settings),
  max: options.maxConnections ?? 1,
  // Keep the connection across invocations; the server or the proxy ends it when idle too long.
  idleTimeoutMillis: 0,
  connectionTimeoutMillis: options.connectTimeoutMs ?? POSTGRES_CONNECT_TIMEOUT_MS,
  // Startup parameters, part of the connection request rather than a SET: nothing for a proxy to pin on.
  statement_timeout: options.statementTimeoutMs ?? POSTGRES_STATEMENT_TIMEOUT_MS,
  lock_timeout: options.lockTimeoutMs ?? POSTGRES_LOCK_TIMEOUT_MS,
  idle_in_transaction_session_timeout:
    options.idleInTransactionTimeoutMs ?? POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  // The client gives up a little after the server would have cancelled the statement (0: neither does).
  ...(options.statementTimeoutMs === 0
    ? {}
    : { query_timeout: (options.statementTimeoutMs ?? POSTGRES_STATEMENT_TIMEOUT_MS) + 1_000 }),
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
  application_name: 'catalog',
});
