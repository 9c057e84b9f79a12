// Every persistence, for tests and the local stack. A function's bundle holds one: the build replaces this
// module with available-persistence-dynamodb.ts or available-persistence-postgres.ts.
import { dynamoDbPersistence } from './dynamodb-persistence';
import type { AvailablePersistence } from './persistence';
import { postgresPersistence } from './postgres-persistence';

export const AVAILABLE_PERSISTENCE: AvailablePersistence = {
  dynamodb: dynamoDbPersistence,
  postgres: postgresPersistence,
};
