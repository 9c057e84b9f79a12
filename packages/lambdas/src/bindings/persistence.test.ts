import { DynamoDbIdempotencyStore, DynamoDbProductRepository } from '@catalog/adapter-dynamodb';
import { PostgresIdempotencyStore, PostgresProductRepository } from '@catalog/adapter-postgres';
import { IdempotencyStore, ProductRepository } from '@catalog/ports';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/env';
import { dynamoDbPersistence } from './dynamodb-persistence';
import { selectPersistence } from './persistence';
import { postgresPersistence } from './postgres-persistence';
import { createProductPorts, deleteProductPorts, getProductPorts } from './roots';

const quiet = { writeMetrics: () => undefined };
const postgresEnv = {
  PERSISTENCE: 'postgres',
  POSTGRES_HOST: 'catalog.proxy-abc.eu-west-1.rds.amazonaws.com',
  POSTGRES_DATABASE: 'catalog',
  POSTGRES_USER: 'catalog_app',
  AWS_REGION: 'eu-west-1',
  LOG_LEVEL: 'error',
};

describe(selectPersistence, () => {
  it('picks what PERSISTENCE names, DynamoDB by default', () => {
    const both = { dynamodb: dynamoDbPersistence, postgres: postgresPersistence };
    expect(selectPersistence({}, both)).toBe(dynamoDbPersistence);
    expect(selectPersistence({ PERSISTENCE: 'postgres' }, both)).toBe(postgresPersistence);
  });

  it('fails the cold start of a package built for the other persistence, saying which one to deploy', () => {
    const error = (() => {
      try {
        selectPersistence({ PERSISTENCE: 'postgres' }, { dynamodb: dynamoDbPersistence });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(
      'PERSISTENCE is postgres, but this package was built for dynamodb only: deploy the postgres build of the function (build/functions/postgres/<name>.zip)',
    );
    expect(() => selectPersistence({}, { postgres: postgresPersistence })).toThrow(
      /build\/functions\/<name>\.zip/,
    );
  });
});

describe('composition roots with PERSISTENCE=postgres', () => {
  it('bind the PostgreSQL adapters, without touching the network, and read no DynamoDB variable', () => {
    const create = createProductPorts(postgresEnv, quiet);
    expect(create.get(ProductRepository)).toBeInstanceOf(PostgresProductRepository);
    expect(create.get(IdempotencyStore)).toBeInstanceOf(PostgresIdempotencyStore);
    expect(getProductPorts(postgresEnv, quiet).get(ProductRepository)).toBeInstanceOf(
      PostgresProductRepository,
    );
    expect(deleteProductPorts(postgresEnv, quiet).isBound(IdempotencyStore)).toBe(false);
  });

  it('name the missing PostgreSQL variables at init', () => {
    expect(() => getProductPorts({ PERSISTENCE: 'postgres' }, quiet)).toThrow(
      /POSTGRES_HOST is required but not set; POSTGRES_DATABASE is required but not set; POSTGRES_USER is required but not set/,
    );
  });

  it('keep DynamoDB when PERSISTENCE is absent', () => {
    const env = {
      PRODUCTS_TABLE_NAME: 't',
      IDEMPOTENCY_TABLE_NAME: 'i',
      AWS_REGION: 'eu-west-1',
      LOG_LEVEL: 'error',
    };
    expect(createProductPorts(env, quiet).get(ProductRepository)).toBeInstanceOf(DynamoDbProductRepository);
    expect(createProductPorts(env, quiet).get(IdempotencyStore)).toBeInstanceOf(DynamoDbIdempotencyStore);
  });
});
