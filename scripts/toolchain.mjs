// What `npm start` / `npm test` (and the pnpm equivalents) need before anything else: the Node major of
// .nvmrc, pnpm, and installed dependencies matching the lockfile. When something is missing this runs
// scripts/bootstrap.sh (which installs Node and pnpm into .tools/ from the npm registry, then
// `pnpm install`) and hands back the PATH it set up. Runs on any Node version: plain syntax only.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = dirname(dirname(fileURLToPath(import.meta.url)));

function read(file) {
  try {
    return readFileSync(join(root, file), 'utf8');
  } catch {
    return undefined;
  }
}

function pathWith(folder, path) {
  return existsSync(folder) ? folder + ':' + path : path;
}

function pnpmWorks(env) {
  const result = spawnSync('pnpm', ['--version'], { env: env, encoding: 'utf8' });
  return result.status === 0 && String(result.stdout).split('.')[0].trim() === '10';
}

/**
 * The environment to run the project's tools in; bootstraps first when Node, pnpm or the installed
 * dependencies are not what the repository asks for. `needsPnpm`: whether the caller runs pnpm itself.
 */
export function toolchainEnv(needsPnpm) {
  const wanted = (read('.nvmrc') || '').trim().replace(/^v/, '');
  let path = process.env.PATH || '';
  path = pathWith(join(root, '.tools/node/bin'), path);
  path = pathWith(join(root, '.tools/pnpm/node_modules/.bin'), path);
  const env = Object.assign({}, process.env, { PATH: path });
  const node = spawnSync('node', ['-p', 'process.versions.node.split(".")[0]'], {
    env: env,
    encoding: 'utf8',
  });
  const nodeOk = node.status === 0 && String(node.stdout).trim() === wanted;
  const installed = read('node_modules/.pnpm/lock.yaml');
  const depsOk = installed !== undefined && installed === read('pnpm-lock.yaml');
  if (nodeOk && depsOk && (!needsPnpm || pnpmWorks(env))) return env;

  console.error(
    '[catalog] setting up Node ' + wanted + ', pnpm and the dependencies (scripts/bootstrap.sh)...',
  );
  const result = spawnSync('bash', ['-c', 'source scripts/bootstrap.sh >&2 && printf %s "$PATH"'], {
    cwd: root,
    // The dependencies are what is missing more often than not: install them whatever the caller's shell says.
    env: Object.assign({}, process.env, { CATALOG_SKIP_INSTALL: '0' }),
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    console.error('[catalog] bootstrap failed (exit ' + result.status + '); see the lines above.');
    process.exit(1);
  }
  return Object.assign({}, process.env, { PATH: result.stdout });
}
