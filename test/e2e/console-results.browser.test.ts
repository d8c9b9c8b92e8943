/**
 * The results dashboards (/console/risultati) in Chromium, against the real results API on demo
 * data: an INPS analyst's service dashboard and the central office's national view. The charts
 * draw, their tables hold what the API answered (fetched here with the same session), withheld
 * counts show as withheld, the PNG and CSV downloads work, axe finds nothing at 1280 and 360 px,
 * and there is no CSP violation or script error.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccounts, DEMO_ACCOUNTS } from '../../src/demo/accounts.js';
import { seedDemo } from '../../src/demo/seed.js';
import type {
  BenchmarkView,
  CountView,
  IndicatorCode,
  IndicatorView,
  PeriodsView,
  ResultRowView,
  ResultsView,
} from '../../src/domain/results-view.js';
import { CHROMIUM } from '../support/suites.js';
import { axeViolations, browserSuite } from './browser.js';
import { settled, watchProblems } from './console-page.js';

/** Where the screenshots go (looked at by a person: the dashboards at both widths). */
const SHOTS = '/tmp/shots/';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const LONG = 240_000;
const HUB = 'inps-hub-prestazioni';

type Who = 'platform' | 'analyst';
const EMAIL: Record<Who, string> = { platform: DEMO_ACCOUNTS[0].email, analyst: DEMO_ACCOUNTS[2].email };

