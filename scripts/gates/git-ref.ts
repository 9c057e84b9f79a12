/** Reading the base branch's version of a file for the contract gates, and their shared arguments. */
import { execFileSync } from 'node:child_process';

const git = (args: string[], cwd: string): string =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });

const resolves = (ref: string, cwd: string): boolean => {
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
    return true;
  } catch {
    return false;
  }
};

/** `--base <ref>` (default: origin/main when it exists, else main) and `--root <dir>`. */
export const parseGateArgs = (argv: string[], cwd = process.cwd()): { base: string; root: string } => {
  const args = argv.filter((arg) => arg !== '--');
  const value = (flag: string): string | undefined => {
    const at = args.indexOf(flag);
    if (at === -1) return undefined;
    const next = args[at + 1];
    if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
    return next;
  };
  const root = value('--root') ?? cwd;
  const base = value('--base') ?? (resolves('origin/main', root) ? 'origin/main' : 'main');
  if (!resolves(base, root)) {
    throw new Error(`base ref "${base}" is not a commit in ${root} (fetch it, e.g. git fetch origin main)`);
  }
  return { base, root };
};

/** The file's content at `ref`, or undefined when it does not exist there. */
export const readAtRef = (ref: string, path: string, root: string): string | undefined => {
  try {
    return git(['show', `${ref}:${path}`], root);
  } catch {
    return undefined;
  }
};

/** Files directly under `dir` at `ref` (paths relative to the repository root). */
export const listAtRef = (ref: string, dir: string, root: string): string[] =>
  git(['ls-tree', '--name-only', ref, `${dir.replace(/\/$/, '')}/`], root)
    .split('\n')
    .filter(Boolean);
