import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const spec = readFileSync(join(root, 'docs/api/openapi.yaml'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'catalog-api-lint-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// `pnpm run lint:api`'s command (Redocly CLI with redocly.yaml) on a given copy of the spec.
const lint = (text: string) => {
  const file = join(dir, `openapi-${String(Math.random()).slice(2)}.yaml`);
  writeFileSync(file, text);
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/@redocly/cli/bin/cli.js'),
      'lint',
      file,
      '--config',
      join(root, 'redocly.yaml'),
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      timeout: 60_000,
    },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
};

describe('pnpm run lint:api', () => {
  it('passes docs/api/openapi.yaml as it is', () => {
    const { status, output } = lint(spec);
    expect(output).toContain('Your API description is valid');
    expect(status).toBe(0);
  }, 60_000);

  it('fails on planted violations, naming each rule', () => {
    const planted = spec
      // An operation without an operationId (recommended rule).
      .replace('      operationId: getProduct\n', '')
      // A response that does not declare X-Correlation-Id (house rule).
      .replace(
        "        '204':\n          description: Deleted, or there was nothing to delete.\n          headers:\n            X-Correlation-Id: { $ref: '#/components/headers/CorrelationId' }\n",
        "        '204':\n          description: Deleted, or there was nothing to delete.\n",
      );
    expect(planted).not.toBe(spec);
    const { status, output } = lint(planted);
    expect(status).not.toBe(0);
    expect(output).toContain('operation-operationId');
    expect(output).toContain('rule/responses-have-headers');
  }, 60_000);
});
