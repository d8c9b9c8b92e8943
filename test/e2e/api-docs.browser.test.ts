import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHROMIUM } from '../support/suites.js';
import { axeViolations, browserSuite } from './browser.js';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const NARROWEST = { width: 320, height: 640 };
/** axe-core reads the whole reference (every operation and schema): give it time on a busy machine. */
const AXE_TIMEOUT = 120_000;

describe.skipIf(!existsSync(CHROMIUM))(
  existsSync(CHROMIUM)
    ? 'the API reference (/api/docs) in Chromium'
    : `the API reference (/api/docs) in Chromium (skipped: ${CHROMIUM} not installed)`,
  () => {
    const suite = browserSuite({}, { viewport: DESKTOP });

    it(
      'meets WCAG 2.1 AA (axe-core), with every schema open as well as closed',
      async () => {
        const page = await suite.newPage();
        const response = await page.goto('/api/docs');
        expect(response?.status()).toBe(200);
        expect(await axeViolations(page)).toEqual([]);
        // What a reader opens is checked too: the schemas in their <details>.
        const closed = page.locator('details:not([open]) > summary');
        expect(await closed.count()).toBeGreaterThan(0);
        await page.locator('details').evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
        expect(await axeViolations(page)).toEqual([]);
      },
      AXE_TIMEOUT,
    );

    it('starts with a skip link, which moves the focus to the main content', async () => {
      const page = await suite.newPage();
      await page.goto('/api/docs');
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to content' });
      expect(await skip.evaluate((link) => link === document.activeElement)).toBe(true);
      // Shown where it is focused, not left off screen.
      const box = await skip.boundingBox();
      expect(box && box.x >= 0 && box.y >= 0 && box.width > 0).toBe(true);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      expect(await page.getByRole('main').evaluate((main) => main === document.activeElement)).toBe(true);
    });

    it(
      'reflows on a 320 px phone: no horizontal scrolling, and still meets WCAG 2.1 AA',
      async () => {
        const page = await suite.newPage({ viewport: NARROWEST });
        await page.goto('/api/docs');
        await page.locator('details').evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
        expect(await axeViolations(page)).toEqual([]);
      },
      AXE_TIMEOUT,
    );

    it('saves screenshots for review (desktop and phone)', async () => {
      for (const [name, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        const page = await suite.newPage({ viewport });
        await page.goto('/api/docs');
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: `/tmp/api-docs-${name}.png`, fullPage: true });
        await page.screenshot({ path: `/tmp/api-docs-${name}-top.png` });
      }
    }, 60_000);
  },
);
