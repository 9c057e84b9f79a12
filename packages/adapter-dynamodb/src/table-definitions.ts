import type { CreateTableCommandInput, UpdateTimeToLiveCommandInput } from '@aws-sdk/client-dynamodb';

// The key design is recorded in docs/decisions/0003-dynamodb-table-design.md. Terraform creates the same keys,
// billing, stream and TTL: both sides are checked against table-shapes.json (table-definitions.test.ts here,
// terraform/modules/catalog-service/tests/table_shapes.tftest.hcl there), so a change here is a change there.

/** The products table: one item per product under its id, streamed with old and new images. */
export const productsTableDefinition = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
});

/** The idempotency table: one item per idempotency key; enable its TTL with idempotencyTimeToLive. */
export const idempotencyTableDefinition = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
});

/** CreateTable cannot enable TTL; send this UpdateTimeToLive once the idempotency table is active. */
export const idempotencyTimeToLive = (tableName: string): UpdateTimeToLiveCommandInput => ({
  TableName: tableName,
  TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
});
