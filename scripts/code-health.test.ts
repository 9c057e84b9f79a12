// The supply-chain and code-health checks of `pnpm run check` each fail on a planted violation, with the
// repository's own configuration. Violations are written to temporary folders, never committed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A temporary folder with the given files (and copies of repository files under the same names). */
const folder = (files: Record<string, string>, copies: string[] = []) => {
  dir = mkdtempSync(join(tmpdir(), 'catalog-health-'));
  for (const copy of copies) copyFileSync(join(root, copy), join(dir, copy));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
};

const run = (command: string, args: string[], cwd: string) => {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
};

// Built at run time so that no credential-shaped string is ever committed, not even in this test.
const fakeGitHubToken = () => `ghp_${'Ab1'.repeat(12)}`;
const fakeAwsSecret = () => `wJalrXUtnFEMI/K7MDENG/bPxRfiCY${'z'.repeat(10)}`;

describe('secrets scanning (secretlint, preset recommend)', { timeout: 30_000 }, () => {
  const scan = (cwd: string) =>
    run(
      bin('secretlint'),
      ['--secretlintrc', join(root, '.secretlintrc.json'), '--maskSecrets', `${cwd}/**/*`],
      root,
    );

  it('fails on a planted token and AWS secret key, masking them in the report', () => {
    const cwd = folder({
      'src/config.ts': `export const token = "${fakeGitHubToken()}";\n`,
      '.env.example': `AWS_SECRET_ACCESS_KEY=${fakeAwsSecret()}\n`,
    });
    const { code, output } = scan(cwd);
    expect(code).toBe(1);
    expect(output).toMatch(/\[GITHUB_TOKEN\] found GitHub Token/);
    expect(output).toMatch(/\[AWSSecretAccessKey\]/);
    expect(output).not.toContain(fakeGitHubToken());
  });

  it('passes ordinary code', () => {
    expect(scan(folder({ 'src/config.ts': 'export const region = "eu-west-1";\n' }))).toMatchObject({
      code: 0,
    });
  });
});

describe('markdown lint (markdownlint-cli2, repository config)', { timeout: 30_000 }, () => {
  it('fails on a planted violation and passes the fixed document', () => {
    const cwd = folder(
      { 'docs/guide.md': '# Guide\nText right under the heading.\n```\nno language\n```\n' },
      ['.markdownlint-cli2.jsonc'],
    );
    const bad = run(bin('markdownlint-cli2'), [], cwd);
    expect(bad.code).toBe(1);
    expect(bad.output).toMatch(/docs\/guide\.md:1 error MD022\/blanks-around-headings/);
    expect(bad.output).toMatch(/MD040\/fenced-code-language/);
    writeFileSync(join(cwd, 'docs/guide.md'), '# Guide\n\nText under the heading.\n\n```sh\nls\n```\n');
    expect(run(bin('markdownlint-cli2'), [], cwd)).toMatchObject({ code: 0 });
  });
});

describe('unused files, exports and dependencies (knip, repository config)', { timeout: 60_000 }, () => {
  it('fails on an orphan file, an unused export and an unused dependency in a workspace package', () => {
    const cwd = folder(
      {
        'package.json': JSON.stringify({ name: 'mini', private: true, type: 'module' }),
        'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
        'packages/domain/package.json': JSON.stringify({
          name: '@catalog/domain',
          type: 'module',
          exports: { '.': './src/index.ts' },
          dependencies: { 'left-pad': '1.3.0' },
        }),
        'packages/domain/src/index.ts': "export { used } from './used';\n",
        'packages/domain/src/used.ts': 'export const used = 1;\nexport const forgotten = 2;\n',
        'packages/domain/src/orphan.ts': 'export const orphan = 3;\n',
      },
      ['knip.jsonc'],
    );
    const { code, output } = run(bin('knip'), ['--no-progress'], cwd);
    expect(code).toBe(1);
    expect(output).toMatch(/Unused files[^\n]*\n[^\n]*packages\/domain\/src\/orphan\.ts/);
    expect(output).toMatch(/Unused dependencies[^\n]*\n[^\n]*left-pad/);
    expect(output).toMatch(/forgotten/);
  });
});

describe('cognitive complexity (eslint-plugin-sonarjs in eslint.config.js)', { timeout: 60_000 }, () => {
  const eslint = new ESLint({ cwd: root });
  const lint = async (code: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(root, 'scripts/planted-complexity.mjs') });
    return result?.messages.map((message) => `${message.ruleId ?? ''}: ${message.message}`) ?? [];
  };
  // Each nested `if` adds 1 + its depth; n levels cost n(n+1)/2.
  const nested = (levels: number) =>
    `export const f = (a) => {\n${Array.from({ length: levels }, (_, i) => `${'  '.repeat(i + 1)}if (a[${i}]) {\n`).join('')}` +
    `${'  '.repeat(levels + 1)}return 1;\n${Array.from({ length: levels }, (_, i) => `${'  '.repeat(levels - i)}}\n`).join('')}  return 0;\n};\n`;

  it('fails a function above 15 and passes one at 15', async () => {
    expect(await lint(nested(6))).toEqual([
      'sonarjs/cognitive-complexity: Refactor this function to reduce its Cognitive Complexity from 21 to the 15 allowed.',
    ]);
    expect(await lint(nested(5))).toEqual([]);
  });
});
