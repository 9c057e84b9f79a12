// `pnpm test:mutation`: StrykerJS mutates the domain, the use cases and the HTTP edge and runs the unit tests
// that cover each mutant (vitest runner, per-test coverage). Incremental: results are kept in
// .stryker/incremental.json (git-ignored), so a re-run only tests mutants in code or tests that changed;
// `pnpm test:mutation --force` ignores them. Reports: .stryker/report/mutation.{html,json}.
// Two workers at most: the suite shares a small machine.
// A package's mutants are killed by its own tests only: in the sandbox, a workspace import (`@catalog/domain`
// from the use cases) resolves through the symlinked node_modules to the original, unmutated source.
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: [
    'packages/domain/src/**/*.ts',
    'packages/application/src/**/*.ts',
    'packages/lambdas/src/http/**/*.ts',
    '!**/*.test.ts',
    '!**/*.test-support.ts',
    '!**/index.ts',
  ],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants) would run every test each; they are reported as ignored.
  ignoreStatic: true,
  concurrency: 2,
  incremental: true,
  incrementalFile: '.stryker/incremental.json',
  tempDirName: '.stryker/tmp',
  cleanTempDir: 'always',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.stryker/report/mutation.html' },
  jsonReporter: { fileName: '.stryker/report/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 10_000,
};
