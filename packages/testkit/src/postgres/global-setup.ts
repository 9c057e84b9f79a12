// vitest globalSetup of the integration project: ONE throwaway PostgreSQL cluster for the whole run, stopped
// afterwards. Test files get a database of their own through usePostgresDatabase(). When none can be
// started, the run goes on and only the PostgreSQL tests fail, each with the message that says what to
// install.
import type { TestProject } from 'vitest/node';
import { startPostgresServer } from './postgres-server';
import type { ProvidedPostgres } from './provided';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    const server = await startPostgresServer();
    const provided: ProvidedPostgres = { url: server.url, backend: server.backend, version: server.version };
    project.provide('catalogPostgres', provided);
    return () => server.stop();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`[postgres] ${message}\n`);
    project.provide('catalogPostgres', { error: message });
    return () => Promise.resolve();
  }
}
