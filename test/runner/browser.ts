// Debian's Chromium driven by playwright-core (never downloads a browser).
import * as fs from 'node:fs';
import { type BrowserContext, chromium } from 'playwright-core';
import { chromiumPath } from './paths';
import { type RunFolder, cleanParentEnv } from './runFolder';

export function assertChromium(): void {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: run \`apt-get install -y chromium\` (or set ACR_LOCKS_CHROMIUM).`);
  }
}

export async function launchBrowser(run: RunFolder): Promise<BrowserContext> {
  assertChromium();
  return chromium.launchPersistentContext(run.browserProfileDir, {
    executablePath: chromiumPath,
    headless: true,
    env: { ...cleanParentEnv(), ...run.env },
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}
