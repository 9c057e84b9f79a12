import { readFileSync } from 'node:fs';
import type { CreateTableCommandInput, UpdateTimeToLiveCommandInput } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDynamoDbDocumentClient, DYNAMODB_MAX_ATTEMPTS } from './client';
import {
  idempotencyTableDefinition,
  idempotencyTimeToLive,
  productsTableDefinition,
} from './table-definitions';

/** What Terraform must create too: table-shapes.json, which tests/table_shapes.tftest.hcl checks there. */
const terraformShapes = JSON.parse(
  readFileSync(new URL('./table-shapes.json', import.meta.url), 'utf8'),
) as Record<'products' | 'idempotency', Record<string, string | null>>;

const shapeOf = (table: CreateTableCommandInput, ttl?: UpdateTimeToLiveCommandInput) => {
  const [hash, ...others] = table.KeySchema ?? [];
  expect(others, 'no sort key').toEqual([]);
  const hashKey = hash?.KeyType === 'HASH' ? hash.AttributeName : undefined;
  const attribute = table.AttributeDefinitions?.find((definition) => definition.AttributeName === hashKey);
  return {
    hash_key: hashKey ?? null,
    hash_key_type: attribute?.AttributeType ?? null,
    billing_mode: table.BillingMode ?? null,
    stream_view_type: table.StreamSpecification?.StreamEnabled
      ? (table.StreamSpecification.StreamViewType ?? null)
      : null,
    ttl_attribute_name: ttl?.TimeToLiveSpecification?.Enabled
      ? (ttl.TimeToLiveSpecification.AttributeName ?? null)
      : null,
  };
};

describe('the table definitions and Terraform', () => {
  it('describe the products table as Terraform creates it', () => {
    expect(shapeOf(productsTableDefinition('products'))).toEqual(terraformShapes.products);
  });

  it('describe the idempotency table as Terraform creates it', () => {
    expect(shapeOf(idempotencyTableDefinition('idempotency'), idempotencyTimeToLive('idempotency'))).toEqual(
      terraformShapes.idempotency,
    );
  });
});

describe(productsTableDefinition, () => {
  it('keys products by id alone, on demand, streaming old and new images', () => {
    expect(productsTableDefinition('products')).toEqual({
      TableName: 'products',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });
});

describe(idempotencyTableDefinition, () => {
  it('keys records by id alone, with a TTL on expiresAt', () => {
    expect(idempotencyTableDefinition('idempotency')).toMatchObject({
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    expect(idempotencyTimeToLive('idempotency')).toEqual({
      TableName: 'idempotency',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });
});

describe(createDynamoDbDocumentClient, () => {
  it('retries in standard mode a deliberate number of times', async () => {
    const client = createDynamoDbDocumentClient({ region: 'eu-west-1' });
    expect(await client.config.maxAttempts()).toBe(DYNAMODB_MAX_ATTEMPTS);
    const { retryMode } = client.config;
    expect(typeof retryMode === 'function' ? await retryMode() : retryMode).toBe('standard');
    expect(await createDynamoDbDocumentClient({ maxAttempts: 1 }).config.maxAttempts()).toBe(1);
  });

  it('talks to the endpoint it is given', async () => {
    const client = createDynamoDbDocumentClient({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:8000' });
    const endpoint = await client.config.endpoint?.();
    expect(endpoint).toMatchObject({ hostname: '127.0.0.1', port: 8000, protocol: 'http:' });
  });
});
