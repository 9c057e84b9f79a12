#!/usr/bin/env node
// `pnpm bench`: runs every benchmark in scripts/bench (`*.bench.mjs` with node, `*.bench.ts` with tsx) in
// name order. Benchmarks print ratios measured in one run (ours vs a floor or a peer); they are not tests.
// `pnpm bench <filter>` runs only the files whose name contains <filter>.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./bench/', import.meta.url));
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((file) => /\.bench\.(mjs|ts)$/.test(file) && (!filter || file.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error(`No benchmarks${filter ? ` matching "${filter}"` : ''} in scripts/bench.`);
  process.exit(1);
}
let failed = false;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const command = file.endsWith('.ts')
    ? ['pnpm', ['exec', 'tsx', '--tsconfig', 'tsconfig.base.json', join(dir, file)]]
    : [process.execPath, [join(dir, file)]];
  const { status } = spawnSync(command[0], command[1], { stdio: 'inherit' });
  failed ||= status !== 0;
}
process.exit(failed ? 1 : 0);
