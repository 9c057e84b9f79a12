// Schema migrations: run by the test harness, the local stack, `pnpm db:migrate` and the migrate-database
// function (invoked at deploy), never by the API functions.
export {
  loadMigrations,
  migrate,
  MigrationChangedError,
  MIGRATIONS_FOLDER,
  type Migration,
  type MigrationReport,
} from './migrate';
export { migrateDatabase } from './migrate-database';
