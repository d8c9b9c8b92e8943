/**
 * The monthly report of a service (`GET /reports/services/:slug/:month`) on known data: the same
 * figures as the results API for the same principal (headline, trend, items, benchmark), withheld
 * cells "riservato" and never a number, another ente's service 404, an open month refused, bad
 * input 400, no credentials 401, and every report viewed written to the audit trail.
 *
 * The data, as in test/http/results.test.ts, on 2 December 2026 (November is the newest closed
 * month): the INPS Hub has 3 responses in August (< k), 24 in September, 30 in October (of which
 * 4 and 6 answered 1 and 2 to SAT_OVERALL: small cells), 20 in November.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkView, CountView, ResultsView } from '../../src/domain/results-view.js';
import type { SuggestionsView } from '../../src/domain/suggestions.js';
import { databaseKind, type TestValuta } from '../support/database.js';
import { HUB, releaseAll, startPilot } from '../support/pilot.js';
import { apiKeyOf, sessionAs, type Session } from '../support/staff.js';

const INAIL = 'inail-sportello-digitale';
const NOW = new Date('2026-12-02T11:00:00Z');
const REPORT = `/reports/services/${HUB}/2026-10`;
/** October's 12 suggestions (≥ k: their themes are shown), September's 3 (< k: withheld). */
const OCTOBER = [
  ...Array.from({ length: 6 }, (_, i) => `Tempi di attesa troppo lunghi, pratica numero ${i + 1}`),
  ...Array.from({ length: 4 }, () => 'Il modulo online è chiaro'),
  'Servizio ottimo',
  'Grazie',
];
const SEPTEMBER = ['Attesa lunga', 'Tempi di attesa', 'Modulo confuso'];

// The figures as the report writes them in Italian, formatted here on their own.
const pct = new Intl.NumberFormat('it-IT', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const count = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 0 });
const interval = (ci: { low: number; high: number }) => `${pct.format(ci.low)}–${pct.format(ci.high)}`;
const countText = (c: CountView) => (c.withheld ? 'riservato' : count.format(c.count!));

/** The text of some markup: tags dropped, React's entities decoded, spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** The element that opens with `opening` (e.g. `<table class="data" data-table="trend"`), up to its closing `tag`. */
function element(html: string, opening: string, tag: string): string {
  const start = html.indexOf(opening);
  expect(start, opening).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf(`</${tag}>`, start) + tag.length + 3);
}

/** The rows of a table's body: the row header's text and its cells' texts and classes. */
function rows(table: string): { header: string; cells: string[]; withheld: boolean[] }[] {
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map(([, row]) => ({
    header: text(/<th[^>]*>([\s\S]*?)<\/th>/.exec(row!)![1]!),
    cells: [...row!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, cell]) => text(cell!)),
    withheld: [...row!.matchAll(/<td([^>]*)>/g)].map(([, attributes]) => /withheld/.test(attributes!)),
  }));
}

