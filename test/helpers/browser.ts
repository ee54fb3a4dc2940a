// Headless Chromium from Debian (`/usr/bin/chromium`) driven by playwright-core, for the console's
// browser tests and screenshots. A fresh profile each time, and the flags that keep Chromium quiet
// on a machine without network access (no background fetches, no component updates, no QUIC).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Where Debian's chromium package puts the browser (`CHROMIUM` overrides it). */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** True when the browser is installed (`.ci/run` installs it). */
export const haveChromium = existsSync(CHROMIUM);

/** Launches headless Chromium with a fresh profile; `close` removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'mcp-guard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
