#!/usr/bin/env node
// `pnpm run lint:workflows [dir]`: the GitHub Actions workflows under .github/workflows, offline.
// 1. Schema: @action-validator/core (the SchemaStore workflow schema, compiled in; no network).
// 2. Policy, so the pipeline cannot rot into something unsafe:
//    - every action is pinned by a full commit SHA with a version comment (`uses: o/r@<sha> # v1.2.3`);
//      local actions and reusable workflows (`./...`) are exempt;
//    - `permissions:` at the top (least privilege by default) and on every job;
//    - every job that targets an `environment:` has a `concurrency:` group (one run per environment);
//    - no `${{ }}` expression inside `run:` (template injection): pass values through `env:`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = resolve(process.argv[2] ?? join(root, '.github/workflows'));
const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;

const schemaProblems = (text) =>
  validateWorkflow(text).errors.map((error) => {
    const where = error.path ?? (error.location ? `line ${error.location.line}` : '');
    return `schema: ${where} ${error.title}${error.detail ? ` — ${error.detail}` : ''}`;
  });

const pinProblems = (text) =>
  text.split('\n').flatMap((line, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*['"]?([^'"\s#]+)['"]?\s*(#.*)?$/.exec(line);
    if (!match || match[1].startsWith('./')) return [];
    const [, ref, comment] = match;
    if (!PINNED.test(ref)) return [`line ${index + 1}: ${ref} is not pinned by a full commit SHA`];
    if (!/^#\s*v?\d+(\.\d+)*/.test(comment ?? '')) {
      return [`line ${index + 1}: ${ref} has no version comment (# vX.Y.Z)`];
    }
    return [];
  });

const expressionsInRun = (jobId, steps) =>
  steps.flatMap((step, index) =>
    typeof step?.run === 'string' && step.run.includes('${{')
      ? [`job ${jobId}, step ${step.name ?? index + 1}: \${{ }} inside run: (pass it through env:)`]
      : [],
  );

const policyProblems = (workflow) => {
  const problems = [];
  if (!workflow || typeof workflow !== 'object') return ['not a workflow document'];
  if (!('permissions' in workflow)) problems.push('no top-level permissions: (set `permissions: {}`)');
  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    if (!job || typeof job !== 'object') continue;
    if (!('permissions' in job)) problems.push(`job ${id}: no permissions:`);
    if (job.environment !== undefined && job.concurrency === undefined) {
      problems.push(`job ${id}: targets an environment without a concurrency: group`);
    }
    problems.push(...expressionsInRun(id, job.steps ?? []));
  }
  return problems;
};

const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
if (files.length === 0) {
  console.error(`✖ lint:workflows: no workflow files in ${dir}`);
  process.exit(1);
}
let failures = 0;
for (const name of files) {
  const path = join(dir, name);
  const text = readFileSync(path, 'utf8');
  let problems;
  try {
    problems = [...schemaProblems(text), ...pinProblems(text), ...policyProblems(parse(text))];
  } catch (error) {
    problems = [`cannot parse: ${error.message}`];
  }
  const shown = relative(root, path) || path;
  if (problems.length === 0) {
    console.log(`✔ ${shown}`);
    continue;
  }
  failures += problems.length;
  console.error(`✖ ${shown}`);
  for (const problem of problems) console.error(`    ${problem}`);
}
if (failures > 0) {
  console.error(`✖ lint:workflows: ${failures} problem(s)`);
  process.exit(1);
}
console.log(`✔ lint:workflows: ${files.length} workflow(s) valid and within policy`);
