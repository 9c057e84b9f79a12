import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localCursorSigningKey } from './cursor-signing-key';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe(localCursorSigningKey, () => {
  it('generates a random key per data dir, kept owner-only, the same after a restart', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'catalog-key-')), 'dynamodb');
    dirs.push(dataDir);
    const key = localCursorSigningKey(dataDir);
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    expect(localCursorSigningKey(dataDir)).toBe(key);
    expect(readFileSync(join(dataDir, 'cursor-signing-key'), 'utf8').trim()).toBe(key);
    expect(statSync(join(dataDir, 'cursor-signing-key')).mode & 0o777).toBe(0o600);
    const other = join(mkdtempSync(join(tmpdir(), 'catalog-key-')), 'dynamodb');
    dirs.push(other);
    expect(localCursorSigningKey(other)).not.toBe(key);
  });

  it('makes a fresh key per run when nothing is kept', () => {
    expect(localCursorSigningKey(undefined)).not.toBe(localCursorSigningKey(undefined));
  });
});
