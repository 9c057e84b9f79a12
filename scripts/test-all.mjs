#!/usr/bin/env node
// `pnpm test`: every test tier in order — unit (network blocked), integration (DynamoDB Local, local
// PutEvents endpoint), E2E (black-box HTTP against the local stack or E2E_BASE_URL), infra (terraform).
// Every tier runs even when an earlier one fails; the exit code is non-zero if any failed.
// CATALOG_TEST_TIERS=unit,int limits the run to the named tiers.
import { spawnSync } from 'node:child_process';

const tiers = [
  { name: 'unit', script: 'test:unit' },
  { name: 'int', script: 'test:int' },
  { name: 'e2e', script: 'test:e2e' },
  { name: 'infra', script: 'test:infra' },
];
const selected = process.env.CATALOG_TEST_TIERS?.split(',').map((tier) => tier.trim());
const results = [];

for (const tier of tiers) {
  if (selected && !selected.includes(tier.name)) continue;
  console.log(`\n=== ${tier.name} tests (pnpm run ${tier.script}) ===`);
  const started = Date.now();
  const { status } = spawnSync('pnpm', ['run', '--silent', tier.script], { stdio: 'inherit' });
  results.push({ ...tier, ok: status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) });
}

console.log('\n=== summary ===');
for (const result of results) {
  console.log(`${result.ok ? 'PASS' : 'FAIL'}  ${result.name.padEnd(6)} ${result.seconds}s`);
}
process.exit(results.every((result) => result.ok) ? 0 : 1);
