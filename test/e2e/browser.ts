import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM } from '../support/suites.js';

/**
 * The Debian Chromium at /usr/bin/chromium, headless and quiet: no browser is ever downloaded,
 * and the browser makes no request of its own (updates, sync, background networking).
 */
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
    ],
  });
}
