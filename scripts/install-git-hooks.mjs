#!/usr/bin/env node
// `prepare` (run by `pnpm install`): installs the pre-commit hook (lefthook.yml) into this clone. It does
// nothing — successfully — where hooks make no sense: CI, an export without .git, CATALOG_SKIP_GIT_HOOKS=1,
// a repository whose hooks are managed elsewhere (core.hooksPath set), or a linked worktree (`git worktree
// add`: the hooks folder is shared by every worktree of the clone, whatever branch each has checked out,
// so only the main working tree installs them; `pnpm exec lefthook install` does it by hand). Never fails
// the install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const skip = (why) => {
  console.log(`[hooks] not installing git hooks: ${why}`);
  process.exit(0);
};

if (process.env.CI) skip('CI is set');
if (process.env.CATALOG_SKIP_GIT_HOOKS === '1') skip('CATALOG_SKIP_GIT_HOOKS=1');
const git = (...args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
const inside = git('rev-parse', '--is-inside-work-tree');
if (inside.error || inside.status !== 0 || inside.stdout.trim() !== 'true') skip('not a git work tree');
const gitDir = git('rev-parse', '--absolute-git-dir').stdout.trim();
const commonDir = resolve(root, git('rev-parse', '--git-common-dir').stdout.trim());
if (gitDir !== commonDir) skip('a linked worktree shares its hooks with the whole clone');
if (git('config', '--get', 'core.hooksPath').stdout.trim())
  skip('core.hooksPath is set (hooks managed elsewhere)');
const lefthook = join(root, 'node_modules', '.bin', 'lefthook');
if (!existsSync(lefthook)) skip('lefthook is not installed');

const result = spawnSync(lefthook, ['install'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) console.warn('[hooks] lefthook install failed; commits are not checked locally');
