import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const depcruise = join(root, 'node_modules/.bin/depcruise');

/** A miniature workspace with the real rule files, where one package imports what it must not. */
const workspace = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-deprule-'));
  for (const file of ['.dependency-cruiser.cjs', 'tsconfig.base.json', 'tsconfig.depcruise.json']) {
    cpSync(join(root, file), join(dir, file));
  }
  mkdirSync(join(dir, 'scripts'));
  cpSync(join(root, 'scripts/dependency-rules.json'), join(dir, 'scripts/dependency-rules.json'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
};

const run = (command: string, args: string[], cwd: string): { code: number; output: string } => {
  try {
    const output = execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
    return { code: 0, output };
  } catch (error) {
    const failure = error as { status: number; stdout: string; stderr: string };
    return { code: failure.status, output: failure.stdout + failure.stderr };
  }
};

const cruise = (cwd: string) =>
  run(depcruise, ['packages', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], cwd);

const manifest = (name: string, dependencies: Record<string, string> = {}) =>
  JSON.stringify({ name: `@catalog/${name}`, type: 'module', dependencies });

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

// Each case spawns dependency-cruiser (about a second alone, more on a busy machine).
describe('the package dependency rule', { timeout: 30_000 }, () => {
  it('passes a workspace that follows it', () => {
    dir = workspace({
      'packages/domain/src/index.ts': 'export const a = 1;\n',
      'packages/ports/src/index.ts': "import { a } from '../../domain/src/index';\nexport const b = a;\n",
    });
    expect(cruise(dir)).toMatchObject({ code: 0 });
  });

  it('fails when the domain imports an adapter', () => {
    dir = workspace({
      'packages/domain/src/index.ts':
        "import { x } from '../../adapter-dynamodb/src/index';\nexport const a = x;\n",
      'packages/adapter-dynamodb/src/index.ts': 'export const x = 1;\n',
    });
    const { code, output } = cruise(dir);
    expect(code).not.toBe(0);
    expect(output).toMatch(/package-domain: packages\/domain\/src\/index\.ts → packages\/adapter-dynamodb/);
  });

  it('fails when one adapter imports another, or anything but local-stack imports lambdas', () => {
    dir = workspace({
      'packages/adapter-eventbridge/src/index.ts':
        "import { x } from '../../adapter-dynamodb/src/index';\nimport { h } from '../../lambdas/src/index';\nexport const y = [x, h];\n",
      'packages/adapter-dynamodb/src/index.ts': 'export const x = 1;\n',
      'packages/lambdas/src/index.ts': 'export const h = 1;\n',
    });
    const { code, output } = cruise(dir);
    expect(code).not.toBe(0);
    expect(output).toMatch(/adapter-eventbridge\/src\/index\.ts → packages\/adapter-dynamodb/);
    expect(output).toMatch(/adapter-eventbridge\/src\/index\.ts → packages\/lambdas/);
  });

  it('fails when the domain uses a runtime dependency, even a Node built-in', () => {
    dir = workspace({
      'packages/domain/src/index.ts':
        "import { createHash } from 'node:crypto';\nexport const h = createHash;\n",
    });
    const { code, output } = cruise(dir);
    expect(code).not.toBe(0);
    expect(output).toMatch(/domain-has-no-dependencies/);
  });

  it('fails when a package.json declares a forbidden workspace dependency', () => {
    dir = workspace({
      'packages/domain/package.json': manifest('domain'),
      'packages/ports/package.json': manifest('ports', { '@catalog/domain': 'workspace:*' }),
      'packages/application/package.json': manifest('application', {
        '@catalog/adapter-dynamodb': 'workspace:*',
      }),
    });
    const { code, output } = run(
      process.execPath,
      [join(root, 'scripts/check-package-deps.mjs'), join(dir, 'packages')],
      root,
    );
    expect(code).toBe(1);
    expect(output).toContain(
      '@catalog/application depends on @catalog/adapter-dynamodb, which the dependency rule forbids',
    );
  });
});
