// Schema migrations: run by the test harness, the local stack and `pnpm db:migrate`, never by a function.
export {
  loadMigrations,
  migrate,
  MigrationChangedError,
  MIGRATIONS_FOLDER,
  type Migration,
  type MigrationReport,
} from './migrate';
export { migrateDatabase } from './migrate-database';
