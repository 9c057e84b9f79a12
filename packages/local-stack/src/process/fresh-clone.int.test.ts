import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRunning, REPOSITORY_ROOT, startStackProcess, tokenFrom, type StackProcess } from './stack-process';

// The README's start command, verbatim, in a clean clone of this repository's committed state.
const README_START = 'npm start';

const folder = mkdtempSync(join(tmpdir(), 'catalog-fresh-clone-'));
const clone = join(folder, 'catalog');
let stack: StackProcess | undefined;
afterAll(async () => {
  if (stack?.child.exitCode === null) {
    process.kill(-stack.child.pid!, 'SIGTERM');
    await stack.exited;
  }
  rmSync(folder, { recursive: true, force: true });
});

describe(`a fresh clone started with \`${README_START}\` and no flags`, () => {
  it('installs what it needs, runs on DynamoDB Local with its data on disk in the clone, and stops on Ctrl-C', async () => {
    expect(readFileSync(join(REPOSITORY_ROOT, 'README.md'), 'utf8')).toMatch(
      new RegExp(`^${README_START} `, 'm'),
    );
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', REPOSITORY_ROOT, clone]);
    expect(existsSync(join(clone, 'node_modules'))).toBe(false);

    stack = await startStackProcess({
      command: README_START.split(' '),
      args: [],
      cwd: clone,
      timeoutMs: 300_000,
    });
    expect(stack.origin).toBe('http://127.0.0.1:3000');
    expect(stack.eventsUrl).toBe('http://127.0.0.1:4010');
    expect(stack.storage).toContain('DynamoDB Local via java');
    expect(stack.storage).toContain(`data in ${join(clone, '.local', 'data', 'dynamodb')}`);
    expect(stack.output()).not.toMatch(/in-memory|IN-MEMORY|Invalid directory/);

    const token = await tokenFrom(stack.origin);
    const created = await fetch(`${stack.apiUrl}/api/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Fresh', price: { amount: 1, currency: 'EUR' } }),
    });
    expect(created.status).toBe(201);
    expect(stack.apiUrl).toBe('http://127.0.0.1:3000/local');
    expect(existsSync(join(clone, '.local', 'data', 'dynamodb', 'shared-local-instance.db'))).toBe(true);
    expect(existsSync(join(clone, '.local', 'data', 'auth', 'signing-key.json'))).toBe(true);

    // Ctrl-C in a terminal: SIGINT to the whole foreground process group (npm, start.mjs, the stack).
    const jvm = stack.jvmPid!;
    process.kill(-stack.child.pid!, 'SIGINT');
    const { code } = await stack.exited;
    expect(code).toBe(0);
    expect(stack.output()).not.toMatch(/ELIFECYCLE|npm (ERR|error)/);
    expect(stack.output().trim().split('\n').at(-1)).toBe('Catalog local stack stopped (SIGINT).');
    expect(isRunning(jvm)).toBe(false);
  });
});
