import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const checker = join(resolve(dirname(fileURLToPath(import.meta.url))), 'check-ordering.mjs');
const dir = mkdtempSync(join(tmpdir(), 'catalog-ordering-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// What `terraform graph` prints for a stage that depends on its log group through a deployment.
const graph = `digraph G {
  rankdir = "RL";
  node [shape = rect, fontname = "sans-serif"];
  "aws_api_gateway_stage.this" [label="aws_api_gateway_stage.this"];
  "aws_api_gateway_stage.this" -> "aws_api_gateway_deployment.this";
  "aws_api_gateway_deployment.this" -> "aws_cloudwatch_log_group.execution";
  "aws_api_gateway_account.this" -> "aws_iam_role.logging";
}`;
writeFileSync(join(dir, 'graph.dot'), graph);

const check = (ordering: string): { code: number; output: string } => {
  writeFileSync(join(dir, 'ordering.txt'), ordering);
  try {
    const output = execFileSync('node', [checker, join(dir, 'graph.dot'), join(dir, 'ordering.txt')], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { code: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { code: failed.status, output: failed.stdout + failed.stderr };
  }
};

describe('check-ordering', () => {
  it('accepts a dependency Terraform orders, directly or through other resources', () => {
    const { code, output } = check(
      '# comment\naws_api_gateway_stage.this -> aws_cloudwatch_log_group.execution\n',
    );
    expect(output).toContain('1 ordering requirement(s) hold');
    expect(code).toBe(0);
  });

  it('fails when the graph does not order the two resources', () => {
    const { code, output } = check('aws_api_gateway_stage.this -> aws_api_gateway_account.this\n');
    expect(code).toBe(1);
    expect(output).toContain('aws_api_gateway_stage.this does not depend on aws_api_gateway_account.this');
  });

  it('fails on a resource the configuration does not have', () => {
    const { code, output } = check('aws_api_gateway_stage.other -> aws_api_gateway_account.this\n');
    expect(code).toBe(1);
    expect(output).toContain('aws_api_gateway_stage.other is not in the configuration');
  });

  it('fails on a line that is not an ordering', () => {
    const { code, output } = check('aws_api_gateway_stage.this depends on everything\n');
    expect(code).toBe(1);
    expect(output).toContain('expected "<address> -> <address>"');
  });
});
