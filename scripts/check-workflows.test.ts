import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pr = readFileSync(join(root, '.github/workflows/pull-request.yml'), 'utf8');
const deploy = readFileSync(join(root, '.github/workflows/deploy-environment.yml'), 'utf8');

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Runs the workflow check over a folder holding one workflow. */
const check = (workflow: string) => {
  dir = mkdtempSync(join(tmpdir(), 'catalog-workflows-'));
  writeFileSync(join(dir, 'planted.yml'), workflow);
  const run = spawnSync(process.execPath, [join(root, 'scripts/check-workflows.mjs'), dir], {
    encoding: 'utf8',
  });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
};

const planted = (text: string, from: string, to: string) => {
  expect(text).toContain(from); // the planted violation must apply
  return text.replace(from, to);
};

describe('pnpm run lint:workflows', () => {
  it('passes the repository workflows', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts/check-workflows.mjs')], {
      encoding: 'utf8',
    });
    expect(run.stdout).toMatch(/3 workflow\(s\) valid and within policy/);
    expect(run.status).toBe(0);
  });

  it('fails on a schema violation (an unknown permission level)', () => {
    const { code, output } = check(planted(pr, '      contents: read\n', '      contents: reed\n'));
    expect(code).toBe(1);
    expect(output).toMatch(/schema: \/jobs\/check/);
  });

  it('fails on an action pinned by tag, and on a SHA without a version comment', () => {
    const tagged = planted(
      pr,
      'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
      'actions/checkout@v4',
    );
    const uncommented = planted(
      tagged,
      'setup-terraform@b9cd54a3c349d3f38e8881555d616ced269862dd # v3.1.2',
      'setup-terraform@b9cd54a3c349d3f38e8881555d616ced269862dd',
    );
    const { code, output } = check(uncommented);
    expect(code).toBe(1);
    expect(output).toMatch(/actions\/checkout@v4 is not pinned by a full commit SHA/);
    expect(output).toMatch(/setup-terraform@b9cd54a3\w+ has no version comment/);
  });

  it('fails on a job without permissions and on a workflow without top-level permissions', () => {
    const noJob = planted(
      pr,
      '    timeout-minutes: 20\n    permissions:\n      contents: read\n',
      '    timeout-minutes: 20\n',
    );
    const { code, output } = check(planted(noJob, '\npermissions: {}\n', '\n'));
    expect(code).toBe(1);
    expect(output).toMatch(/no top-level permissions/);
    expect(output).toMatch(/job check: no permissions:/);
  });

  it('fails on an environment job without a concurrency group', () => {
    const { code, output } = check(
      planted(
        deploy,
        '    concurrency:\n      group: terraform-${{ inputs.environment }}\n      cancel-in-progress: false\n',
        '',
      ),
    );
    expect(code).toBe(1);
    expect(output).toMatch(/job deploy: targets an environment without a concurrency: group/);
  });

  it('fails on an expression inside run: (template injection)', () => {
    const { code, output } = check(
      planted(
        pr,
        'pnpm run gate:openapi -- --base "$BASE_REF"',
        'pnpm run gate:openapi -- --base "${{ github.base_ref }}"',
      ),
    );
    expect(code).toBe(1);
    expect(output).toMatch(/job contract-gates, step .*: \$\{\{ \}\} inside run:/);
  });
});
