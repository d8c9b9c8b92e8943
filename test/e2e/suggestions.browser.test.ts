/**
 * The suggestions page (/console/suggerimenti) in Chromium on demo data: an INPS analyst's closed
 * month with its themes, search and downloads, axe at 1280 and 360 px; and a stored-XSS corpus,
 * submitted through the real write path, shown to the central office as inert text: no script
 * runs, no element or attribute is injected.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccounts, DEMO_ACCOUNTS } from '../../src/demo/accounts.js';
import { seedDemo } from '../../src/demo/seed.js';
import type { SuggestionsView } from '../../src/domain/suggestions.js';
import { italianMonth } from '../../src/domain/periods.js';
import { releaseAll, submit } from '../support/pilot.js';
import { CHROMIUM } from '../support/suites.js';
import { axeViolations, browserSuite } from './browser.js';
import { settled, watchProblems } from './console-page.js';

const SHOTS = '/tmp/shots/';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const HUB = 'inps-hub-prestazioni';

/** Each would run a script, or add an element or an attribute, were it written as markup. */
const XSS = [
  '<script>window.__xss = "script"</script>',
  '<img src=x onerror="window.__xss = \'img\'">',
  '"><svg onload="window.__xss = \'svg\'">',
  "' onmouseover='window.__xss = \"attribute\"' data-x='",
  '<a href="javascript:window.__xss = \'link\'">apri</a>',
  '<iframe srcdoc="<script>parent.__xss = \'iframe\'</script>"></iframe>',
  '<style>main { display: none }</style>',
  '{{constructor.constructor("window.__xss = \'template\'")()}}',
  '<details open ontoggle="window.__xss = \'details\'">',
  'javascript:window.__xss = "text"',
];

describe.skipIf(!existsSync(CHROMIUM))(
  existsSync(CHROMIUM)
    ? 'the suggestions page in Chromium'
    : `the suggestions page in Chromium (skipped: ${CHROMIUM} not installed)`,
  () => {
    const suite = browserSuite({}, { viewport: DESKTOP });
    const signedIn = {} as Record<'analyst' | 'platform', NonNullable<BrowserContextOptions['storageState']>>;

    beforeAll(async () => {
      const db = suite.valuta.database.db;
      await seedDemo(db, { responses: 8_000 });
      suite.valuta.directory.invalidate();
      // the corpus, through the write path, in the running month (which the central office may read)
      for (const text of XSS) {
        const reply = await submit(suite.valuta, {
          answers: {
            SAT_OVERALL: 2,
            EASE: 2,
            EFFECTIVENESS: 'yes-partly',
            INFO_CLARITY: 2,
            SUGGESTIONS: text,
          },
          channel: 'web',
        });
        expect(reply.statusCode, reply.body).toBe(201);
      }
      await releaseAll(suite.valuta);
      const password = (await createDemoAccounts(db))!;
      for (const [who, account] of [
        ['platform', DEMO_ACCOUNTS[0]],
        ['analyst', DEMO_ACCOUNTS[2]],
      ] as const) {
        const page = await suite.newPage();
        const answer = await page.request.post('/api/v1/auth/login', {
          data: { email: account.email, password },
        });
        expect(answer.status(), `${who} signs in`).toBe(200);
        signedIn[who] = await page.context().storageState();
        await page.context().close();
      }
      mkdirSync(SHOTS, { recursive: true });
    }, 240_000);

    async function check(page: Page, problems: string[], name: string) {
      expect(await axeViolations(page), name).toEqual([]);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth, `${name}: wider than the screen`).toBeLessThanOrEqual(clientWidth);
      expect(problems, name).toEqual([]);
      await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
    }

    let shownMonth = '';
    it("an analyst's closed month: themes, texts, search, downloads; axe at 1280 and 360 px", async () => {
      for (const [viewport, name] of [
        [DESKTOP, 'suggerimenti-desktop'],
        [PHONE, 'suggerimenti-phone'],
      ] as const) {
        const page = await suite.newPage({ viewport, storageState: signedIn.analyst });
        const problems = await watchProblems(page);
        // the newest closed month whose list is shown (a small month's list is withheld, as its count)
        const periods = (await (await page.request.get(`/api/v1/results/periods?service=${HUB}`)).json()) as {
          months: string[];
        };
        let api: SuggestionsView | undefined;
        for (const m of periods.months) {
          const view = (await (
            await page.request.get(`/api/v1/results/suggestions?service=${HUB}&period=${m}`)
          ).json()) as SuggestionsView;
          if (!view.withheld) {
            api = view;
            break;
          }
        }
        expect(api, 'a month with its suggestions shown').toBeDefined();
        shownMonth = api!.period.key;
        await page.goto(`/console/suggerimenti?servizio=${HUB}&mese=${shownMonth}`);
        await settled(page, 'Suggerimenti');
        expect(api!.withheld).toBe(false);
        expect(await page.locator('.console-suggestion').count()).toBe(Math.min(20, api!.total!));
        expect(await page.locator('#themes-terms + ol > li').count()).toBe(api!.themes.terms.length);
        expect(api!.themes.terms.length).toBeGreaterThan(0);
        const first = api!.themes.terms[0]!;
        expect(await page.locator('#themes-terms + ol summary').first().textContent()).toContain(first.label);
        await check(page, problems, name);
      }

      const page = await suite.newPage({ storageState: signedIn.analyst });
      await page.goto(`/console/suggerimenti?servizio=${HUB}&mese=${shownMonth}`);
      await settled(page, 'Suggerimenti');
      const term = (await page.locator('#themes-terms + ol summary span').first().textContent())!;
      await page.fill('#q', term);
      await page.click('form.console-filters button[type=submit]');
      await page.waitForURL(/q=/);
      await settled(page, 'Suggerimenti');
      expect(await page.locator('main').textContent()).toMatch(/corrispondono alla ricerca/);
      const download = page.waitForEvent('download');
      await page.click('text=Scarica questi suggerimenti (CSV)');
      expect((await download).suggestedFilename()).toMatch(
        /^valuta-suggerimenti-inps-hub-prestazioni-\d{4}-\d{2}\.csv$/,
      );
    });

    it('shows a stored-XSS corpus as inert text: no script runs, nothing is injected', async () => {
      const page = await suite.newPage({ storageState: signedIn.platform });
      const problems = await watchProblems(page);
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const month = italianMonth(new Date());
      await page.goto(`/console/suggerimenti?servizio=${HUB}&mese=${month}&punteggio=2`);
      await settled(page, 'Suggerimenti');
      const shown = await page.locator('.console-suggestion').allTextContents();
      for (const text of XSS) expect(shown).toContain(text);
      // open every theme (their examples are texts too) and hover every text
      for (const summary of await page.locator('.console-themes summary').all()) await summary.click();
      for (const text of await page.locator('.console-suggestion').all()) await text.hover();
      const injected = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: string }).__xss ?? null,
        elements: document.querySelectorAll(
          'main script, main img, main svg:not([aria-hidden]), main iframe, main style, .console-suggestion *',
        ).length,
        handlers: [...document.querySelectorAll('main *')].filter((el) =>
          [...el.attributes].some(
            (a) => a.name.startsWith('on') || a.name === 'data-x' || a.value.includes('javascript:'),
          ),
        ).length,
        hidden: getComputedStyle(document.querySelector('main')!).display,
      }));
      expect(injected).toEqual({ xss: null, elements: 0, handlers: 0, hidden: 'block' });
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
      await page.screenshot({ path: `${SHOTS}suggerimenti-xss.png`, fullPage: true });
    });
  },
);
