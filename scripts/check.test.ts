import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Runs scripts/check.mjs in a folder whose package scripts stand in for the tools (exit codes given). */
const checkWith = (exits: Record<string, number>, args: string[] = []) => {
  dir = mkdtempSync(join(tmpdir(), 'catalog-check-'));
  const scripts = Object.fromEntries(Object.entries(exits).map(([name, code]) => [name, `exit ${code}`]));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'stand-in', private: true, scripts }));
  const run = spawnSync(process.execPath, [join(root, 'scripts/check.mjs'), ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
};

const ALL = {
  'format:check': 0,
  lint: 0,
  typecheck: 0,
  'deps:check': 0,
  'lint:api': 0,
  'lint:md': 0,
  'lint:workflows': 0,
  'lint:secrets': 0,
  'lint:unused': 0,
  'audit:deps': 0,
};

// Each check is a pnpm process (a few hundred ms each).
describe('pnpm run check', { timeout: 60_000 }, () => {
  it('runs every check after a failure and names each failed tool', () => {
    const { code, output } = checkWith({ ...ALL, lint: 1, 'lint:unused': 1 });
    expect(code).toBe(1);
    expect(output).toMatch(/FAIL {2}lint .*eslint/);
    expect(output).toMatch(/PASS {2}audit/);
    expect(output).toMatch(/✖ pnpm run check failed: lint \(eslint .*\), unused \(knip\)$/m);
  });

  it('passes with a loud warning when a check could not run (exit 3)', () => {
    const { code, output } = checkWith({ ...ALL, 'audit:deps': 3 });
    expect(code).toBe(0);
    expect(output).toMatch(/WARN {2}audit/);
    expect(output).toMatch(/!!! WARNING: audit could not complete/);
    expect(output).toMatch(/9 of 10 checks passed/);
  });

  it('runs only the named checks, and refuses an unknown name', () => {
    const some = checkWith(ALL, ['--', 'md', 'secrets']);
    expect(some.output).toMatch(/PASS {2}md[\s\S]*PASS {2}secrets/);
    expect(some.output).not.toMatch(/PASS {2}lint/);
    expect(checkWith(ALL, ['nope'])).toMatchObject({
      code: 2,
      output: expect.stringMatching(/Unknown check\(s\): nope/),
    });
  });
});
