// The esbuild options every Lambda bundle is built with; the build and the benchmarks share them, so what
// is measured is what ships.
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const lambdasRoot = `${repoRoot}packages/lambdas/`;

// A CommonJS dependency that calls require() for a Node built-in needs a require in an ES module bundle.
const REQUIRE_SHIM = "import { createRequire as __catalogCreateRequire } from 'node:module';\nconst require = __catalogCreateRequire(import.meta.url);";

const shims = `${repoRoot}scripts/build/shims/`;

/**
 * What Lambda never uses, replaced in function bundles (not in the benchmarks' floor, which stays the SDK's
 * defaults): the SDK's default credential chain (Lambda's credentials are in the environment).
 */
export const lambdaRuntimeOnly = {
  name: 'lambda-runtime-only',
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({
      path: `${shims}credential-provider-env-only.mjs`,
    }));
  },
};

/**
 * ESM for Node 22, one file per function, minified and tree-shaken. `mainFields` prefers ES modules so
 * they are tree-shaken rather than pulled in whole as CommonJS: `es2015` first (class-validator's `module`
 * build is transpiled down to ES5, which is larger and slower), then `module` (the AWS SDK), then `main`. Decorators compile with `experimentalDecorators` from the tsconfig and
 * without design-type metadata: every constructor parameter needs an explicit @inject.
 */
export const lambdaBuildOptions = ({ entryPoint, outfile, nodePaths = [], trim = true }) => ({
  entryPoints: [entryPoint],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  mainFields: ['es2015', 'module', 'main'],
  conditions: ['module'],
  treeShaking: true,
  minify: true,
  // keepNames would cost ~45 KB per bundle; logs identify errors by their `code` and message instead.
  keepNames: false,
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  charset: 'utf8',
  banner: { js: REQUIRE_SHIM },
  tsconfig: `${lambdasRoot}tsconfig.json`,
  absWorkingDir: repoRoot,
  // The shims resolve their own imports from the functions' package.
  nodePaths: [...nodePaths, `${lambdasRoot}node_modules`],
  plugins: trim ? [lambdaRuntimeOnly] : [],
  metafile: true,
  logLevel: 'warning',
});
