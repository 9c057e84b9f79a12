#!/usr/bin/env node
// `npm start` / `pnpm start`: the local stack. Works from any Node version with npm: it first sets up the
// toolchain when needed (scripts/toolchain.mjs), then runs the stack as a child process and stays its
// parent: SIGINT, SIGTERM and SIGHUP all stop the stack (DynamoDB Local included) within seconds, the exit
// is clean (0, so no ELIFECYCLE line), and the last line printed is always the "stopped" one.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root, toolchainEnv } from './toolchain.mjs';

const FORCE_AFTER_MS = 15000;
const env = toolchainEnv(false);
env.TSX_TSCONFIG_PATH = join(root, 'tsconfig.base.json');

// An IPC channel: the stack stops itself when this process disappears, even after a SIGKILL.
const child = spawn(
  'node',
  ['--import', 'tsx', join(root, 'packages/local-stack/src/main.ts')].concat(process.argv.slice(2)),
  {
    cwd: root,
    env: env,
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  },
);

for (const stream of [process.stdout, process.stderr]) stream.on('error', function () {});

let stopSignal;
function stop(signal) {
  if (stopSignal !== undefined) return;
  stopSignal = signal;
  // A terminal's Ctrl-C reaches the child too; it ignores the second request. A signal sent to this
  // process alone reaches the child only through here.
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  setTimeout(function () {
    console.error('[catalog] the local stack did not stop in ' + FORCE_AFTER_MS / 1000 + ' s; killing it');
    child.kill('SIGKILL');
  }, FORCE_AFTER_MS).unref();
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, function () {
    stop(signal);
  });

child.on('error', function (error) {
  console.error('[catalog] could not run the local stack: ' + error.message);
  process.exit(1);
});
child.on('exit', function (code, signal) {
  const how = signal ? 'by ' + signal : 'with exit code ' + code;
  if (stopSignal !== undefined) {
    console.log('Catalog local stack stopped (' + stopSignal + ').');
    process.exit(code === 0 || signal === stopSignal ? 0 : 1);
  }
  console.log('Catalog local stack stopped (it ended ' + how + ').');
  process.exit(code === 0 ? 0 : code || 1);
});
