import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import {
  idempotencyTableDefinition,
  idempotencyTimeToLive,
  productsTableDefinition,
} from '@catalog/adapter-dynamodb';
import { dynamoDbLocalClientConfig } from '@catalog/testkit/dynamodb';

export interface LocalTables {
  readonly productsTable: string;
  readonly idempotencyTable: string;
  readonly streamArn: string;
}

const isAlreadyThere = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'ResourceInUseException' || /already (exists|enabled)/i.test(error.message));

/** Creates the tables as Terraform defines them (keys, stream, TTL) unless they survive from a previous run. */
export const ensureTables = async (endpoint: string, prefix: string): Promise<LocalTables> => {
  const client = new DynamoDBClient(dynamoDbLocalClientConfig(endpoint));
  try {
    const productsTable = `${prefix}-products`;
    const idempotencyTable = `${prefix}-idempotency`;
    for (const definition of [
      productsTableDefinition(productsTable),
      idempotencyTableDefinition(idempotencyTable),
    ]) {
      await client.send(new CreateTableCommand(definition)).catch((error: unknown) => {
        if (!isAlreadyThere(error)) throw error;
      });
    }
    await client
      .send(new UpdateTimeToLiveCommand(idempotencyTimeToLive(idempotencyTable)))
      .catch((error: unknown) => {
        if (
          !isAlreadyThere(error) &&
          !(error instanceof Error && /TimeToLive is already/i.test(error.message))
        )
          throw error;
      });
    const { Table } = await client.send(new DescribeTableCommand({ TableName: productsTable }));
    const streamArn = Table?.LatestStreamArn;
    if (streamArn === undefined)
      throw new Error(`Table ${productsTable} has no stream; delete .local/ and restart`);
    return { productsTable, idempotencyTable, streamArn };
  } finally {
    client.destroy();
  }
};

export const streamsClient = (endpoint: string): DynamoDBStreamsClient =>
  new DynamoDBStreamsClient(dynamoDbLocalClientConfig(endpoint));
