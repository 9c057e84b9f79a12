import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { stopProcess } from './stop-process';

// A child that reports it is ready, then waits; with `ignore`, it survives the polite signal.
const child = async (ignore: boolean) => {
  const script = `${ignore ? "process.on('SIGTERM', () => {});" : ''} console.log('ready'); setInterval(() => {}, 1000);`;
  const started = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(started.stdout, 'data');
  return started;
};

describe(stopProcess, () => {
  it('stops a process with the given signal', async () => {
    const server = await child(false);
    await stopProcess(server, 'SIGTERM', 10_000);
    expect(server.signalCode).toBe('SIGTERM');
  });

  it('kills a process that outlives the grace period', async () => {
    const server = await child(true);
    await stopProcess(server, 'SIGTERM', 200);
    expect(server.signalCode).toBe('SIGKILL');
  });

  it('resolves at once for a process that has already exited', async () => {
    const server = await child(false);
    server.kill('SIGINT');
    await once(server, 'exit');
    await stopProcess(server, 'SIGTERM', 10_000);
    expect(server.signalCode).toBe('SIGINT');
  });
});
