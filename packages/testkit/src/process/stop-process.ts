import type { ChildProcess } from 'node:child_process';

/**
 * Stops a server process the harness started: `signal` first (each server's own clean shutdown), SIGKILL if
 * it has not exited after `graceMs`. Resolves once it has exited; at once if it already had.
 */
export const stopProcess = (child: ChildProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
