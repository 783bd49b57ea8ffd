// The browser tests' Chromium: Debian's (or CHROMIUM_PATH), driven by playwright-core. A machine
// without one skips those files with a warning saying how to get it; CI installs it.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

/** Warns, once per file that calls it, that `suite` is skipped for want of Chromium. */
export function warnWithoutChromium(suite: string): void {
  if (!HAS_CHROMIUM) {
    console.warn(
      `[${suite}] skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
    );
  }
}

/** Headless, with nothing of its own going to the network (no updates, sync or first-run pages). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
