// vitest globalSetup of the integration project: ONE DynamoDB Local for the whole run, stopped afterwards.
// Test files reach it through dynamoDbTestEndpoint(). When none can be started, the run goes on and only
// the DynamoDB tests fail, each with the message that says what to install.
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from './dynamodb-local';
import type { ProvidedDynamoDb } from './provided';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    const server = await startDynamoDbLocal({ inMemory: true });
    const provided: ProvidedDynamoDb = { endpoint: server.endpoint, backend: server.backend };
    project.provide('catalogDynamoDb', provided);
    return () => server.stop();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`[dynamodb-local] ${message}\n`);
    project.provide('catalogDynamoDb', { error: message });
    return () => Promise.resolve();
  }
}
