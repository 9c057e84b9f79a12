// Builds the Lambda functions: every packages/lambdas/src/functions/*.ts that is not a test becomes, once
// per persistence it serves, build/bundles/[postgres/]<name>/index.mjs (+ .map) and
// build/functions/[postgres/]<name>.zip (handler `index.handler`): build/functions holds the DynamoDB
// packages (as Terraform expects by default), build/functions/postgres the PostgreSQL ones. Each bundle
// carries one store's client only: the persistence module is chosen here, at build time.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { lambdaBuildOptions, lambdasRoot, repoRoot } from './esbuild-options.mjs';
import { deterministicZip } from './zip.mjs';

export const functionsSource = `${lambdasRoot}src/functions/`;
export const buildRoot = `${repoRoot}build/`;

export const PERSISTENCES = ['dynamodb', 'postgres'];
// Functions that exist for one persistence only; every other function is built for both.
const ONLY = {
  'publish-product-events': 'dynamodb',
  'relay-product-outbox': 'postgres',
  'migrate-database': 'postgres',
};
// Files a function reads at run time, shipped next to its index.mjs: the schema migrations, which the
// runner finds in sql/ beside the module that loads them (the checksums are those of these very files).
const migrationsSource = `${repoRoot}packages/adapter-postgres/src/migrations/sql/`;
const SHIPPED = { 'migrate-database': [{ from: migrationsSource, to: 'sql' }] };

const shippedFiles = async (name) => {
  const files = [];
  for (const { from, to } of SHIPPED[name] ?? []) {
    for (const file of (await readdir(from)).filter((entry) => entry.endsWith('.sql')).sort()) {
      files.push({ name: `${to}/${file}`, data: await readFile(join(from, file)) });
    }
  }
  return files;
};
/** The persistences a function is built for. */
export const persistencesOf = (name) => (ONLY[name] === undefined ? PERSISTENCES : [ONLY[name]]);

// Packages a bundle of the other persistence must never contain.
const FORBIDDEN = {
  dynamodb: [/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?pg(-[a-z]+)?\//, /@aws-sdk\/rds-signer/, /adapter-postgres\//],
  postgres: [/@aws-sdk\/client-dynamodb/, /@aws-sdk\/lib-dynamodb/, /adapter-dynamodb\/src\/(?!product-stream)/],
};

/** Resolves the bindings' available-persistence module to the single-persistence one. */
export const persistencePlugin = (persistence) => ({
  name: `persistence-${persistence}`,
  setup(build) {
    build.onResolve({ filter: /^\.\/available-persistence$/ }, (args) => ({
      path: join(args.resolveDir, `available-persistence-${persistence}.ts`),
    }));
  },
});

const checkPersistence = (name, persistence, metafile) => {
  const leaked = Object.keys(metafile.inputs).filter((input) =>
    FORBIDDEN[persistence].some((pattern) => pattern.test(input)),
  );
  if (leaked.length > 0) {
    throw new Error(`${name} (${persistence}) bundles code of the other persistence: ${leaked.slice(0, 5).join(', ')}`);
  }
};

/** Function names, from the entry files (tests and test support excluded). */
export const functionNames = async () =>
  (await readdir(functionsSource))
    .filter((file) => file.endsWith('.ts') && !/\.(test|int\.test|e2e\.test|test-support|d)\.ts$/.test(file))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();

/**
 * Bundles any entry file with the functions' options (no zip): for benchmarks and for tests that must
 * run exactly what would ship. `plugins` are added after the standard ones; `trim: false` leaves out the
 * Lambda-only replacements (the benchmarks' floor keeps the SDK's defaults).
 */
export const bundleEntry = async ({ entryPoint, outfile, nodePaths = [], plugins = [], trim = true }) => {
  const options = lambdaBuildOptions({ entryPoint, outfile, nodePaths, trim });
  const result = await build({ ...options, plugins: [...options.plugins, ...plugins] });
  return { path: outfile, bytes: Object.values(result.metafile.outputs).find((output) => output.entryPoint).bytes };
};

const variantDir = (persistence) => (persistence === 'dynamodb' ? '' : persistence);

/** Bundles one function for one persistence and zips it; returns where everything went and how big it is. */
export const buildFunction = async (name, { root = buildRoot, persistence = persistencesOf(name)[0] } = {}) => {
  if (!persistencesOf(name).includes(persistence)) throw new Error(`${name} is not built for ${persistence}`);
  const bundleDir = join(root, 'bundles', variantDir(persistence), name);
  await rm(bundleDir, { recursive: true, force: true });
  await mkdir(bundleDir, { recursive: true });
  const bundlePath = join(bundleDir, 'index.mjs');
  const options = lambdaBuildOptions({ entryPoint: `${functionsSource}${name}.ts`, outfile: bundlePath });
  const result = await build({ ...options, plugins: [...options.plugins, persistencePlugin(persistence)] });
  checkPersistence(name, persistence, result.metafile);
  const code = await readFile(bundlePath);
  const map = await readFile(`${bundlePath}.map`);
  const shipped = await shippedFiles(name);
  for (const file of shipped) {
    await mkdir(join(bundleDir, file.name, '..'), { recursive: true });
    await writeFile(join(bundleDir, file.name), file.data);
  }
  const zip = deterministicZip([
    { name: 'index.mjs', data: code },
    { name: 'index.mjs.map', data: map },
    ...shipped,
  ]);
  const zipDir = join(root, 'functions', variantDir(persistence));
  const zipPath = join(zipDir, `${name}.zip`);
  await mkdir(zipDir, { recursive: true });
  await writeFile(zipPath, zip);
  return {
    name,
    persistence,
    bundlePath,
    zipPath,
    bundleBytes: code.length,
    zipBytes: zip.length,
    sha256: createHash('sha256').update(zip).digest('base64'),
    metafile: result.metafile,
  };
};
