#!/usr/bin/env node
// `pnpm build [name...]`: bundles every Lambda function (scripts/build/functions.mjs), once per persistence
// it serves, into build/functions/<name>.zip (DynamoDB) and build/functions/postgres/<name>.zip
// (PostgreSQL), deterministic (same sources -> byte-identical zip), and prints the sizes.
import { buildFunction, functionNames, persistencesOf } from './build/functions.mjs';

const wanted = process.argv.slice(2);
const all = await functionNames();
const unknown = wanted.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown function(s): ${unknown.join(', ')}. Known: ${all.join(', ')}`);
  process.exit(1);
}
const names = wanted.length > 0 ? wanted : all;
const results = [];
for (const name of names) {
  for (const persistence of persistencesOf(name)) results.push(await buildFunction(name, { persistence }));
}
for (const { name, persistence, zipPath, bundleBytes, zipBytes, sha256 } of results) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`.padStart(9);
  console.log(
    `${name.padEnd(24)} ${persistence.padEnd(9)} index.mjs ${kb(bundleBytes)}  zip ${kb(zipBytes)}  sha256 ${sha256}  ${zipPath}`,
  );
}
