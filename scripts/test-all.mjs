#!/usr/bin/env node
// `npm test` / `pnpm test`: the static checks, then every test tier in order — check (format, lint,
// typecheck, dependency rule), unit (network blocked), integration (DynamoDB Local, PostgreSQL, local
// PutEvents endpoint, the local stack as a process), E2E (black-box HTTP and the API page in Chromium
// against the local stack, or E2E_BASE_URL) once per persistence (DynamoDB, then PostgreSQL with the
// outbox relay: e2e-pg), infra (terraform). Works from any Node version with npm: the toolchain
// is set up first when needed (scripts/toolchain.mjs). Every tier runs even when an earlier one fails;
// the exit code is non-zero if any failed. CATALOG_TEST_TIERS=unit,int limits the run to the named tiers.
import { spawnSync } from 'node:child_process';
import { root, toolchainEnv } from './toolchain.mjs';

const tiers = [
  { name: 'check', script: 'check' },
  { name: 'unit', script: 'test:unit' },
  { name: 'int', script: 'test:int' },
  { name: 'e2e', script: 'test:e2e' },
  { name: 'e2e-pg', script: 'test:e2e:postgres' },
  { name: 'infra', script: 'test:infra' },
];
const selected = process.env.CATALOG_TEST_TIERS
  ? process.env.CATALOG_TEST_TIERS.split(',').map((tier) => tier.trim())
  : undefined;
const unknown = (selected || []).filter((name) => !tiers.some((tier) => tier.name === name));
if (unknown.length > 0) {
  console.error(
    `CATALOG_TEST_TIERS names unknown tier(s) ${unknown.join(', ')}; tiers: ${tiers.map((t) => t.name).join(', ')}`,
  );
  process.exit(2);
}
const env = toolchainEnv(true);
const results = [];

for (const tier of tiers) {
  if (selected && !selected.includes(tier.name)) continue;
  // A deployed stage has one persistence: its E2E run is the `e2e` tier alone.
  if (tier.name === 'e2e-pg' && process.env.E2E_BASE_URL) continue;
  console.log(`\n=== ${tier.name} (pnpm run ${tier.script}) ===`);
  const started = Date.now();
  const { status } = spawnSync('pnpm', ['run', '--silent', tier.script], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  results.push({ ...tier, ok: status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) });
}

console.log('\n=== summary ===');
for (const result of results) {
  console.log(`${result.ok ? 'PASS' : 'FAIL'}  ${result.name.padEnd(6)} ${result.seconds}s`);
}
process.exit(results.every((result) => result.ok) ? 0 : 1);
