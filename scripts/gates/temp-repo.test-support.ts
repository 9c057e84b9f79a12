import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = join(repoRoot, 'node_modules/.bin/tsx');

/** A throw-away git repository whose first commit holds `paths` copied from this repository. */
export const tempRepo = (paths: readonly string[]) => {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-gate-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=gate@test', '-c', 'user.name=gate', ...args], {
      cwd: dir,
      encoding: 'utf8',
      stdio: 'pipe',
    });
  git('init', '--quiet', '--initial-branch=main');
  for (const path of paths) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    cpSync(join(repoRoot, path), join(dir, path), { recursive: true });
  }
  git('add', '-A');
  git('commit', '--quiet', '--no-verify', '-m', 'base');
  return {
    dir,
    read: (path: string) => readFileSync(join(dir, path), 'utf8'),
    write: (path: string, content: string) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    remove: (path: string) => rmSync(join(dir, path)),
    /** Runs a gate script (scripts/gates/<name>.ts of this repository) against the base commit. */
    gate: (script: string, base = 'main') => {
      const run = spawnSync(
        tsx,
        [join(repoRoot, 'scripts/gates', script), '--', '--base', base, '--root', dir],
        {
          encoding: 'utf8',
        },
      );
      return { code: run.status, output: `${run.stdout}${run.stderr}` };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
};
