import { existsSync, mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { publishUnpublishedMonths } from '../../src/commands/open-data.js';
import { seedDemo } from '../../src/demo/seed.js';
import { releaseAll } from '../support/pilot.js';
import { cliContext } from '../support/staff.js';
import { CHROMIUM } from '../support/suites.js';
import { axeViolations, browserSuite } from './browser.js';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const SHOTS = '/tmp/shots/';
/** axe-core reads every table of the page: give it time on a busy machine. */
const AXE_TIMEOUT = 120_000;

describe.skipIf(!existsSync(CHROMIUM))(
  existsSync(CHROMIUM)
    ? 'the open-data page (/open-data) in Chromium'
    : `the open-data page (/open-data) in Chromium (skipped: ${CHROMIUM} not installed)`,
  () => {
    const suite = browserSuite({}, { viewport: DESKTOP });
    beforeAll(async () => {
      // a year of demo responses, released, and every closed month published once (as `npm start` does)
      const { valuta } = suite;
      await seedDemo(valuta.database.db, { responses: 3_000 });
      await releaseAll(valuta);
      await publishUnpublishedMonths(cliContext(valuta), {
        cache: valuta.resultsCache,
        k: valuta.config.suppressionK,
      });
      mkdirSync(SHOTS, { recursive: true });
    }, 120_000);

    for (const lang of ['it', 'en'] as const)
      it(
        `meets WCAG 2.1 AA (axe-core) in ${lang} at 1280 and 360 px, and never scrolls the page sideways`,
        async () => {
          const page = await suite.newPage();
          const response = await page.goto(`/open-data?lang=${lang}`);
          expect(response?.status()).toBe(200);
          expect(await page.locator('h1').count()).toBe(1);
          expect(await page.locator('table').count()).toBeGreaterThanOrEqual(4);
          expect(await axeViolations(page), `${lang} at 1280 px`).toEqual([]);
          await page.screenshot({ path: `${SHOTS}open-data-${lang}-desktop.png`, fullPage: true });
          await page.setViewportSize(PHONE);
          const { scrollWidth, clientWidth } = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            clientWidth: document.documentElement.clientWidth,
          }));
          expect(scrollWidth, `${lang} at 360 px: wider than the screen`).toBeLessThanOrEqual(clientWidth);
          // the wide tables scroll inside their own frame, which takes the keyboard focus
          const frames = page.locator('.table-scroll');
          const overflowing = await frames.evaluateAll(
            (all) => all.filter((f) => f.scrollWidth > f.clientWidth).length,
          );
          expect(overflowing).toBeGreaterThan(0);
          expect(await axeViolations(page), `${lang} at 360 px`).toEqual([]);
          await page.screenshot({ path: `${SHOTS}open-data-${lang}-phone.png`, fullPage: true });
        },
        AXE_TIMEOUT,
      );

    it('moves between months with links, newest first, and marks the month shown', async () => {
      const page = await suite.newPage();
      await page.goto('/open-data?lang=it');
      const months = page.getByRole('navigation', { name: 'Mese' }).getByRole('link');
      expect(await months.count()).toBeGreaterThanOrEqual(11);
      expect(await months.first().getAttribute('aria-current')).toBe('page');
      const second = months.nth(1);
      const name = await second.textContent();
      await Promise.all([page.waitForURL(/month=\d{4}-\d{2}/), second.click()]);
      expect(await page.getByRole('heading', { level: 2, name: name! }).count()).toBe(1);
      expect(
        await page.getByRole('navigation', { name: 'Mese' }).locator('[aria-current="page"]').textContent(),
      ).toBe(name);
    });
  },
);
