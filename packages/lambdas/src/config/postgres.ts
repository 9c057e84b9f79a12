import { randomBytes } from 'node:crypto';
import type { PostgresConnectionSettings } from '@catalog/adapter-postgres';
import { CURSOR_KEY_MIN_BYTES } from './api';
import { readBaseConfig, type BaseConfig, type EnvReader } from './env';

export const PERSISTENCE_KINDS = ['dynamodb', 'postgres'] as const;
export type PersistenceKind = (typeof PERSISTENCE_KINDS)[number];

/** PERSISTENCE: which store the function's ports are bound to (default dynamodb). */
export const readPersistence = (env: EnvReader): PersistenceKind =>
  env.oneOf('PERSISTENCE', PERSISTENCE_KINDS, 'dynamodb');

const SSL_MODES = ['require', 'verify-full', 'disable'] as const;
const AUTH_KINDS = ['iam', 'password'] as const;
const ONE_WEEK_SECONDS = 7 * 24 * 3600;

/**
 * How to reach PostgreSQL. Deployed: POSTGRES_HOST (the RDS Proxy endpoint), POSTGRES_PORT (5432),
 * POSTGRES_DATABASE, POSTGRES_USER, POSTGRES_AUTH=iam (a token from the function's role; AWS_REGION) and
 * POSTGRES_SSL (require by default with iam). Local: POSTGRES_AUTH=password with POSTGRES_PASSWORD, or
 * POSTGRES_URL (postgres://user:password@host:port/database) as a shorthand for all of them.
 */
export const readPostgresConnection = (env: EnvReader): PostgresConnectionSettings => {
  const url = env.optionalString('POSTGRES_URL');
  if (url !== undefined) return connectionFromUrl(env, url);
  const auth = env.oneOf('POSTGRES_AUTH', AUTH_KINDS, 'iam');
  const common = {
    host: env.string('POSTGRES_HOST'),
    port: env.integer('POSTGRES_PORT', 5432, { min: 1, max: 65_535 }),
    database: env.string('POSTGRES_DATABASE'),
    user: env.string('POSTGRES_USER'),
  };
  if (auth === 'iam') {
    return {
      ...common,
      auth: { kind: 'iam', region: env.string('AWS_REGION') },
      ssl: env.oneOf('POSTGRES_SSL', SSL_MODES, 'require'),
    };
  }
  return {
    ...common,
    auth: { kind: 'password', password: env.string('POSTGRES_PASSWORD') },
    ssl: env.oneOf('POSTGRES_SSL', SSL_MODES, 'disable'),
  };
};

const connectionFromUrl = (env: EnvReader, raw: string): PostgresConnectionSettings => {
  const parsed = URL.canParse(raw) ? new URL(raw) : undefined;
  if (parsed === undefined || !/^postgres(ql)?:$/.test(parsed.protocol) || parsed.hostname === '') {
    env.problem('POSTGRES_URL must be a postgres://user:password@host:port/database URL');
    return {
      host: '',
      port: 5432,
      database: '',
      user: '',
      auth: { kind: 'password', password: '' },
      ssl: 'disable',
    };
  }
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    database: decodeURIComponent(parsed.pathname.slice(1)) || 'postgres',
    user: decodeURIComponent(parsed.username) || 'postgres',
    auth: { kind: 'password', password: decodeURIComponent(parsed.password) },
    ssl: env.oneOf('POSTGRES_SSL', SSL_MODES, 'disable'),
  };
};

/** What every API function on PostgreSQL reads. */
export interface PostgresApiConfig {
  readonly base: BaseConfig;
  readonly connection: PostgresConnectionSettings;
  /**
   * Signs list cursors: list-products gets the environment's secret (CURSOR_SIGNING_KEY, which its entry
   * point reads from CURSOR_SIGNING_KEY_PARAMETER); the other functions never issue or read a cursor and get
   * a random key of their own, as on DynamoDB.
   */
  readonly cursorSigningKey: string | Uint8Array;
}

/** What create-product on PostgreSQL reads on top. */
export interface PostgresCreateProductConfig extends PostgresApiConfig {
  readonly idempotencyTtlSeconds: number;
}

/** What the API functions that never list read: a cursor key of their own, known to nobody. */
export const readPostgresApiConfig = (env: EnvReader): PostgresApiConfig => ({
  base: readBaseConfig(env),
  connection: readPostgresConnection(env),
  cursorSigningKey: randomBytes(32),
});

/** list-products: cursors signed with the environment's secret; without it the function fails at init. */
export const readPostgresListProductsConfig = (env: EnvReader): PostgresApiConfig => ({
  ...readPostgresApiConfig(env),
  cursorSigningKey: env.secret(
    'CURSOR_SIGNING_KEY',
    CURSOR_KEY_MIN_BYTES,
    'set CURSOR_SIGNING_KEY_PARAMETER to the SSM parameter holding the cursor signing key (Terraform does), or CURSOR_SIGNING_KEY itself for local use',
  ),
});

export const readPostgresCreateProductConfig = (env: EnvReader): PostgresCreateProductConfig => ({
  ...readPostgresApiConfig(env),
  idempotencyTtlSeconds: env.integer('IDEMPOTENCY_TTL_SECONDS', 86_400, { min: 60, max: ONE_WEEK_SECONDS }),
});
