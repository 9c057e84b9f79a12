// What a PostgreSQL build of a function holds in place of available-persistence.ts (scripts/build).
import type { AvailablePersistence } from './persistence';
import { postgresPersistence } from './postgres-persistence';

export const AVAILABLE_PERSISTENCE: AvailablePersistence = { postgres: postgresPersistence };