describe(`the monthly report of a service (${databaseKind})`, () => {
  let valuta: TestValuta;
  let clock = NOW;
  let analyst: Session;
  let central: Session;
  let other: Session;
  let key: string;

  /** Responses of `slug` on `day` with these overall scores, the first ones with these suggestions. */
  const submitAt = async (day: string, slug: string, sats: number[], suggestions: string[] = []) => {
    clock = new Date(`${day}T10:00:00Z`);
    for (const [i, sat] of sats.entries()) {
      const reply = await valuta.app.inject({
        method: 'POST',
        url: `/api/v1/services/${slug}/responses`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({
          submissionId: randomUUID(),
          channel: 'web',
          answers: {
            SAT_OVERALL: sat,
            EASE: 4,
            EFFECTIVENESS: 'yes-fully',
            INFO_CLARITY: 4,
            ...(suggestions[i] ? { SUGGESTIONS: suggestions[i] } : {}),
          },
        }),
      });
      expect(reply.statusCode, reply.body).toBe(201);
    }
  };
  const times = (n: number, sat: number) => Array.from({ length: n }, () => sat);

  beforeAll(async () => {
    valuta = await startPilot({}, { clock: () => clock });
    await submitAt('2026-08-10', HUB, times(3, 4));
    await submitAt('2026-09-15', HUB, [...times(12, 4), ...times(9, 2), ...times(3, 1)], SEPTEMBER);
    await submitAt('2026-10-05', HUB, times(10, 4), OCTOBER);
    await submitAt('2026-10-20', HUB, [...times(10, 3), ...times(6, 2), ...times(4, 1)]);
    await submitAt('2026-11-10', HUB, times(20, 4));
    // peers of the Hub (same kind and family, other enti)
    await submitAt('2026-10-10', INAIL, [...times(10, 4), ...times(2, 1)]);
    await submitAt('2026-10-12', 'roma-cambio-residenza', [...times(9, 3), ...times(6, 2)]);
    await submitAt('2026-10-14', 'roma-gebac-bando-casa', [...times(5, 4), ...times(5, 1)]);
    await releaseAll(valuta);
    clock = NOW;
    analyst = await sessionAs(valuta, 'ente-analyst', 'inps');
    central = await sessionAs(valuta, 'platform-admin');
    other = await sessionAs(valuta, 'ente-analyst', 'inail');
    key = await apiKeyOf(valuta, 'inps', ['results:read']);
  });
  afterAll(() => valuta.dispose());

  const get = (who: Session | string | null, url: string) =>
    valuta.app.inject({
      method: 'GET',
      url,
      headers: who === null ? {} : typeof who === 'string' ? { authorization: `Bearer ${who}` } : who.headers,
    });
  const api = async <T>(who: Session | string, url: string): Promise<T> => {
    const reply = await get(who, url);
    expect(reply.statusCode, reply.body).toBe(200);
    return reply.json();
  };
  const report = async (who: Session | string, url = REPORT): Promise<string> => {
    const reply = await get(who, url);
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-store');
    return reply.body;
  };
  const exports = () =>
    valuta.database.db
      .selectFrom('auditEntry')
      .selectAll()
      .where('action', '=', 'export.monthly-report')
      .orderBy('seq', 'asc')
      .execute();

  it("gives the ente's analyst (session or key) the month's headline as the results API gives it", async () => {
    for (const who of [analyst, key]) {
      const html = await report(who);
      const view = await api<ResultsView>(who, `/api/v1/results?service=${HUB}&period=2026-10`);
      const satisfaction = view.total.indicators.find((i) => i.code === 'satisfaction')!;
      expect(satisfaction.value).not.toBeNull();
      expect(text(element(html, '<p class="report-lead-value"', 'p'))).toBe(
        pct.format(satisfaction.value!.share),
      );
      expect(text(element(html, '<span data-value="headline-ci"', 'span'))).toBe(
        interval(satisfaction.value!.ci95),
      );
      expect(text(element(html, '<span data-value="headline-n"', 'span'))).toBe(
        `${countText(satisfaction.positive)} risposte positive su ${countText(satisfaction.n)} alla domanda SAT_OVERALL`,
      );
      expect(text(element(html, '<p data-value="responses"', 'p'))).toBe(
        `Risposte nel mese: ${countText(view.total.n)}.`,
      );
      // the change against September, with its p-value, said significant or not
      expect(satisfaction.change).toMatchObject({ against: '2026-09', significant: false });
      expect(text(element(html, '<p class="report-change"', 'p'))).toBe(
        '+16,7 punti percentuali rispetto a settembre 2026 (p = 0,215): la variazione non è significativa al 5%, può essere dovuta al caso.',
      );
      // every indicator in its table, as the API says
      const indicators = rows(element(html, '<table class="data"><caption>Gli indicatori', 'table'));
      expect(indicators.map((r) => r.cells.slice(0, 3))).toEqual(
        view.total.indicators.map((i) => [
          pct.format(i.value!.share),
          interval(i.value!.ci95),
          countText(i.n),
        ]),
      );
      expect(html).toContain('<html lang="it">');
      expect(html).toContain('Generato il');
      expect(html).toContain('2 dicembre 2026');
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/\sstyle=/);
    }
  });

  it("draws the trend, the items and the benchmark from the principal's own results, withheld cells 'riservato' and never a number", async () => {
    const html = await report(analyst);
    // the trend: August to October (the Hub's first month is August), each month as the API reads it
    const trend = rows(element(html, '<table class="data" data-table="trend"', 'table'));
    expect(trend.map((r) => r.header)).toEqual(['agosto 2026', 'settembre 2026', 'ottobre 2026']);
    for (const [i, month] of ['2026-08', '2026-09', '2026-10'].entries()) {
      const view = await api<ResultsView>(analyst, `/api/v1/results?service=${HUB}&period=${month}`);
      const sat = view.total.indicators.find((x) => x.code === 'satisfaction')!;
      expect(trend[i]!.cells, month).toEqual([
        countText(view.total.n),
        countText(sat.n),
        sat.value ? pct.format(sat.value.share) : 'riservato',
        sat.value ? interval(sat.value.ci95) : 'riservato',
      ]);
    }
    // August (3 responses < k) is withheld: in the table, and under its month in the chart
    expect(trend[0]!.cells).toEqual(['riservato', 'riservato', 'riservato', 'riservato']);
    expect(trend[0]!.withheld).toEqual([true, true, true, true]);
    const chart = element(html, '<svg class="chart" role="img" aria-labelledby="trend-chart-title', 'svg');
    expect(chart).toMatch(/font-style="italic"[^>]*>riservato<\/text>/);
    expect(text(element(chart, '<desc', 'desc'))).toContain('agosto 2026: riservato');

    // SAT_OVERALL in October: the answers 1 and 2 (4 and 6) are small cells
    const view = await api<ResultsView>(analyst, `/api/v1/results?service=${HUB}&period=2026-10`);
    const item = view.total.items.find((i) => i.code === 'SAT_OVERALL')!;
    const table = rows(element(html, '<table class="data" data-table="item-sat_overall"', 'table'));
    expect(table.map((r) => r.header)).toEqual(item.distribution.map((c) => c.label));
    let withheldSeen = 0;
    item.distribution.forEach((cell, i) => {
      if (cell.count.withheld) {
        withheldSeen++;
        expect(table[i]!.cells).toEqual(['riservato', 'riservato']);
        expect(table[i]!.withheld).toEqual([true, true]);
      } else expect(table[i]!.cells).toEqual([count.format(cell.count.count!), pct.format(cell.share!)]);
    });
    expect(withheldSeen).toBe(2);
    const bars = element(
      html,
      '<svg class="chart" role="img" aria-labelledby="item-sat_overall-chart-title',
      'svg',
    );
    for (const cell of item.distribution.filter((c) => c.count.withheld)) {
      // no bar, no number: "riservato" beside the label, in the chart and in its description
      expect(text(element(bars, '<desc', 'desc'))).toContain(`${cell.label}: riservato`);
      expect(text(bars)).not.toMatch(/\b[46] \(/);
    }
    // a bar for each option shown, none for those withheld
    expect((bars.match(/<rect /g) ?? []).length).toBe(
      item.distribution.filter((c) => !c.count.withheld).length,
    );
    expect(item.mean).toBeNull();
    expect(html).toContain('Media non mostrata');

    // the benchmark, as /results/benchmark says it
    const benchmark = await api<BenchmarkView>(
      analyst,
      `/api/v1/results/benchmark?service=${HUB}&period=2026-10`,
    );
    const peers = benchmark.indicators.find((i) => i.code === 'satisfaction')!;
    expect(peers.peers).toBeGreaterThan(0);
    const row = rows(element(html, '<table class="data" data-table="benchmark"', 'table')).find(
      (r) => r.header === 'Soddisfazione',
    )!;
    expect(row.cells.slice(0, 5)).toEqual([
      `${pct.format(peers.value!.share)} (IC 95% ${interval(peers.value!.ci95)})`,
      String(peers.peers),
      pct.format(peers.q1!),
      pct.format(peers.median!),
      pct.format(peers.q3!),
    ]);

    // the central office's report of the same month shows every cell: it is read as who asks
    const plain = rows(
      element(await report(central), '<table class="data" data-table="item-sat_overall"', 'table'),
    );
    expect(plain.map((r) => r.cells[0])).toEqual(['4', '6', '10', '10']);
  });

  it("shows the themes of the month's suggestions as /results/suggestions reads them, and 'riservato' when the list is withheld", async () => {
    const html = await report(analyst);
    const suggestions = await api<SuggestionsView>(
      analyst,
      `/api/v1/results/suggestions?service=${HUB}&period=2026-10`,
    );
    expect(suggestions.withheld).toBe(false);
    expect(text(element(html, '<p data-value="suggestions"', 'p'))).toBe(
      `Suggerimenti nel mese: ${suggestions.total}.`,
    );
    for (const [name, themes] of [
      ['terms', suggestions.themes.terms],
      ['bigrams', suggestions.themes.bigrams],
    ] as const) {
      expect(themes.length, name).toBeGreaterThan(0);
      expect(rows(element(html, `<table class="data" data-table="${name}"`, 'table'))).toEqual(
        themes.map((t) => ({
          header: t.label,
          cells: [count.format(t.count), `«${t.examples[0]}»`],
          withheld: [false, false],
        })),
      );
    }
    expect(suggestions.themes.bigrams.map((t) => t.label)).toContain('tempi attesa');
    // September's 3 suggestions are fewer than k: the section says so, with no count and no theme
    const september = await report(analyst, `/reports/services/${HUB}/2026-09`);
    const section = text(
      element(september, '<section class="report-section" aria-labelledby="temi"', 'section'),
    );
    expect(section).toBe(
      'Temi dei suggerimenti riservato : I temi sono riservati: i suggerimenti del mese sono meno di 10, o il loro numero permetterebbe di ricavare un altro dato riservato.',
    );
  });

  it('reports a month without responses, on each questionnaire family, with no figure and no error', async () => {
    for (const slug of ['bologna-permesso-ztl', 'bologna-carta-identita', 'inps-cruscotto-cig']) {
      const html = await report(central, `/reports/services/${slug}/2026-10`);
      expect(text(element(html, '<p data-value="responses"', 'p')), slug).toBe('Risposte nel mese: 0.');
      expect(html).toContain('Come leggere questi dati');
    }
  });

  it('draws every chart as a named, described image, with a table of its numbers', async () => {
    const html = await report(analyst);
    const charts = [...html.matchAll(/<svg class="chart" role="img" aria-labelledby="([^ "]+) ([^"]+)"/g)];
    expect(charts.length).toBeGreaterThanOrEqual(5);
    for (const [, title, desc] of charts) {
      expect(html).toMatch(new RegExp(`<title id="${title}">[^<]{10,}</title>`));
      expect(html).toMatch(new RegExp(`<desc id="${desc}">[^<]{20,}</desc>`));
    }
    expect([...html.matchAll(/<table class="data"/g)].length).toBeGreaterThanOrEqual(charts.length);
    expect(html).toContain('Come leggere questi dati');
    expect(html).toContain('<link rel="stylesheet" href="/assets/report.css"/>');
    const css = await valuta.app.inject({ url: '/assets/report.css' });
    expect(css.statusCode).toBe(200);
    expect(css.body).toMatch(/@page\s*\{\s*size: A4;/);
  });

  it("answers another ente's service as an unknown one (404), without credentials 401, an open month 403, bad input 400: all problem+json", async () => {
    const cases: [Session | string | null, string, number, string][] = [
      [other, REPORT, 404, 'service-not-found'],
      [analyst, `/reports/services/${INAIL}/2026-10`, 404, 'service-not-found'],
      [analyst, '/reports/services/no-such-service/2026-10', 404, 'service-not-found'],
      [null, REPORT, 401, 'sign-in-required'],
      [analyst, `/reports/services/${HUB}/2026-12`, 403, 'not-published'],
      [central, `/reports/services/${HUB}/2026-12`, 403, 'not-published'],
      [key, `/reports/services/${HUB}/2027-01`, 403, 'not-published'],
      [analyst, `/reports/services/${HUB}/2026-13`, 400, 'validation'],
      [analyst, `/reports/services/${HUB}/2026-1`, 400, 'validation'],
      [analyst, `/reports/services/${HUB}/ottobre`, 400, 'validation'],
      [analyst, '/reports/services/Hub_INPS/2026-10', 400, 'validation'],
      [analyst, `/reports/services/${HUB}/2026-10-01`, 400, 'validation'],
    ];
    const before = (await exports()).length;
    for (const [who, url, status, type] of cases) {
      const reply = await get(who, url);
      expect(reply.statusCode, url).toBe(status);
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(reply.json().type, url).toBe(`urn:valuta:problem:${type}`);
    }
    // a report refused is not one given out
    expect((await exports()).length).toBe(before);
  });

  it('writes each report viewed to the audit trail: who, which service and month, for the ente', async () => {
    const before = (await exports()).length;
    await report(analyst);
    await report(key, `/reports/services/${HUB}/2026-09`);
    const entries = (await exports()).slice(before);
    const inps = await valuta.database.db
      .selectFrom('ente')
      .select('id')
      .where('ipaCode', '=', 'inps')
      .executeTakeFirstOrThrow();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      action: 'export.monthly-report',
      targetKind: 'export',
      targetId: 'monthly-report',
      enteId: inps.id,
      actorKind: 'user',
    });
    expect(entries[0]!.summary).toEqual({
      format: 'html',
      filters: { service: HUB, month: '2026-10' },
      rows: 1,
    });
    expect(entries[1]).toMatchObject({ actorKind: 'api-key', enteId: inps.id });
    expect(entries[1]!.summary).toEqual({
      format: 'html',
      filters: { service: HUB, month: '2026-09' },
      rows: 1,
    });
  });
});
