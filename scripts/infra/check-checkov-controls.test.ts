import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const checker = join(root, 'scripts/infra/check-checkov-controls.mjs');

const run = (args: string[]): { code: number; output: string } => {
  try {
    return { code: 0, output: execFileSync('node', [checker, ...args], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { code: failed.status, output: failed.stdout + failed.stderr };
  }
};

const registry = {
  resourceTypes: {
    aws_lambda_function: {
      CKV_AWS_116: { title: 'DLQ', handled: 'waived' },
      CKV_AWS_50: { title: 'X-Ray', handled: 'fixed', evidence: 'mode\\s*=\\s*"Active"' },
    },
    aws_sqs_queue: {
      CKV_AWS_27: { title: 'encrypted', handled: 'fixed', evidence: 'kms_master_key_id\\s*=' },
    },
  },
};

const reason = 'Invoked synchronously only, a dead-letter queue would never receive anything.';
const lambda = (body: string): string => `resource "aws_lambda_function" "this" {\n${body}\n}\n`;
const good = lambda(
  `  #checkov:skip=CKV_AWS_116:${reason}\n  description = "Routes: \${join(", ", ["a", "b"])} {"\n  tracing_config {\n    mode = "Active"\n  }`,
);

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A miniature repository: its terraform files, the registry and an ADR listing every control. */
const repo = (files: Record<string, string>, adr = 'CKV_AWS_116 CKV_AWS_50 CKV_AWS_27'): string[] => {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-checkov-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries({
    'registry.json': JSON.stringify(registry),
    'adr.md': adr,
    ...files,
  })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return ['--root', dir, '--registry', join(dir, 'registry.json'), '--adr', join(dir, 'adr.md')];
};

describe('check-checkov-controls', () => {
  it('accepts the repository as it is', () => {
    const { code, output } = run([]);
    expect(output).toMatch(/checkov controls: \d+ resource blocks/);
    expect(code).toBe(0);
  });

  it('accepts a block that carries every fix and every waiver', () => {
    expect(run(repo({ 'terraform/m/main.tf': good })).code).toBe(0);
  });

  it('fails when a waived control has no skip comment in a block', () => {
    const { code, output } = run(
      repo({ 'terraform/m/main.tf': lambda('  tracing_config {\n    mode = "Active"\n  }') }),
    );
    expect(code).toBe(1);
    expect(output).toContain("CKV_AWS_116 (DLQ) is waived: add '#checkov:skip=CKV_AWS_116:<reason>'");
  });

  it('fails when a skip has no written reason', () => {
    const tf = good.replace(reason, 'because');
    const { code, output } = run(repo({ 'terraform/m/main.tf': tf }));
    expect(code).toBe(1);
    expect(output).toContain('the skip of CKV_AWS_116 needs a written reason');
  });

  it('fails when a fix is undone', () => {
    const { code, output } = run(repo({ 'terraform/m/main.tf': good.replace('"Active"', '"PassThrough"') }));
    expect(code).toBe(1);
    expect(output).toContain('CKV_AWS_50 (X-Ray) is no longer fixed');
  });

  it('fails on a skip the registry does not waive', () => {
    const tf = good.replace('  tracing_config', `  #checkov:skip=CKV_AWS_117:${reason}\n  tracing_config`);
    const { code, output } = run(repo({ 'terraform/m/main.tf': tf }));
    expect(code).toBe(1);
    expect(output).toContain('skips CKV_AWS_117, which the registry does not waive');
  });

  it('fails on a resource type nobody has reviewed', () => {
    const { code, output } = run(
      repo({ 'terraform/m/main.tf': good + 'resource "aws_s3_bucket" "b" {\n}\n' }),
    );
    expect(code).toBe(1);
    expect(output).toContain('aws_s3_bucket is not in');
  });

  it('checks every block, also after heredocs and nested strings', () => {
    const heredoc = 'resource "aws_sqs_queue" "q" {\n  policy = <<-EOT\n    { "unbalanced": {\n  EOT\n}\n';
    const after = good.replace('"this"', '"after"').replace('"Active"', '"PassThrough"');
    const { code, output } = run(repo({ 'terraform/m/main.tf': good + heredoc + after }));
    expect(code).toBe(1);
    expect(output).toContain('main.tf:8 aws_sqs_queue.q: CKV_AWS_27 (encrypted) is no longer fixed');
    expect(output).toContain('main.tf:13 aws_lambda_function.after: CKV_AWS_50 (X-Ray) is no longer fixed');
  });

  it('checks the fix a conditional waiver names for its other case', () => {
    const conditional = {
      resourceTypes: {
        ...registry.resourceTypes,
        aws_lambda_function: {
          ...registry.resourceTypes.aws_lambda_function,
          CKV_AWS_116: {
            title: 'DLQ',
            handled: 'waived',
            fixedWhen: 'a destination is given',
            evidence: 'dynamic\\s+"destination"',
          },
        },
      },
    };
    const withFix = good.replace('  tracing_config', '  dynamic "destination" {}\n  tracing_config');
    const args = (tf: string): string[] => {
      const base = repo({ 'terraform/m/main.tf': tf });
      writeFileSync(base[3]!, JSON.stringify(conditional));
      return base;
    };
    expect(run(args(withFix)).code).toBe(0);
    const { code, output } = run(args(good));
    expect(code).toBe(1);
    expect(output).toContain('CKV_AWS_116 (DLQ) is no longer fixed when a destination is given');
  });

  it('does not take a longer control id in the ADR for the one it lists', () => {
    const { code, output } = run(repo({ 'terraform/m/main.tf': good }, 'CKV_AWS_116 CKV_AWS_50 CKV_AWS_270'));
    expect(code).toBe(1);
    expect(output).toContain('does not list CKV_AWS_27');
  });

  it('fails when the ADR does not list a control', () => {
    const { code, output } = run(repo({ 'terraform/m/main.tf': good }, 'CKV_AWS_116 CKV_AWS_50'));
    expect(code).toBe(1);
    expect(output).toContain('does not list CKV_AWS_27');
  });
});
