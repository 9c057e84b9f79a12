import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const WELL_KNOWN = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
];

/** CHROMIUM_PATH, else `chromium` (or `chromium-browser`) on PATH, else a well-known install path. */
export const findChromium = (): string => {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH=${configured} does not exist`);
    return configured;
  }
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  const known = WELL_KNOWN.find((path) => existsSync(path));
  if (known) return known;
  throw new Error(
    'No Chromium found for the browser test: install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH',
  );
};

/** Headless Chromium with a fresh profile and nothing that reaches out on its own. */
export const launchChromium = async (): Promise<{ context: BrowserContext; close: () => Promise<void> }> => {
  // A fresh profile every run (playwright passes it as --user-data-dir).
  const profile = mkdtempSync(join(tmpdir(), 'catalog-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};
