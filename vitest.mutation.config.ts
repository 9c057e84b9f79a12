import { defineConfig } from 'vitest/config';

// The unit tests of the packages `pnpm test:mutation` mutates (stryker.config.mjs), and only those: Stryker
// runs the tests that cover each mutant, so a narrow project keeps every run short.
export default defineConfig({
  test: {
    name: 'mutation',
    pool: 'forks',
    maxWorkers: 1,
    isolate: false,
    include: [
      'packages/domain/src/**/*.test.ts',
      'packages/application/src/**/*.test.ts',
      'packages/lambdas/src/http/**/*.test.ts',
    ],
    exclude: ['**/*.int.test.ts', '**/*.e2e.test.ts', '**/node_modules/**'],
    // The property tests run once per mutant: a tenth of their usual draws keeps a run within the hour.
    env: { CATALOG_FUZZ_RUNS: '200' },
    setupFiles: ['reflect-metadata', './packages/testkit/src/network/block-network.ts'],
  },
});
