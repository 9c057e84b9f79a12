// What a DynamoDB build of a function holds in place of available-persistence.ts (scripts/build).
import { dynamoDbPersistence } from './dynamodb-persistence';
import type { AvailablePersistence } from './persistence';

export const AVAILABLE_PERSISTENCE: AvailablePersistence = { dynamodb: dynamoDbPersistence };
