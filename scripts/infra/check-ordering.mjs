#!/usr/bin/env node
// Checks that a Terraform configuration orders its resources as tests/ordering.txt requires.
// `terraform graph` prints the dependency graph (DOT) from the configuration alone; a required
// "A -> B" holds when B is reachable from A, i.e. Terraform creates B before A, whether through a
// reference or a depends_on. A dropped depends_on that nothing else implies fails here, where a
// plan-only terraform test cannot see it.
//
// Usage: node scripts/infra/check-ordering.mjs <graph.dot> <ordering.txt>
//   ordering.txt: one "<resource address> -> <resource address>" per line; '#' starts a comment.
import { readFileSync } from 'node:fs';

const [dotPath, orderingPath] = process.argv.slice(2);
if (!dotPath || !orderingPath) {
  console.error('usage: check-ordering.mjs <graph.dot> <ordering.txt>');
  process.exit(2);
}

const edges = new Map();
for (const match of readFileSync(dotPath, 'utf8').matchAll(/"([^"]+)"\s*->\s*"([^"]+)"/g)) {
  const [, from, to] = match;
  if (!edges.has(from)) edges.set(from, new Set());
  edges.get(from).add(to);
}

const reachable = (from, to) => {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const next of edges.get(node) ?? []) {
      if (next === to) return true;
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return false;
};

const problems = [];
let required = 0;
for (const [index, raw] of readFileSync(orderingPath, 'utf8').split('\n').entries()) {
  const line = raw.replace(/#.*/, '').trim();
  if (line === '') continue;
  const parts = line.split(/\s*->\s*/);
  if (parts.length !== 2 || parts.some((part) => !/^[A-Za-z0-9_.\-[\]"]+$/.test(part))) {
    problems.push(`${orderingPath}:${index + 1}: expected "<address> -> <address>", got "${raw}"`);
    continue;
  }
  required++;
  const [from, to] = parts;
  if (!edges.has(from) && ![...edges.values()].some((targets) => targets.has(from))) {
    problems.push(`${orderingPath}:${index + 1}: ${from} is not in the configuration's graph`);
  } else if (!reachable(from, to)) {
    problems.push(
      `${orderingPath}:${index + 1}: ${from} does not depend on ${to} (add a reference or depends_on)`,
    );
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
console.log(`${required} ordering requirement(s) hold`);
