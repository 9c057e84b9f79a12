// The package dependency rule (docs/decisions/0002-package-dependency-rule.md), generated from
// scripts/dependency-rules.json so the rule lives in one place.
const { allowed, noThirdParty } = require('./scripts/dependency-rules.json');

const TEST_FILE = '\\.(test|int\\.test|e2e\\.test|bench|test-support)\\.ts$';

const packageRules = Object.entries(allowed).map(([name, deps]) => {
  const permitted = [name, ...deps].join('|');
  return {
    name: `package-${name}`,
    comment: `${name} may import only: ${deps.length ? deps.join(', ') : 'nothing'}`,
    severity: 'error',
    from: { path: `^packages/${name}/src/`, pathNot: TEST_FILE },
    to: { path: `^packages/(?!(?:${permitted})/)[^/]+/` },
  };
});

module.exports = {
  forbidden: [
    ...packageRules,
    {
      name: 'tests-only-add-testkit',
      comment: 'Tests may import their own package, its allowed dependencies and the testkit, nothing else.',
      severity: 'error',
      from: { path: `^packages/(?!local-stack/)([^/]+)/src/.+${TEST_FILE}` },
      to: { path: '^packages/(lambdas|local-stack)/', pathNot: '^packages/$1/' },
    },
    ...noThirdParty.map((name) => ({
      name: `${name}-has-no-dependencies`,
      comment: `${name} has no runtime dependencies at all`,
      severity: 'error',
      from: { path: `^packages/${name}/src/`, pathNot: TEST_FILE },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'npm-no-pkg', 'npm-unknown', 'core'],
      },
    })),
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-undeclared-dependency',
      comment: 'Every package a file imports is declared in its own package.json',
      severity: 'error',
      from: { path: '^packages/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|build|node_modules)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
