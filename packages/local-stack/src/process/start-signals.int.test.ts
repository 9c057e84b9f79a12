import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRunning, portIsFree, portOf, startStackProcess } from './stack-process';

const dataDir = mkdtempSync(join(tmpdir(), 'catalog-signals-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('scripts/start.mjs (what pnpm start and npm start run)', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    'stops everything within seconds on %s sent to it alone, exiting 0 with the stopped line last',
    async (signal) => {
      const stack = await startStackProcess({
        args: ['--port', '0', '--events-port', '0', '--quiet', '--data-dir', dataDir],
      });
      expect(stack.storage).toContain('DynamoDB Local via java');
      const jvm = stack.jvmPid!;
      expect(isRunning(jvm)).toBe(true);
      const sent = Date.now();
      process.kill(stack.child.pid!, signal);
      const { code } = await stack.exited;
      expect(Date.now() - sent).toBeLessThan(8_000);
      expect(code).toBe(0);
      const lines = stack.output().trim().split('\n');
      expect(lines.at(-1)).toBe(`Catalog local stack stopped (${signal}).`);
      expect(stack.output()).not.toMatch(/ELIFECYCLE|failed to stop/);
      expect(isRunning(jvm)).toBe(false);
      expect(await portIsFree(portOf(stack.origin))).toBe(true);
      expect(await portIsFree(portOf(stack.eventsUrl))).toBe(true);
      expect(await portIsFree(portOf(stack.dynamoDbEndpoint!))).toBe(true);
    },
  );

  it('stops the stack, JVM included, when start.mjs itself is killed with SIGKILL', async () => {
    const stack = await startStackProcess({
      args: ['--port', '0', '--events-port', '0', '--quiet', '--data-dir', dataDir],
    });
    const jvm = stack.jvmPid!;
    process.kill(stack.child.pid!, 'SIGKILL');
    await stack.exited;
    const deadline = Date.now() + 10_000;
    const gone = async () => !isRunning(jvm) && (await portIsFree(portOf(stack.origin)));
    while (!(await gone()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isRunning(jvm)).toBe(false);
    expect(await portIsFree(portOf(stack.origin))).toBe(true);
  });
});
