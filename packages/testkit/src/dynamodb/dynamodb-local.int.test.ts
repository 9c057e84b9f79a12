import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { dynamoDbLocalClientConfig } from './readiness';

// Starts a server of its own (not the run's shared one), the way the local stack does.
describe(startDynamoDbLocal, () => {
  const dbPath = mkdtempSync(join(tmpdir(), 'dynamodb-local-data-'));
  const log: string[] = [];
  let server: DynamoDbLocal | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dbPath, { recursive: true, force: true });
  });

  describe('with a dbPath', () => {
    it('keeps the data in files there, logs its backend, and stops when told', async () => {
      server = await startDynamoDbLocal({ inMemory: false, dbPath, log: (line) => log.push(line) });
      const client = new DynamoDBClient({ ...dynamoDbLocalClientConfig(server.endpoint), maxAttempts: 1 });
      await client.send(
        new CreateTableCommand({
          TableName: 'kept',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      expect(log.join('\n')).toMatch(/\[dynamodb-local\] backend: (endpoint|testcontainers|java)/);
      await server.stop();

      if (server.backend !== 'endpoint') {
        expect(readdirSync(dbPath).some((file) => file.endsWith('.db'))).toBe(true);
        await expect(client.send(new ListTablesCommand({}))).rejects.toThrow();
      }
      client.destroy();
    });
  });
});
