import { randomBytes } from 'node:crypto';
import { readBaseConfig, type BaseConfig, type EnvReader } from './env';

/** How to reach DynamoDB: the SDK's defaults in Lambda, an endpoint override for DynamoDB Local. */
export interface DynamoDbConfig {
  readonly region?: string;
  readonly endpoint?: string;
  /** Placeholders for DynamoDB Local (which accepts any) when the environment holds no credentials. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export interface ProductsTableConfig {
  readonly tableName: string;
  /**
   * Signs list cursors. list-products gets the environment's secret (CURSOR_SIGNING_KEY, which its entry
   * point reads from CURSOR_SIGNING_KEY_PARAMETER); the other functions never issue or read a cursor and get
   * a random key of their own, so they need no access to the secret.
   */
  readonly cursorSigningKey: string | Uint8Array;
}

export interface IdempotencyConfig {
  readonly tableName: string;
  readonly ttlSeconds: number;
}

/** What every API function reads. */
export interface ApiConfig {
  readonly base: BaseConfig;
  readonly dynamoDb: DynamoDbConfig;
  readonly products: ProductsTableConfig;
}

/** What list-products reads on top: the cursor signing secret (checked, never derived). */
export type ListProductsConfig = ApiConfig;

/** What create-product reads on top. */
export interface CreateProductConfig extends ApiConfig {
  readonly idempotency: IdempotencyConfig;
}

export const CURSOR_KEY_MIN_BYTES = 16;
const ONE_WEEK_SECONDS = 7 * 24 * 3600;

export const readDynamoDbConfig = (env: EnvReader): DynamoDbConfig => {
  const region = env.optionalString('AWS_REGION');
  const endpoint = env.optionalUrl('DYNAMODB_ENDPOINT');
  if (endpoint === undefined) return region === undefined ? {} : { region };
  // Only local development sets an endpoint; there the SDK needs a region and some credentials to sign.
  const credentials =
    env.optionalString('AWS_ACCESS_KEY_ID') === undefined
      ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {};
  return { region: region ?? 'local', endpoint, ...credentials };
};

/** What the API functions that never list read: a cursor key of their own, known to nobody. */
export const readApiConfig = (env: EnvReader): ApiConfig => ({
  base: readBaseConfig(env),
  dynamoDb: readDynamoDbConfig(env),
  products: { tableName: env.string('PRODUCTS_TABLE_NAME'), cursorSigningKey: randomBytes(32) },
});

/**
 * list-products: cursors are signed with the environment's secret, so a client cannot forge or edit one.
 * There is no fallback: without the secret the function fails at init.
 */
export const readListProductsConfig = (env: EnvReader): ListProductsConfig => {
  const config = readApiConfig(env);
  const secret = env.secret(
    'CURSOR_SIGNING_KEY',
    CURSOR_KEY_MIN_BYTES,
    'set CURSOR_SIGNING_KEY_PARAMETER to the SSM parameter holding the cursor signing key (Terraform does), or CURSOR_SIGNING_KEY itself for local use',
  );
  return { ...config, products: { ...config.products, cursorSigningKey: secret } };
};

export const readCreateProductConfig = (env: EnvReader): CreateProductConfig => ({
  ...readApiConfig(env),
  idempotency: {
    tableName: env.string('IDEMPOTENCY_TABLE_NAME'),
    ttlSeconds: env.integer('IDEMPOTENCY_TTL_SECONDS', 86_400, { min: 60, max: ONE_WEEK_SECONDS }),
  },
});
