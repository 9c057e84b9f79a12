#!/usr/bin/env node
// `pnpm start`: the local stack. Until @catalog/local-stack ships its entry point this says so plainly.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const entry = new URL('../packages/local-stack/src/main.ts', import.meta.url);
if (!existsSync(entry)) {
  console.error('The local stack (@catalog/local-stack) is not part of this build yet; nothing to start.');
  process.exit(1);
}
// Ctrl-C reaches the whole process group: the local stack shuts itself down gracefully, so this parent
// only waits for it instead of dying first.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);
const { status } = spawnSync(
  'pnpm',
  ['exec', 'tsx', '--tsconfig', 'tsconfig.base.json', entry.pathname, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(status ?? 1);
