/**
 * The monthly report (/reports/services/:slug/:month) in Chromium on demo data, signed in as the
 * demo INPS analyst: axe finds nothing, there is no CSP violation, the page is whole without
 * JavaScript (it has none), its headline is the results API's, and it prints to a few A4 pages.
 * Screenshot and PDF in /tmp/shots/ (report-screen.png, report.pdf), to be looked at by a person.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccounts, DEMO_ACCOUNTS } from '../../src/demo/accounts.js';
import { seedDemo } from '../../src/demo/seed.js';
import type { PeriodsView, ResultsView } from '../../src/domain/results-view.js';
import { CHROMIUM } from '../support/suites.js';
import { axeViolations, browserSuite } from './browser.js';
import { watchProblems } from './console-page.js';

const SHOTS = '/tmp/shots/';
const DESKTOP = { width: 1280, height: 800 };
const HUB = 'inps-hub-prestazioni';
const ANALYST = DEMO_ACCOUNTS[2].email;
const pct = new Intl.NumberFormat('it-IT', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** What the page shows, as a reader gets it: charts (role, name), tables, sections, the headline. */
function contents(page: Page) {
  return page.evaluate(() => ({
    h1: [...document.querySelectorAll('h1')].map((h) => h.textContent),
    sections: [...document.querySelectorAll('main h2')].map((h) => h.textContent),
    charts: [...document.querySelectorAll('svg.chart')].map((svg) => ({
      role: svg.getAttribute('role'),
      name: (svg.getAttribute('aria-labelledby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' | '),
      drawn: svg.querySelectorAll('rect, polygon, polyline, circle, line').length,
      height: svg.getBoundingClientRect().height,
    })),
    tables: document.querySelectorAll('table.data tbody tr').length,
    headline: document.querySelector('[data-value="headline"]')?.textContent ?? null,
    scripts: document.querySelectorAll('script').length,
  }));
}

describe.skipIf(!existsSync(CHROMIUM))(
  existsSync(CHROMIUM)
    ? 'the monthly report in Chromium'
    : `the monthly report in Chromium (skipped: ${CHROMIUM} not installed)`,
  () => {
    const suite = browserSuite({}, { viewport: DESKTOP });
    let signedIn: NonNullable<BrowserContextOptions['storageState']>;
    let url: string;

    beforeAll(async () => {
      const db = suite.valuta.database.db;
      await seedDemo(db, { responses: 8_000 });
      suite.valuta.directory.invalidate();
      const password = (await createDemoAccounts(db))!;
      const page = await suite.newPage();
      const answer = await page.request.post('/api/v1/auth/login', { data: { email: ANALYST, password } });
      expect(answer.status()).toBe(200);
      signedIn = await page.context().storageState();
      const periods = (await (
        await page.request.get(`/api/v1/results/periods?service=${HUB}`)
      ).json()) as PeriodsView;
      url = `/reports/services/${HUB}/${periods.months[0]!}`;
      await page.context().close();
      mkdirSync(SHOTS, { recursive: true });
    }, 240_000);

    it("renders the analyst's report with the API's headline: axe 0 violations, no CSP violation, nothing wider than the screen", async () => {
      const page = await suite.newPage({ storageState: signedIn });
      const problems = await watchProblems(page);
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      await page.evaluate(() => document.fonts.ready);
      const shown = await contents(page);
      expect(shown.h1).toHaveLength(1);
      expect(shown.scripts).toBe(0);
      expect(shown.charts.length).toBeGreaterThanOrEqual(5);
      for (const chart of shown.charts) {
        expect(chart.role).toBe('img');
        expect(chart.name.length).toBeGreaterThan(40);
        // a chart draws its marks beyond the axes, unless every value it describes is withheld
        // (an item whose options are all "riservato" that month; that no bar is drawn for a
        // withheld option is checked in test/http/reports.test.ts)
        const values = chart.name
          .split(/[.;] /)
          .slice(1)
          .map((part) => part.split(': ').at(-1)!.replace(/\.$/, ''));
        if (values.length === 0 || values.some((v) => v !== 'riservato'))
          expect(chart.drawn, chart.name).toBeGreaterThan(2);
        expect(chart.height).toBeGreaterThan(40);
      }
      const month = url.split('/').at(-1)!;
      const view = (await (
        await page.request.get(`/api/v1/results?service=${HUB}&period=${month}`)
      ).json()) as ResultsView;
      const satisfaction = view.total.indicators.find((i) => i.code === 'satisfaction')!;
      expect(shown.headline).toBe(satisfaction.value ? pct.format(satisfaction.value.share) : 'riservato');
      expect(await axeViolations(page)).toEqual([]);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      expect(await page.locator('.print-hint').isVisible()).toBe(true);
      expect(problems).toEqual([]);
      await page.screenshot({ path: `${SHOTS}report-screen.png`, fullPage: true });
    });

    it('is whole with JavaScript disabled: the same sections, charts, tables and figures', async () => {
      const withScript = await suite.newPage({ storageState: signedIn });
      await withScript.goto(url);
      const without = await suite.newPage({ storageState: signedIn, javaScriptEnabled: false });
      const response = await without.goto(url);
      expect(response?.status()).toBe(200);
      // the page is read from the outside (JavaScript is off inside it)
      const html = await without.content();
      expect(html).toContain('Come leggere questi dati');
      expect((html.match(/<svg class="chart" role="img"/g) ?? []).length).toBe(
        (await contents(withScript)).charts.length,
      );
      expect(await without.locator('table.data tbody tr').count()).toBe((await contents(withScript)).tables);
      expect(await without.locator('[data-value="headline"]').textContent()).toBe(
        (await contents(withScript)).headline,
      );
      await without.screenshot({ path: `${SHOTS}report-no-js.png`, fullPage: true });
    });

    it('prints to A4: the hint hidden, a few pages, saved as a PDF', async () => {
      const page = await suite.newPage({ storageState: signedIn });
      await page.goto(url);
      await page.evaluate(() => document.fonts.ready);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.print-hint').isVisible()).toBe(false);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      writeFileSync(`${SHOTS}report.pdf`, pdf);
      const text = pdf.toString('latin1');
      const pages = (text.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(pages).toBeLessThanOrEqual(10);
      const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((b) => [
        Math.round(Number(b[1])),
        Math.round(Number(b[2])),
      ]);
      // A4 is 595 × 842 points (Chromium rounds its inches: a point either way)
      expect(boxes.length).toBe(pages);
      for (const [width, height] of boxes) {
        expect(Math.abs(width! - 595)).toBeLessThanOrEqual(2);
        expect(Math.abs(height! - 842)).toBeLessThanOrEqual(2);
      }
    });
  },
);
