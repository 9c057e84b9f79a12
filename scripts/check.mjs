#!/usr/bin/env node
// `pnpm run check`: every static check, each as its own package script, in order. All of them run even
// when one fails, so one run shows every problem; the summary names each failed tool and the exit code is
// non-zero if any failed. A check may also end in WARN (it could not do its job, e.g. the advisory service
// is unreachable): that is printed loudly and does not fail the run unless CATALOG_AUDIT=required.
// `pnpm run check -- lint md` (or CATALOG_CHECKS=lint,md) runs only the named checks.
import { spawnSync } from 'node:child_process';

export const checks = [
  { name: 'format', script: 'format:check', tool: 'prettier' },
  { name: 'lint', script: 'lint', tool: 'eslint (typescript-eslint strict, sonarjs cognitive complexity)' },
  { name: 'typecheck', script: 'typecheck', tool: 'tsc -b' },
  { name: 'deps', script: 'deps:check', tool: 'package dependency rule (manifests + dependency-cruiser)' },
  { name: 'api', script: 'lint:api', tool: 'Redocly CLI over docs/api/openapi.yaml (redocly.yaml)' },
  { name: 'md', script: 'lint:md', tool: 'markdownlint-cli2' },
  { name: 'workflows', script: 'lint:workflows', tool: 'action-validator + workflow policy' },
  { name: 'secrets', script: 'lint:secrets', tool: 'secretlint' },
  { name: 'unused', script: 'lint:unused', tool: 'knip' },
  { name: 'audit', script: 'audit:deps', tool: 'dependency audit (npm advisories + allowlist)' },
];

// Exit code a check uses to say "could not run, warned" (see scripts/audit-deps.mjs).
const WARN_EXIT = 3;

const requested = [
  ...process.argv.slice(2).filter((arg) => arg !== '--'),
  ...(process.env.CATALOG_CHECKS?.split(',')
    .map((name) => name.trim())
    .filter(Boolean) ?? []),
];
const unknown = requested.filter((name) => !checks.some((check) => check.name === name));
if (unknown.length > 0) {
  console.error(`Unknown check(s): ${unknown.join(', ')}. Known: ${checks.map((c) => c.name).join(', ')}`);
  process.exit(2);
}

const results = [];
for (const check of checks) {
  if (requested.length > 0 && !requested.includes(check.name)) continue;
  console.log(`\n=== ${check.name}: ${check.tool} (pnpm run ${check.script}) ===`);
  const started = Date.now();
  const { status, signal } = spawnSync('pnpm', ['run', '--silent', check.script], { stdio: 'inherit' });
  const outcome = status === 0 ? 'PASS' : status === WARN_EXIT ? 'WARN' : 'FAIL';
  results.push({ ...check, outcome, signal, seconds: ((Date.now() - started) / 1000).toFixed(1) });
}

console.log('\n=== check summary ===');
for (const r of results) {
  console.log(
    `${r.outcome}  ${r.name.padEnd(10)} ${r.seconds.padStart(6)}s  ${r.tool}${r.signal ? ` (${r.signal})` : ''}`,
  );
}
const failed = results.filter((r) => r.outcome === 'FAIL');
const warned = results.filter((r) => r.outcome === 'WARN');
if (warned.length > 0) {
  console.log(
    `\n!!! WARNING: ${warned.map((r) => r.name).join(', ')} could not complete (see above); not a pass.`,
  );
}
if (failed.length > 0) {
  console.error(`\n✖ pnpm run check failed: ${failed.map((r) => `${r.name} (${r.tool})`).join(', ')}`);
  process.exit(1);
}
console.log(`\n✔ pnpm run check: ${results.length - warned.length} of ${results.length} checks passed`);
