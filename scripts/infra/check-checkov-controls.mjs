#!/usr/bin/env node
// Keeps a checkov scan of terraform/ clean without running checkov (a Python tool this project does
// not install): scripts/infra/checkov-controls.json lists every resource type under terraform/ and
// the checkov controls that apply to it, each either
//   fixed  - with evidence that keeps it fixed: a pattern every block of the type matches
//            (evidence), one its module matches (moduleEvidence), one neither may match
//            (absent, moduleAbsent), or a terraform test run that asserts it (test: "<file>#<run>");
//   waived - every block of the type carries '#checkov:skip=<id>:<reason>' with a written reason;
//            a waiver with fixedWhen covers the blocks' other case only: the evidence and test it
//            lists for the case it names (e.g. "vpc_config is given") are checked like a fix's.
// A new resource type, a missing skip or fix, a skip nobody registered, or a control the ADR does
// not list fails the check.
//
// Usage: node scripts/infra/check-checkov-controls.mjs [--root <repo>] [--registry <json>] [--adr <md>]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resourceBlocks } from './hcl-blocks.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
};
const root = resolve(option('--root', join(dirname(fileURLToPath(import.meta.url)), '..', '..')));
const registryPath = resolve(option('--registry', join(root, 'scripts/infra/checkov-controls.json')));
const decisions = join(root, 'docs/decisions');
const adrPath = option(
  '--adr',
  existsSync(decisions)
    ? readdirSync(decisions)
        .filter((name) => name.startsWith('0014-'))
        .map((name) => join(decisions, name))[0]
    : undefined,
);

const MIN_REASON = 30;
const problems = [];
const registry = JSON.parse(readFileSync(registryPath, 'utf8')).resourceTypes;

const terraformFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return terraformFiles(path);
    return entry.name.endsWith('.tf') ? [path] : [];
  });

const files = terraformFiles(join(root, 'terraform'));
const moduleText = new Map();
for (const file of files) {
  moduleText.set(dirname(file), (moduleText.get(dirname(file)) ?? '') + readFileSync(file, 'utf8'));
}

/** What no longer holds of a control's recorded evidence (patterns and test runs). */
const evidenceFailures = (control, text, module) => {
  const failures = [];
  if (control.evidence && !new RegExp(control.evidence).test(text))
    failures.push(`block lacks /${control.evidence}/`);
  if (control.moduleEvidence && !new RegExp(control.moduleEvidence).test(module))
    failures.push(`module lacks /${control.moduleEvidence}/`);
  if (control.absent && new RegExp(control.absent).test(text)) failures.push(`block has /${control.absent}/`);
  if (control.moduleAbsent && new RegExp(control.moduleAbsent).test(module))
    failures.push(`module has /${control.moduleAbsent}/`);
  if (control.test) {
    const [testFile, run] = control.test.split('#');
    const path = join(root, testFile);
    if (!existsSync(path) || !readFileSync(path, 'utf8').includes(`run "${run}" {`))
      failures.push(`no test run ${control.test}`);
  }
  if (
    !control.evidence &&
    !control.moduleEvidence &&
    !control.absent &&
    !control.moduleAbsent &&
    !control.test
  ) {
    failures.push('no evidence recorded');
  }
  return failures;
};

let blocks = 0;
let fixes = 0;
let skips = 0;
for (const file of files) {
  for (const block of resourceBlocks(readFileSync(file, 'utf8'))) {
    blocks++;
    const where = `${relative(root, file)}:${block.line} ${block.type}.${block.name}`;
    const controls = registry[block.type];
    if (controls === undefined) {
      problems.push(
        `${where}: ${block.type} is not in ${relative(root, registryPath)}; list the checkov controls that apply to it`,
      );
      continue;
    }
    const skipped = new Map();
    for (const match of block.text.matchAll(/#\s*checkov:skip=([A-Z0-9_]+)(?::([^\n]*))?/g)) {
      skipped.set(match[1], (match[2] ?? '').trim());
    }
    for (const [id, reason] of skipped) {
      if (controls[id]?.handled !== 'waived') {
        problems.push(`${where}: skips ${id}, which the registry does not waive for ${block.type}`);
      } else if (reason.length < MIN_REASON) {
        problems.push(`${where}: the skip of ${id} needs a written reason (${MIN_REASON}+ characters)`);
      }
    }
    for (const [id, control] of Object.entries(controls)) {
      const module = moduleText.get(dirname(file));
      if (control.handled === 'waived') {
        if (skipped.has(id)) skips++;
        else
          problems.push(
            `${where}: ${id} (${control.title}) is waived: add '#checkov:skip=${id}:<reason>' to the block`,
          );
        if (control.fixedWhen !== undefined) {
          const failures = evidenceFailures(control, block.text, module);
          if (failures.length > 0)
            problems.push(
              `${where}: ${id} (${control.title}) is no longer fixed when ${control.fixedWhen}: ${failures.join('; ')}`,
            );
        }
        continue;
      }
      if (control.handled !== 'fixed') {
        problems.push(`registry: ${block.type} ${id}: handled must be "fixed" or "waived"`);
        continue;
      }
      const failures = evidenceFailures(control, block.text, module);
      if (failures.length > 0)
        problems.push(`${where}: ${id} (${control.title}) is no longer fixed: ${failures.join('; ')}`);
      else fixes++;
    }
  }
}

const ids = [...new Set(Object.values(registry).flatMap((controls) => Object.keys(controls)))].sort();
if (adrPath === undefined || !existsSync(adrPath)) {
  problems.push('docs/decisions/0014-*.md (the ADR listing the handled controls) does not exist');
} else {
  const adr = readFileSync(adrPath, 'utf8');
  for (const id of ids)
    if (!new RegExp(`\\b${id}\\b`).test(adr)) problems.push(`${relative(root, adrPath)} does not list ${id}`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`checkov controls: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(
  `checkov controls: ${blocks} resource blocks, ${ids.length} controls, ${fixes} fixed and ${skips} waived findings accounted for`,
);
