import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compareApis, OPENAPI_PATH } from './openapi-gate';
import { repoRoot, tempRepo } from './temp-repo.test-support';

const spec = readFileSync(join(repoRoot, OPENAPI_PATH), 'utf8');
const compareWith = (edit: (text: string) => string) => {
  const edited = edit(spec);
  expect(edited).not.toBe(spec); // the planted change must have applied
  return compareApis(parse(spec) as Record<string, unknown>, parse(edited) as Record<string, unknown>);
};

let repo: ReturnType<typeof tempRepo> | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

describe('compareApis', () => {
  it('finds no change between the description and itself', () => {
    expect(
      compareApis(parse(spec) as Record<string, unknown>, parse(spec) as Record<string, unknown>),
    ).toEqual({
      breaking: [],
      unclassified: [],
      nonBreaking: 0,
      majorBump: false,
    });
  });

  it.each([
    [
      'a narrower request body',
      (t: string) => t.replace('maxLength: 100\n', 'maxLength: 50\n'),
      /name > maxLength/,
    ],
    [
      'a query parameter that becomes required',
      (t: string) =>
        t.replace(
          'schema: { type: string, maxLength: 2048 }',
          'required: true\n          schema: { type: string, maxLength: 2048 }',
        ),
      /parameters > 2 > required/,
    ],
    [
      'a removed operation',
      (t: string) => t.replace('    delete:\n      tags: [products]', '    x-gone:\n      tags: [products]'),
      /\{id\} > delete$/,
    ],
    [
      'a response that may carry a new type',
      (t: string) => t.replace("type: [string, 'null']", "type: [string, 'null', integer]"),
      /nextCursor > type/,
    ],
  ])('classifies %s as breaking', (_label, edit, where) => {
    const result = compareWith(edit);
    expect(result.breaking.map((change) => change.path).join('\n')).toMatch(where);
  });

  it('classifies a new operation and a longer allowed name as not breaking', () => {
    const result = compareWith((t) =>
      t
        .replace('maxLength: 100\n', 'maxLength: 200\n')
        .replace(
          'paths:\n',
          "paths:\n  /api/health:\n    get:\n      responses:\n        '200': { description: ok }\n",
        ),
    );
    expect(result.breaking).toEqual([]);
    expect(result.nonBreaking).toBeGreaterThanOrEqual(3);
  });

  it('notices a new major info.version', () => {
    expect(compareWith((t) => t.replace('  version: 1.0.0', '  version: 2.0.0')).majorBump).toBe(true);
  });
});

// Each case spawns tsx and git.
describe('pnpm run gate:openapi', { timeout: 30_000 }, () => {
  it('passes an unchanged description and fails on a planted breaking change', () => {
    repo = tempRepo([OPENAPI_PATH]);
    expect(repo.gate('openapi-gate.ts')).toMatchObject({ code: 0 });
    repo.write(OPENAPI_PATH, spec.replace('maxLength: 100\n', 'maxLength: 50\n'));
    const { code, output } = repo.gate('openapi-gate.ts');
    expect(code).toBe(1);
    expect(output).toMatch(/BREAKING replace paths > \/api\/products > post > requestBody/);
    expect(output).toMatch(/✖ gate:openapi: 2 breaking change\(s\)/);
  });

  it('lets a breaking change through with a new major version, still listing it', () => {
    repo = tempRepo([OPENAPI_PATH]);
    repo.write(
      OPENAPI_PATH,
      spec.replace('maxLength: 100\n', 'maxLength: 50\n').replace('  version: 1.0.0', '  version: 2.0.0'),
    );
    const { code, output } = repo.gate('openapi-gate.ts');
    expect(code).toBe(0);
    expect(output).toMatch(/BREAKING replace/);
    expect(output).toMatch(/accepted with a new major info\.version/);
  });
});
