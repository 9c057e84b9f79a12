export {
  startPostgresServer,
  POSTGRES_IMAGE,
  type PostgresBackend,
  type PostgresServer,
  type PostgresServerOptions,
} from './postgres-server';
export {
  AURORA_MAJOR_VERSIONS,
  embeddedServerBinaries,
  machineServerBinaries,
  preferredBinaries,
  type ServerBinaries,
} from './server-binaries';
export { redacted, waitUntilAccepting } from './readiness';
export {
  createTestDatabase,
  dropTestDatabase,
  postgresTestServerUrl,
  usePostgresDatabase,
  withDatabase,
  withPostgresClient,
  type PostgresTestDatabase,
} from './test-database';
export type { ProvidedPostgres } from './provided';
export { startCountingPostgresProxy, type CountingPostgresProxy } from './counting-proxy';
