import 'reflect-metadata';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalStack } from '../stack';

/**
 * Starts the local stack for the E2E suite unless `E2E_BASE_URL` points at a deployed API. It uses DynamoDB
 * Local (in memory) so the real table stream drives the events; `E2E_LOCAL_BACKEND=memory` or `auto` relaxes
 * that. The functions' logs go to .local/logs/e2e-local-stack.log.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.E2E_BASE_URL) {
    console.log(`[e2e] target: deployed API ${process.env.E2E_BASE_URL}`);
    return undefined;
  }
  const logDir = join(project.config.root, '.local', 'logs');
  mkdirSync(logDir, { recursive: true });
  const logStream = createWriteStream(join(logDir, 'e2e-local-stack.log'));
  const backend = (process.env.E2E_LOCAL_BACKEND ?? 'dynamodb') as 'dynamodb' | 'memory' | 'auto';
  const stack = await startLocalStack({
    port: 0,
    eventsPort: 0,
    backend,
    inMemory: true,
    logLevel: 'debug',
    logStream,
    say: (line) => console.log(`[e2e] ${line}`),
  });
  console.log(`[e2e] target: local stack ${stack.apiUrl} (${stack.backend}), events ${stack.eventsUrl}`);
  project.provide('localStack', { apiUrl: stack.apiUrl, eventsUrl: stack.eventsUrl });
  return async () => {
    await stack.stop();
    logStream.end();
  };
}
