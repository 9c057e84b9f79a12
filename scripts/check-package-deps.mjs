#!/usr/bin/env node
// Checks every workspace package.json against scripts/dependency-rules.json: runtime dependencies may
// name only the workspace packages the rule allows (devDependencies may add @catalog/testkit for tests).
// Usage: node scripts/check-package-deps.mjs [packagesDir]
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = resolve(process.argv[2] ?? join(root, 'packages'));
const { allowed, noThirdParty } = JSON.parse(
  readFileSync(join(root, 'scripts/dependency-rules.json'), 'utf8'),
);

const problems = [];
for (const folder of readdirSync(packagesDir)) {
  const manifestPath = join(packagesDir, folder, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const name = manifest.name?.replace(/^@catalog\//, '');
  const permitted = allowed[name];
  if (permitted === undefined) {
    problems.push(`${manifest.name}: not listed in scripts/dependency-rules.json`);
    continue;
  }
  const runtime = Object.keys(manifest.dependencies ?? {});
  for (const dep of runtime.filter((d) => d.startsWith('@catalog/'))) {
    if (!permitted.includes(dep.replace('@catalog/', ''))) {
      problems.push(`${manifest.name} depends on ${dep}, which the dependency rule forbids`);
    }
  }
  if (noThirdParty.includes(name) && runtime.length > 0) {
    problems.push(`${manifest.name} must have no runtime dependencies, has: ${runtime.join(', ')}`);
  }
  for (const dep of Object.keys(manifest.devDependencies ?? {}).filter((d) => d.startsWith('@catalog/'))) {
    if (dep !== '@catalog/testkit' && !permitted.includes(dep.replace('@catalog/', ''))) {
      problems.push(
        `${manifest.name} has a devDependency on ${dep}; only @catalog/testkit may be added for tests`,
      );
    }
  }
}

if (problems.length > 0) {
  console.error(`Package dependency rule violated:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`Package manifests follow the dependency rule (${packagesDir}).`);
