// `pnpm db:migrate`: applies the pending schema migrations (packages/adapter-postgres/src/migrations/sql) to
// the database the PostgreSQL functions use, read from the same environment they read: POSTGRES_HOST,
// POSTGRES_PORT, POSTGRES_DATABASE, POSTGRES_USER, POSTGRES_AUTH=iam|password (POSTGRES_PASSWORD),
// POSTGRES_SSL and AWS_REGION; or POSTGRES_URL locally. Forward-only and re-runnable: an up-to-date schema
// is left alone, an applied migration that was edited stops the run. Exit code 0 when the schema is current.
import { migrateDatabase } from '../packages/adapter-postgres/src/migrations/index';
import { loadConfig, readPostgresConnection } from '../packages/lambdas/src/index';

let settings;
try {
  settings = loadConfig(readPostgresConnection);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
const target = `${settings.user}@${settings.host}:${settings.port}/${settings.database}`;
try {
  const { applied, current } = await migrateDatabase(settings);
  console.log(
    applied.length === 0
      ? `${target}: schema already at version ${current}`
      : `${target}: applied ${applied.map((version) => String(version).padStart(4, '0')).join(', ')}; now at version ${current}`,
  );
} catch (error) {
  console.error(`${target}: migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
