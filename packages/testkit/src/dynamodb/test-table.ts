import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ScanCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
  type ScanCommandOutput,
  type UpdateTimeToLiveCommandInput,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import './provided';
import { dynamoDbLocalClientConfig } from './readiness';

/** The endpoint of the DynamoDB Local that the integration run's globalSetup started. */
export const dynamoDbTestEndpoint = (): string => {
  const provided = inject('catalogDynamoDb');
  if (provided === undefined) {
    throw new Error(
      'No DynamoDB Local for this test: DynamoDB tests are *.int.test.ts files run by `pnpm test:int`, ' +
        'whose globalSetup (packages/testkit/src/dynamodb/global-setup.ts) starts one',
    );
  }
  if ('error' in provided) throw new Error(provided.error);
  return provided.endpoint;
};

export interface DynamoDbTestTable {
  /** Unique to the test file. */
  readonly name: string;
  readonly endpoint: string;
  /** Region, endpoint and credentials for a client of DynamoDB Local. */
  readonly clientConfig: ReturnType<typeof dynamoDbLocalClientConfig>;
  /** The table's latest stream, when it has one. */
  readonly streamArn: string | undefined;
}

export interface TestTableOptions {
  /** Starts the table name (letters, digits, dashes); the rest is random. */
  readonly prefix?: string;
  /** An UpdateTimeToLive to apply once the table exists (CreateTable cannot enable TTL). */
  readonly timeToLive?: (tableName: string) => UpdateTimeToLiveCommandInput;
}

export const uniqueTableName = (prefix = 'test'): string => `${prefix}-${randomUUID().slice(0, 8)}`;

/**
 * Gives the calling test file its own table: created from `define(name)` before its tests, deleted after.
 * The definition is passed in because the testkit must not import adapters.
 */
export const useDynamoDbTable = (
  define: (tableName: string) => CreateTableCommandInput,
  options: TestTableOptions = {},
): DynamoDbTestTable => {
  let state: DynamoDbTestTable | undefined;
  let client: DynamoDBClient | undefined;
  beforeAll(async () => {
    const endpoint = dynamoDbTestEndpoint();
    const clientConfig = dynamoDbLocalClientConfig(endpoint);
    client = new DynamoDBClient(clientConfig);
    const name = uniqueTableName(options.prefix);
    const { TableDescription } = await client.send(new CreateTableCommand(define(name)));
    await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
    if (options.timeToLive) await client.send(new UpdateTimeToLiveCommand(options.timeToLive(name)));
    state = { name, endpoint, clientConfig, streamArn: TableDescription?.LatestStreamArn };
  });
  afterAll(async () => {
    if (state !== undefined) await client?.send(new DeleteTableCommand({ TableName: state.name }));
    client?.destroy();
  });
  const current = (): DynamoDbTestTable => {
    if (state === undefined) throw new Error('The test table exists only once beforeAll has run');
    return state;
  };
  return {
    get name() {
      return current().name;
    },
    get endpoint() {
      return current().endpoint;
    },
    get clientConfig() {
      return current().clientConfig;
    },
    get streamArn() {
      return current().streamArn;
    },
  };
};

/** Deletes every item of a test table (e.g. before each test of a contract suite that wants it empty). */
export const clearDynamoDbTable = async (table: DynamoDbTestTable): Promise<void> => {
  const client = new DynamoDBClient(table.clientConfig);
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table.name }));
    const keyNames = (Table?.KeySchema ?? []).map((key) => key.AttributeName!);
    let startKey: ScanCommandOutput['LastEvaluatedKey'];
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: table.name,
          ProjectionExpression: keyNames.map((_, i) => `#k${i}`).join(', '),
          ExpressionAttributeNames: Object.fromEntries(keyNames.map((name, i) => [`#k${i}`, name])),
          ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
        }),
      );
      const keys = page.Items ?? [];
      for (let i = 0; i < keys.length; i += 25) {
        let requests = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
        while (requests.length > 0) {
          const { UnprocessedItems } = await client.send(
            new BatchWriteItemCommand({ RequestItems: { [table.name]: requests } }),
          );
          requests = (UnprocessedItems?.[table.name] ?? []).map((request) => ({
            DeleteRequest: { Key: request.DeleteRequest!.Key! },
          }));
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
  } finally {
    client.destroy();
  }
};
