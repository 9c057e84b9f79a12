#!/usr/bin/env node
// `pnpm run audit:deps`: every package version in pnpm-lock.yaml is checked against the npm registry's
// advisory service (the bulk endpoint npm itself uses). High and critical advisories fail unless
// audit-allowlist.json lists them with a reason and an expiry date; an expired entry fails too.
//
// When the advisory service cannot be asked (network error, timeout, an answer that is not the advisory
// list), the audit has NOT passed: it says so in a banner and exits 3 (pnpm run check shows WARN), or 1
// when CATALOG_AUDIT=required (the CI workflows set it). It never prints a pass it did not earn.
//
// Options: --lockfile <path> --allowlist <path>; CATALOG_AUDIT_REGISTRY overrides the registry URL.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FAILING = new Set(['high', 'critical']);
const WARN_EXIT = 3;
const TIMEOUT_MS = 20_000;

const option = (flag, fallback) => {
  const at = process.argv.indexOf(flag);
  return at === -1 ? fallback : resolve(process.argv[at + 1]);
};
const lockfile = option('--lockfile', resolve(root, 'pnpm-lock.yaml'));
const allowlistFile = option('--allowlist', resolve(root, 'audit-allowlist.json'));
const required = process.env.CATALOG_AUDIT === 'required';

const registry = () => {
  const configured =
    process.env.CATALOG_AUDIT_REGISTRY ??
    execFileSync('pnpm', ['config', 'get', 'registry'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  return configured.replace(/\/+$/, '');
};

/** { name: [versions] } of every package the lockfile installs. */
export const lockedPackages = (text) => {
  const packages = parse(text)?.packages ?? {};
  const byName = {};
  for (const key of Object.keys(packages)) {
    const at = key.lastIndexOf('@');
    if (at <= 0) continue;
    const name = key.slice(0, at);
    const version = key.slice(at + 1).replace(/\(.*$/, '');
    if (!semver.valid(version)) continue; // git or tarball dependencies have no advisories by version
    (byName[name] ??= []).push(version);
  }
  return byName;
};

const unreachable = (why) => {
  const line = '!'.repeat(78);
  console.error(`\n${line}\n!!! DEPENDENCY AUDIT DID NOT RUN: ${why}`);
  console.error('!!! No advisory was checked, so this is not a pass.');
  console.error(
    required
      ? '!!! CATALOG_AUDIT=required: failing.'
      : '!!! Re-run where the registry is reachable; CI sets CATALOG_AUDIT=required and fails here.',
  );
  console.error(`${line}\n`);
  process.exit(required ? 1 : WARN_EXIT);
};

const fetchAdvisories = async (url, body) => {
  let response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return unreachable(`cannot reach ${url}: ${error.cause?.code ?? error.cause?.message ?? error.message}`);
  }
  if (!response.ok) return unreachable(`${url} answered HTTP ${response.status} ${response.statusText}`);
  try {
    const advisories = await response.json();
    if (typeof advisories !== 'object' || advisories === null || Array.isArray(advisories)) throw new Error();
    return advisories;
  } catch {
    return unreachable(`${url} did not answer with an advisory list`);
  }
};

const advisoryId = (advisory) => /GHSA-[\w-]+/.exec(advisory.url ?? '')?.[0] ?? String(advisory.id);

const readAllowlist = () => {
  const { advisories } = JSON.parse(readFileSync(allowlistFile, 'utf8'));
  const problems = [];
  for (const entry of advisories) {
    if (!entry.id || !entry.package || !entry.reason || !entry.expires) {
      problems.push(`allowlist entry ${JSON.stringify(entry)} needs id, package, reason and expires`);
    } else if (!(Date.parse(entry.expires) > Date.now())) {
      problems.push(`allowlist entry ${entry.id} (${entry.package}) expired on ${entry.expires}: review it`);
    }
  }
  return { entries: advisories, problems };
};

/** Every advisory that affects an installed version, with its allowlist entry when there is one. */
const matchAdvisories = (advisories, packages, entries) =>
  Object.entries(advisories).flatMap(([name, list]) =>
    (Array.isArray(list) ? list : []).flatMap((advisory) => {
      const affected = (packages[name] ?? []).filter((version) =>
        semver.satisfies(version, advisory.vulnerable_versions ?? '*', { includePrerelease: true }),
      );
      if (affected.length === 0) return [];
      const id = advisoryId(advisory);
      const allowed = entries.find((entry) => entry.id === id && entry.package === name);
      return [{ name, id, affected, allowed, severity: advisory.severity, title: advisory.title }];
    }),
  );

const report = (findings, entries) => {
  for (const f of findings) {
    const mark = f.allowed ? 'ALLOWED' : FAILING.has(f.severity) ? 'FAIL   ' : 'note   ';
    console.log(`  ${mark} ${f.severity.padEnd(8)} ${f.id} ${f.name}@${f.affected.join(',')}: ${f.title}`);
    if (f.allowed) console.log(`          allowlisted until ${f.allowed.expires}: ${f.allowed.reason}`);
  }
  for (const entry of entries) {
    if (!findings.some((f) => f.id === entry.id && f.name === entry.package)) {
      console.log(`  stale allowlist entry ${entry.id} (${entry.package}): no longer matches, remove it`);
    }
  }
};

const main = async () => {
  const packages = lockedPackages(readFileSync(lockfile, 'utf8'));
  const { entries, problems } = readAllowlist();
  const url = `${registry()}/-/npm/v1/security/advisories/bulk`;
  const findings = matchAdvisories(await fetchAdvisories(url, packages), packages, entries);

  const count = Object.values(packages).reduce((sum, versions) => sum + versions.length, 0);
  console.log(`Audited ${count} package versions against ${url}: ${findings.length} advisory match(es).`);
  report(findings, entries);
  const failing = findings.filter((f) => !f.allowed && FAILING.has(f.severity));
  for (const problem of problems) console.error(`✖ ${problem}`);
  if (failing.length > 0 || problems.length > 0) {
    console.error(
      `✖ audit:deps: ${failing.length} high/critical advisory(ies) not in ${allowlistFile}` +
        (problems.length > 0 ? `, ${problems.length} allowlist problem(s)` : ''),
    );
    process.exit(1);
  }
  console.log('✔ audit:deps: no high or critical advisory outside the allowlist');
};

await main();