// The figures as the console writes them in Italian (formatted here on their own, not by the console's code).
const count = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 0 });
const pct = new Intl.NumberFormat('it-IT', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const csvPct = (share: number) => (Math.round(share * 1000) / 10).toFixed(1);
const WITHHELD = 'riservato';
const INDICATOR: Record<IndicatorCode, string> = {
  satisfaction: 'Soddisfazione',
  ease: 'Facilità d’uso',
  effectiveness: 'Efficacia',
  clarity: 'Chiarezza',
};

const countText = (c: CountView) => (c.withheld ? WITHHELD : c.count === null ? '—' : count.format(c.count));
const countCsv = (c: CountView) => (c.withheld ? ':c' : c.count === null ? '' : String(c.count));
const shareWithheld = (i: IndicatorView | undefined) =>
  i !== undefined && i.value === null && (i.n.withheld || i.positive.withheld);
const shareText = (i: IndicatorView | undefined) =>
  i?.value ? pct.format(i.value.share) : shareWithheld(i) ? WITHHELD : '—';
const ciText = (i: IndicatorView | undefined) =>
  i?.value
    ? `${pct.format(i.value.ci95.low)}–${pct.format(i.value.ci95.high)}`
    : shareWithheld(i)
      ? WITHHELD
      : '—';

/** What a row of a breakdown's table must say: responses, the indicator's n, share, CI. */
function expectedCells(row: ResultRowView, code: IndicatorCode): string[] {
  const indicator = row.indicators.find((i) => i.code === code);
  return [
    countText(row.n),
    indicator ? countText(indicator.n) : '—',
    shareText(indicator),
    ciText(indicator),
  ];
}

function expectedCsv(row: ResultRowView, code: IndicatorCode): string[] {
  const indicator = row.indicators.find((i) => i.code === code);
  const withheld = shareWithheld(indicator);
  const value = indicator?.value ?? null;
  return [
    countCsv(row.n),
    indicator ? countCsv(indicator.n) : '',
    value ? csvPct(value.share) : withheld ? ':c' : '',
    value ? csvPct(value.ci95.low) : withheld ? ':c' : '',
    value ? csvPct(value.ci95.high) : withheld ? ':c' : '',
  ];
}

/** The rows of a figure's table: the row header and its cells' texts. */
async function tableRows(
  figure: Locator,
): Promise<{ header: string; cells: string[]; withheld: boolean[] }[]> {
  return figure.locator('table tbody tr').evaluateAll((rows) =>
    rows.map((row) => ({
      header: row.querySelector('th')!.textContent!.trim(),
      cells: [...row.querySelectorAll('td')].map((td) => td.textContent!.trim()),
      withheld: [...row.querySelectorAll('td')].map((td) => td.dataset.withheld === 'true'),
    })),
  );
}

/** Opens a figure's table alternative by its disclosure button, checking the button says so. */
async function openTable(figure: Locator): Promise<void> {
  const button = figure.getByRole('button', { name: 'Mostra la tabella dei dati' });
  await button.click();
  expect(
    await figure.getByRole('button', { name: 'Nascondi la tabella dei dati' }).getAttribute('aria-expanded'),
  ).toBe('true');
  await figure.locator('table').waitFor();
}

/** Waits for every chart of the page to have drawn, and checks each is named and not blank. */
async function chartsDrawn(page: Page): Promise<number> {
  await page.waitForFunction(() => {
    const charts = document.querySelectorAll('.console-chart-canvas');
    return charts.length > 0 && [...charts].every((c) => (c as HTMLElement).dataset.rendered === 'true');
  });
  const charts = await page.locator('.console-chart').evaluateAll((nodes) =>
    nodes.map((node) => {
      const canvas = node.querySelector('canvas')!;
      const context = canvas.getContext('2d')!;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
      return { role: node.getAttribute('role'), label: node.getAttribute('aria-label') ?? '', inked };
    }),
  );
  for (const chart of charts) {
    expect(chart.role).toBe('img');
    expect(chart.label.length).toBeGreaterThan(20);
    expect(chart.inked).toBeGreaterThan(500);
  }
  return charts.length;
}

/** A download started by `click`, as its file name and bytes. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

/** Width and height of a PNG (its IHDR chunk), after checking its signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.skipIf(!existsSync(CHROMIUM))(
  existsSync(CHROMIUM)
    ? 'the results dashboards (/console/risultati) in Chromium'
    : `the results dashboards (/console/risultati) in Chromium (skipped: ${CHROMIUM} not installed)`,
  () => {
    const suite = browserSuite({}, { viewport: DESKTOP });
    const signedIn = {} as Record<Who, NonNullable<BrowserContextOptions['storageState']>>;

    beforeAll(async () => {
      const db = suite.valuta.database.db;
      // A year of demo responses, released into the rollups (the suite's own seed has none).
      await seedDemo(db, { responses: 8_000 });
      suite.valuta.directory.invalidate();
      const password = (await createDemoAccounts(db))!;
      for (const who of Object.keys(EMAIL) as Who[]) {
        const page = await suite.newPage();
        const answer = await page.request.post('/api/v1/auth/login', {
          data: { email: EMAIL[who], password },
        });
        expect(answer.status(), `${who} signs in`).toBe(200);
        signedIn[who] = await page.context().storageState();
        await page.context().close();
      }
      mkdirSync(SHOTS, { recursive: true });
    }, 240_000);

    async function pageAs(who: Who, options: BrowserContextOptions = {}) {
      const page = await suite.newPage({ ...options, storageState: signedIn[who] });
      return { page, problems: await watchProblems(page) };
    }

    /** GETs an API path with the page's session, expecting 200. */
    async function api<T>(page: Page, path: string): Promise<T> {
      const answer = await page.request.get(`/api/v1${path}`);
      expect(answer.status(), path).toBe(200);
      return (await answer.json()) as T;
    }

    /** axe, one h1, no sideways scroll, no CSP violation or script error; then a full-page screenshot. */
    async function checkPage(page: Page, problems: string[], name: string) {
      expect(await page.locator('h1').count()).toBe(1);
      expect(await axeViolations(page), name).toEqual([]);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth, `${name}: wider than the screen`).toBeLessThanOrEqual(clientWidth);
      expect(problems, name).toEqual([]);
      await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
    }

    it(
      "an INPS analyst's service dashboard: the charts draw, the tables hold the API's figures, withheld counts are withheld, PNG and CSV download; axe at 1280 and 360 px",
      async () => {
        const { page, problems } = await pageAs('analyst');
        const periods = await api<PeriodsView>(page, `/results/periods?service=${HUB}`);
        expect(periods.dayRanges).toBe(false);
        const quarter = periods.quarters[0]!;
        const query = `period=${quarter}&service=${HUB}`;
        const [base, channel, device, months, benchmark] = await Promise.all([
          api<ResultsView>(page, `/results?${query}`),
          api<ResultsView>(page, `/results?${query}&groupBy=channel`),
          api<ResultsView>(page, `/results?${query}&groupBy=device`),
          api<ResultsView>(page, `/results?${query}&groupBy=month`),
          api<BenchmarkView>(page, `/results/benchmark?${query}`),
        ]);
        expect(base.disclosureControl).toBe(true);
        const code = (base.total.indicators.find((i) => i.value !== null) ?? base.total.indicators[0]!).code;

        // With no choice in the address the dashboard opens on the first service and the newest quarter.
        await page.goto('/console/risultati');
        await settled(page, 'Risultati');
        expect(await page.locator('#periodo').inputValue()).toBe(quarter);
        await page.goto(`/console/risultati?servizio=${HUB}&periodo=${quarter}`);
        await settled(page, 'Risultati');
        expect(await chartsDrawn(page)).toBeGreaterThanOrEqual(5);

        // The headline: the share of the first indicator with a value, its CI and n.
        const lead = base.total.indicators.find((i) => i.code === code)!;
        const headline = page.locator('.console-indicator-large');
        expect(await headline.locator('.console-indicator-value').textContent()).toBe(shareText(lead));
        if (lead.value) expect(await headline.textContent()).toContain(ciText(lead));

        // The breakdowns: every row of the API in the table, in its words; withheld as withheld.
        let withheldSeen = 0;
        for (const [id, view] of [
          ['by-channel', channel],
          ['by-device', device],
          ['trend-months', months],
        ] as const) {
          const figure = page.locator(`section#${id}`);
          await openTable(figure);
          const rows = await tableRows(figure);
          expect(rows.length, id).toBe(view.rows.length);
          const apiRows =
            id === 'trend-months' ? [...view.rows].sort((a, b) => a.key!.localeCompare(b.key!)) : view.rows;
          apiRows.forEach((row, i) => {
            expect(rows[i]!.cells.slice(0, 4), `${id} ${row.key}`).toEqual(expectedCells(row, code));
            const indicator = row.indicators.find((x) => x.code === code);
            const withheld = [
              row.n.withheld,
              indicator?.n.withheld,
              shareWithheld(indicator),
              shareWithheld(indicator),
            ];
            withheld.forEach((w, j) => {
              if (w) {
                withheldSeen++;
                expect(rows[i]!.withheld[j], `${id} ${row.key} cell ${j}`).toBe(true);
              }
            });
          });
          if (rows.some((r) => r.withheld.some(Boolean)))
            expect(await figure.locator('.console-withheld-note').textContent()).toContain('non è uno zero');
        }

        // Each item's distribution: counts and shares, withheld options withheld (never 0).
        for (const item of base.total.items.filter((x) => x.type !== 'text')) {
          const figure = page.locator(`section#item-${item.code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`);
          await openTable(figure);
          const rows = await tableRows(figure);
          expect(rows.map((r) => r.header)).toEqual(item.distribution.map((c) => c.label));
          item.distribution.forEach((cell, i) => {
            expect(rows[i]!.cells[0], `${item.code} ${cell.value}`).toBe(countText(cell.count));
            if (cell.count.withheld) {
              withheldSeen++;
              expect(rows[i]!.cells[1]).toBe(WITHHELD);
              expect(rows[i]!.withheld).toEqual([true, true]);
            } else if (cell.share !== null) expect(rows[i]!.cells[1]).toBe(pct.format(cell.share));
          });
        }
        // The demo data must show the case at all, or the checks above proved nothing about it.
        expect(withheldSeen, 'withheld cells on the dashboard').toBeGreaterThan(0);

        // The benchmark: one row per indicator, the service's share and the peers' median.
        const bench = page.locator('section#benchmark');
        await openTable(bench);
        const benchRows = await tableRows(bench);
        expect(benchRows.length).toBe(benchmark.indicators.length);
        // the service's own share withheld is said to be withheld, not missing
        const ownWithheld = base.total.indicators.filter(shareWithheld).map((i) => i.code);
        expect(ownWithheld.length, 'a withheld share of the service in the demo data').toBeGreaterThan(0);
        expect(benchmark.indicators.filter((i) => i.withheld).map((i) => i.code)).toEqual(ownWithheld);
        benchmark.indicators.forEach((i, n) => {
          expect(benchRows[n]!.cells[0]).toBe(
            i.value ? pct.format(i.value.share) : i.withheld ? WITHHELD : '—',
          );
          expect(benchRows[n]!.cells[3]).toBe(i.median === null ? '—' : pct.format(i.median));
        });

        // CSV of the device breakdown: what the table shows, withheld as :c.
        const deviceFigure = page.locator('section#by-device');
        const csv = await download(page, () =>
          deviceFigure.getByRole('button', { name: /^Scarica CSV/ }).click(),
        );
        expect(csv.name).toBe(`valuta-${HUB}-${quarter}-by-device.csv`);
        const records = parse(csv.bytes.toString('utf8'), { bom: true }) as string[][];
        expect(records[0]!.slice(0, 7)).toEqual([
          'Codice',
          'Dispositivo',
          'Risposte',
          `n (${INDICATOR[code]})`,
          `${INDICATOR[code]} (%)`,
          'IC 95% inferiore (%)',
          'IC 95% superiore (%)',
        ]);
        expect(records.length - 1).toBe(device.rows.length);
        device.rows.forEach((row, i) => {
          expect(records[i + 1]![0]).toBe(row.key);
          expect(records[i + 1]!.slice(2, 7), `csv ${row.key}`).toEqual(expectedCsv(row, code));
        });

        // PNG of the trend: an image at twice the chart's size, with the title above.
        const trend = page.locator('section#trend-months');
        const png = await download(page, () => trend.getByRole('button', { name: /^Scarica PNG/ }).click());
        expect(png.name).toBe(`valuta-${HUB}-${quarter}-trend-months.png`);
        const chartWidth = await trend.locator('.console-chart-canvas').evaluate((el) => el.clientWidth);
        const size = pngSize(png.bytes);
        expect(size.width).toBe(chartWidth * 2 + 64);
        expect(size.height).toBeGreaterThan(400);

        await checkPage(page, problems, 'risultati-ente-desktop');

        const phone = await pageAs('analyst', { viewport: PHONE });
        await phone.page.goto(`/console/risultati?servizio=${HUB}&periodo=${quarter}`);
        await settled(phone.page, 'Risultati');
        await chartsDrawn(phone.page);
        await checkPage(phone.page, phone.problems, 'risultati-ente-phone');
      },
      LONG,
    );

    it(
      'the central office: the national view (coverage, the ranking of services with CIs, regions, trend) from the API; a service picked shows its dashboard; axe at 1280 and 360 px',
      async () => {
        const { page, problems } = await pageAs('platform');
        const periods = await api<PeriodsView>(page, '/results/periods');
        expect(periods.dayRanges).toBe(true);
        const quarter = periods.quarters[0]!;
        const [byService, byRegion] = await Promise.all([
          api<ResultsView>(page, `/results?period=${quarter}&groupBy=service`),
          api<ResultsView>(page, `/results?period=${quarter}&groupBy=region`),
        ]);
        const coverage = await api<{ current: { activeServices: number; enti: number } }>(
          page,
          `/results/coverage?period=${quarter}`,
        );
        expect(byService.disclosureControl).toBe(false);
        await page.goto('/console/risultati');
        await settled(page, 'Risultati');
        expect(await chartsDrawn(page)).toBeGreaterThanOrEqual(3);

        // Overview and progress toward the targets.
        expect(await page.locator('.console-overview').textContent()).toContain(
          `${count.format(byService.total.n.count!)} risposte nel periodo`,
        );
        const progress = page.locator('progress.console-progress-bar').first();
        expect(Number(await progress.getAttribute('value'))).toBe(
          Math.min(coverage.current.activeServices, 300),
        );
        expect(await page.locator('.console-progress-list').textContent()).toContain(
          `${coverage.current.activeServices} su 300`,
        );

        // The ranking: one row per service, highest share first, each with its n and CI.
        const code: IndicatorCode = 'satisfaction';
        const ranking = page.locator('section#ranking-services');
        await openTable(ranking);
        const rows = await tableRows(ranking);
        const share = (r: ResultRowView) => r.indicators.find((i) => i.code === code)?.value?.share ?? null;
        const withValue = byService.rows
          .filter((r) => share(r) !== null)
          .sort((a, b) => share(b)! - share(a)!);
        expect(rows.length).toBe(byService.rows.length);
        withValue.forEach((row, i) => {
          expect(rows[i]!.header).toBe(row.label);
          // the ente's column first, then the indicator's
          expect(rows[i]!.cells.slice(1, 5)).toEqual(expectedCells(row, code));
        });
        if (byService.multipleTesting)
          expect(await page.locator('#ranking-heading').locator('..').textContent()).toContain(
            'Benjamini–Hochberg',
          );

        // The table by region (no chart): shown, with the API's figures.
        const regions = page.locator('section#by-region');
        const regionRows = await tableRows(regions);
        expect(regionRows.map((r) => r.header)).toEqual(byRegion.rows.map((r) => r.label));
        byRegion.rows.forEach((row, i) =>
          expect(regionRows[i]!.cells.slice(0, 4)).toEqual(expectedCells(row, code)),
        );

        // The ranking's CSV and PNG.
        const csv = await download(page, () => ranking.getByRole('button', { name: /^Scarica CSV/ }).click());
        expect(csv.name).toBe(`valuta-nazionale-${quarter}-ranking-services.csv`);
        const records = parse(csv.bytes.toString('utf8'), { bom: true }) as string[][];
        expect(records.length - 1).toBe(byService.rows.length);
        expect(records.slice(1, withValue.length + 1).map((r) => r[0])).toEqual(withValue.map((r) => r.key));
        const png = await download(page, () => ranking.getByRole('button', { name: /^Scarica PNG/ }).click());
        pngSize(png.bytes);

        await checkPage(page, problems, 'risultati-nazionale-desktop');

        // A service picked in the form: its dashboard (the central office sees unsuppressed counts).
        await page.locator('#servizio').selectOption(HUB);
        await page.getByRole('button', { name: 'Mostra', exact: true }).click();
        await page.waitForURL(`**/console/risultati?servizio=${HUB}*`);
        await page.locator('[data-dashboard="service"]').waitFor();
        await settled(page);
        await chartsDrawn(page);
        expect(await page.locator('section#benchmark').count()).toBe(1);
        expect(problems).toEqual([]);

        const phone = await pageAs('platform', { viewport: PHONE });
        await phone.page.goto('/console/risultati');
        await settled(phone.page, 'Risultati');
        await chartsDrawn(phone.page);
        await checkPage(phone.page, phone.problems, 'risultati-nazionale-phone');
      },
      LONG,
    );

    it(
      "what an ente user may not ask for (a range of days) shows the server's own detail; in English withheld is 'withheld'",
      async () => {
        const { page, problems } = await pageAs('analyst');
        const refused = await page.request.get(
          `/api/v1/results?from=2026-01-01&to=2026-01-15&service=${HUB}`,
        );
        expect(refused.status()).toBe(403);
        const { detail } = (await refused.json()) as { detail: string };
        await page.goto(`/console/risultati?servizio=${HUB}&periodo=giorni&dal=2026-01-01&al=2026-01-15`);
        await settled(page, 'Risultati');
        await expect.poll(() => page.getByRole('alert').first().textContent()).toContain(detail);
        expect(await page.getByRole('alert').first().locator('[lang="en"]').count()).toBeGreaterThan(0);

        const periods = await api<PeriodsView>(page, `/results/periods?service=${HUB}`);
        await page.goto(`/console/risultati?servizio=${HUB}&periodo=${periods.quarters[0]}`);
        await settled(page, 'Risultati');
        await page.getByRole('button', { name: 'English' }).click();
        await chartsDrawn(page);
        const device = page.locator('section#by-device');
        await device.getByRole('button', { name: 'Show the data table' }).click();
        const withheld = device.locator('td[data-withheld="true"]');
        if ((await withheld.count()) > 0) expect(await withheld.first().textContent()).toBe('withheld');
        expect(problems).toEqual([]);
      },
      LONG,
    );
  },
);
