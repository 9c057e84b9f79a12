// The esbuild options every Lambda bundle is built with; the build and the benchmarks share them, so what
// is measured is what ships.
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const lambdasRoot = `${repoRoot}packages/lambdas/`;

// CommonJS dependencies (winston's stream stack) call require() for Node built-ins; an ES module has no
// require, so the bundle defines one.
const REQUIRE_SHIM = "import { createRequire as __catalogCreateRequire } from 'node:module';\nconst require = __catalogCreateRequire(import.meta.url);";

// winston's internal debug tracer (printed only with DEBUG=winston:*) brings a colour library with it; the
// bundles replace it with a no-op of the same shape.
const silentDiagnostics = {
  name: 'silent-diagnostics',
  setup(build) {
    build.onResolve({ filter: /^@dabh\/diagnostics$/ }, () => ({ path: 'diagnostics', namespace: 'silent' }));
    build.onLoad({ filter: /.*/, namespace: 'silent' }, () => ({
      contents: 'module.exports = () => () => {};',
      loader: 'js',
    }));
  },
};

const shims = `${repoRoot}scripts/build/shims/`;

/**
 * What Lambda never uses, replaced in function bundles (not in the benchmarks' floor, which stays the SDK's
 * defaults): the SDK's default credential chain (Lambda's credentials are in the environment), and
 * readable-stream, a userland copy of the streams Node already ships, under winston.
 */
export const lambdaRuntimeOnly = {
  name: 'lambda-runtime-only',
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({
      path: `${shims}credential-provider-env-only.mjs`,
    }));
    build.onResolve({ filter: /^readable-stream$/ }, () => ({ path: `${shims}readable-stream.cjs` }));
    build.onResolve({ filter: /^readable-stream\/lib\/_stream_writable(\.js)?$/ }, () => ({
      path: `${shims}readable-stream-writable.cjs`,
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
  plugins: trim ? [silentDiagnostics, lambdaRuntimeOnly] : [silentDiagnostics],
  metafile: true,
  logLevel: 'warning',
});
