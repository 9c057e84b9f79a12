import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FILES = [
  'package.json',
  '.nvmrc',
  'lefthook.yml',
  '.secretlintrc.json',
  'scripts/bootstrap.sh',
  'scripts/install-git-hooks.mjs',
  'scripts/hooks/with-tools.sh',
];
// The hooks' own switches are cleared so that the test decides; PATH keeps Node 22 and pnpm.
const env = (extra: Record<string, string> = {}) => {
  const {
    CI: _ci,
    CATALOG_SKIP_GIT_HOOKS: _skip,
    GITHUB_ACTIONS: _gha,
    LEFTHOOK: _lh,
    ...rest
  } = process.env;
  return { ...rest, ...extra };
};

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A fresh clone-like folder: the hook files, this repository's node_modules, and (optionally) git. */
const project = (withGit = true) => {
  dir = mkdtempSync(join(tmpdir(), 'catalog-hooks-'));
  const repo = join(dir, 'repo');
  for (const file of FILES) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    cpSync(join(root, file), join(repo, file));
  }
  symlinkSync(join(root, 'node_modules'), join(repo, 'node_modules'));
  writeFileSync(join(repo, '.gitignore'), 'node_modules\n');
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=hooks@test', '-c', 'user.name=hooks', ...args], {
      cwd: repo,
      encoding: 'utf8',
      env: env(),
      stdio: 'pipe',
    });
  if (withGit) git('init', '--quiet', '--initial-branch=main');
  const prepare = (cwd = repo, extra: Record<string, string> = {}) => {
    const run = spawnSync(process.execPath, [join(cwd, 'scripts/install-git-hooks.mjs')], {
      cwd,
      encoding: 'utf8',
      env: env(extra),
    });
    return { code: run.status, output: `${run.stdout}${run.stderr}` };
  };
  const commit = (file: string, content: string) => {
    writeFileSync(join(repo, file), content);
    git('add', file);
    const run = spawnSync(
      'git',
      ['-c', 'user.email=hooks@test', '-c', 'user.name=hooks', 'commit', '-m', file],
      {
        cwd: repo,
        encoding: 'utf8',
        env: env(),
      },
    );
    return { code: run.status, output: `${run.stdout}${run.stderr}` };
  };
  return { repo, git, prepare, commit };
};

// lefthook, git and secretlint are spawned for real (several seconds on a busy machine).
describe('the pre-commit hook (pnpm install -> prepare)', { timeout: 60_000 }, () => {
  it('is installed in a clone and refuses a commit that adds a secret', () => {
    const { repo, prepare, commit } = project();
    const installed = prepare();
    expect(installed.code).toBe(0);
    expect(existsSync(join(repo, '.git/hooks/pre-commit'))).toBe(true);

    expect(commit('notes.txt', 'nothing to see\n')).toMatchObject({ code: 0 });
    const refused = commit('notes2.txt', `token=ghp_${'Ab1'.repeat(12)}\n`);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/GITHUB_TOKEN/);
  });

  it('installs nothing, successfully, in CI, without git, when told to, and in a linked worktree', () => {
    const ci = project();
    expect(ci.prepare(ci.repo, { CI: 'true' })).toMatchObject({
      code: 0,
      output: expect.stringMatching(/CI is set/),
    });
    expect(ci.prepare(ci.repo, { CATALOG_SKIP_GIT_HOOKS: '1' }).output).toMatch(/CATALOG_SKIP_GIT_HOOKS=1/);
    expect(existsSync(join(ci.repo, '.git/hooks/pre-commit'))).toBe(false);

    ci.git('add', '-A');
    ci.git('commit', '--quiet', '--no-verify', '-m', 'base');
    const linked = join(dirname(ci.repo), 'linked');
    ci.git('worktree', 'add', '--quiet', linked);
    symlinkSync(join(root, 'node_modules'), join(linked, 'node_modules'));
    expect(ci.prepare(linked)).toMatchObject({ code: 0, output: expect.stringMatching(/linked worktree/) });
    expect(existsSync(join(ci.repo, '.git/hooks/pre-commit'))).toBe(false);
    rmSync(dir!, { recursive: true, force: true });

    const exported = project(false);
    expect(exported.prepare()).toMatchObject({
      code: 0,
      output: expect.stringMatching(/not a git work tree/),
    });
  });
});
