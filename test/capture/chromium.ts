/** Headless Chromium for the live view's tests, driven by playwright-core (no browser download). */
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** The tests that need it are skipped where the system has no Chromium. */
export const hasChromium = existsSync(CHROMIUM);

/** A browser with its profile in `profileDir` (the caller's temp folder), nothing in the background. */
export function launchChromium(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 720 },
  });
}
