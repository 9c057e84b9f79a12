// Builds the Lambda functions: every packages/lambdas/src/functions/*.ts that is not a test becomes
// build/bundles/<name>/index.mjs (+ .map) and build/functions/<name>.zip (handler `index.handler`).
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { lambdaBuildOptions, lambdasRoot, repoRoot } from './esbuild-options.mjs';
import { deterministicZip } from './zip.mjs';

export const functionsSource = `${lambdasRoot}src/functions/`;
export const buildRoot = `${repoRoot}build/`;

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

/** Bundles one function and zips it; returns where everything went and how big it is. */
export const buildFunction = async (name, { root = buildRoot } = {}) => {
  const bundleDir = join(root, 'bundles', name);
  await rm(bundleDir, { recursive: true, force: true });
  await mkdir(bundleDir, { recursive: true });
  const bundlePath = join(bundleDir, 'index.mjs');
  const result = await build(lambdaBuildOptions({ entryPoint: `${functionsSource}${name}.ts`, outfile: bundlePath }));
  const code = await readFile(bundlePath);
  const map = await readFile(`${bundlePath}.map`);
  const zip = deterministicZip([
    { name: 'index.mjs', data: code },
    { name: 'index.mjs.map', data: map },
  ]);
  const zipPath = join(root, 'functions', `${name}.zip`);
  await mkdir(join(root, 'functions'), { recursive: true });
  await writeFile(zipPath, zip);
  return {
    name,
    bundlePath,
    zipPath,
    bundleBytes: code.length,
    zipBytes: zip.length,
    sha256: createHash('sha256').update(zip).digest('base64'),
    metafile: result.metafile,
  };
};
