import { createHash } from 'node:crypto';
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
  /** Signs list cursors: CURSOR_SIGNING_KEY, else derived from the table name. */
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

/** What create-product reads on top. */
export interface CreateProductConfig extends ApiConfig {
  readonly idempotency: IdempotencyConfig;
}

const CURSOR_KEY_MIN_BYTES = 16;
const ONE_WEEK_SECONDS = 7 * 24 * 3600;

// Without a configured secret the key is derived from the table name: cursors then only resist accidental
// edits, not forgery, which is acceptable for an opaque scan position on an authorised API.
const derivedCursorKey = (tableName: string): Uint8Array =>
  createHash('sha256').update(`catalog.products.cursor:${tableName}`).digest();

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

export const readApiConfig = (env: EnvReader): ApiConfig => {
  const tableName = env.string('PRODUCTS_TABLE_NAME');
  const secret = env.optionalSecret('CURSOR_SIGNING_KEY', CURSOR_KEY_MIN_BYTES);
  return {
    base: readBaseConfig(env),
    dynamoDb: readDynamoDbConfig(env),
    products: { tableName, cursorSigningKey: secret ?? derivedCursorKey(tableName) },
  };
};

export const readCreateProductConfig = (env: EnvReader): CreateProductConfig => ({
  ...readApiConfig(env),
  idempotency: {
    tableName: env.string('IDEMPOTENCY_TABLE_NAME'),
    ttlSeconds: env.integer('IDEMPOTENCY_TTL_SECONDS', 86_400, { min: 60, max: ONE_WEEK_SECONDS }),
  },
});
