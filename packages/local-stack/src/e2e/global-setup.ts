import 'reflect-metadata';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalStack } from '../stack';

/**
 * Starts the local stack for the E2E suite unless `E2E_BASE_URL` points at a deployed API. It runs as
 * `pnpm start` does by default: DynamoDB Local with its data, the stream checkpoint, the events and the
 * signing key on disk (a fresh temporary data dir), so the real table stream drives the events.
 * `E2E_LOCAL_BACKEND=memory` or `auto` relaxes that. `E2E_PERSISTENCE=postgres` runs it on a throwaway
 * PostgreSQL cluster with the outbox relay instead (`pnpm test` runs the suite once per persistence). The
 * functions' logs go to .local/logs/e2e-local-stack[-postgres].log.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.E2E_BASE_URL) {
    console.log(`[e2e] target: deployed API ${process.env.E2E_BASE_URL}`);
    return undefined;
  }
  const logDir = join(project.config.root, '.local', 'logs');
  mkdirSync(logDir, { recursive: true });
  const postgres = process.env.E2E_PERSISTENCE === 'postgres';
  const logStream = createWriteStream(
    join(logDir, postgres ? 'e2e-local-stack-postgres.log' : 'e2e-local-stack.log'),
  );
  const backend = postgres
    ? 'postgres'
    : ((process.env.E2E_LOCAL_BACKEND ?? 'dynamodb') as 'dynamodb' | 'memory' | 'auto');
  const dataDir = mkdtempSync(join(tmpdir(), 'catalog-e2e-data-'));
  const stack = await startLocalStack({
    port: 0,
    eventsPort: 0,
    backend,
    dataDir,
    logLevel: 'debug',
    logStream,
    say: (line) => console.log(`[e2e] ${line}`),
  });
  const { accessToken } = await stack.authorizer.issue({ expiresInSeconds: 6 * 3600 });
  console.log(`[e2e] target: local stack ${stack.apiUrl} (${stack.storage}), events ${stack.eventsUrl}`);
  project.provide('localStack', {
    apiUrl: stack.apiUrl,
    origin: stack.origin,
    eventsUrl: stack.eventsUrl,
    token: accessToken,
  });
  return async () => {
    await stack.stop();
    logStream.end();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
