// The floor for cold init: a bundle that holds only the DynamoDB client and one GetItem, the least an API
// function over DynamoDB can load.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});

export const handler = async (event) => {
  const { Item } = await client.send(
    new GetItemCommand({
      TableName: process.env.PRODUCTS_TABLE_NAME,
      Key: { id: { S: event.pathParameters.id } },
    }),
  );
  return { statusCode: Item ? 200 : 404, body: JSON.stringify(Item ?? null) };
};
