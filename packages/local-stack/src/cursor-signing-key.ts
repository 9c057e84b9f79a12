import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'cursor-signing-key';

/**
 * The local stack's CURSOR_SIGNING_KEY, as Terraform provisions one per environment: random, kept in the
 * data dir (owner-only) so list cursors survive a restart; a fresh one per run when nothing is kept.
 */
export const localCursorSigningKey = (dataDir: string | undefined): string => {
  if (dataDir === undefined) return randomBytes(32).toString('base64url');
  const path = join(dataDir, FILE);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
};
