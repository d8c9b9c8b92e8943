/**
 * The results API end to end on known data: responses submitted through the real write path at
 * dates chosen by the test's clock, released, then read as the central office, an ente analyst
 * and an ente's `results:read` key on 2 December 2026 (November is the newest closed month).
 *
 * Reference values: SciPy 1.17.1 and NumPy 2.4.6 (Python 3), from the counts below:
 *   binomtest(20, 30).proportion_ci(method='wilson')                → (0.4878005164454384, 0.8076950191632386)
 *   binomtest(17, 40).proportion_ci(method='wilson')                → (0.28509392559950375, 0.5780493145800892)
 *   x = [4]*10+[3]*10+[2]*6+[1]*4; t.interval(0.95, 29, loc=mean(x), scale=sem(x)) → (2.4777040868951796, 3.2556292464381538)
 *   pooled z: 2*norm.sf(|z|) for 20/30 vs 12/24                     → 0.21549950906932713
 *                              for 10/12 vs 3/12                     → 0.004134507669588778
 *                              for 20/30 vs 24/37 (peers pooled)     → 0.8772471543609737
 *   false_discovery_control([0.2155, 0.004135, 1, 1, 1, 1, 1, 1], method='bh') → [0.86199804, 0.03307606, 1, …]
 *   peers [10/12, 9/15, 5/10]: median 0.6, quantile([.25, .75]) → [0.55, 0.71666667];
 *   percentileofscore(peers, 20/30, kind='mean') → 66.67
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsView, ResultRowView } from '../../src/domain/results-view.js';
import fc from 'fast-check';
import { seedDemo } from '../../src/demo/seed.js';
import { databaseKind, startValuta, type TestValuta } from '../support/database.js';
import { HUB, releaseAll, startPilot } from '../support/pilot.js';
import { rebuildRollups } from '../../src/store/rollups.js';
import { apiKeyOf, sessionAs, type Session } from '../support/staff.js';

const INAIL = 'inail-sportello-digitale';
const CIVA = 'inail-civa';
const RESIDENZA = 'roma-cambio-residenza';
const GEBAC = 'roma-gebac-bando-casa';
const NOW = new Date('2026-12-02T11:00:00Z');

/** An answer set of cx-dispositivo whose satisfaction is `sat` and whose other indicators are all positive. */
const answers = (sat: number) => ({ SAT_OVERALL: sat, EASE: 4, EFFECTIVENESS: 'yes-fully', INFO_CLARITY: 4 });

describe(`the results API on known data (${databaseKind})`, () => {
  let valuta: TestValuta;
  let clock = NOW;
  let central: Session;
  let analyst: Session;
  let key: string;

  const submitAt = async (day: string, slug: string, sats: number[], channel = 'web') => {
    clock = new Date(`${day}T10:00:00Z`);
    for (const sat of sats) {
      const reply = await valuta.app.inject({
        method: 'POST',
        url: `/api/v1/services/${slug}/responses`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ submissionId: randomUUID(), answers: answers(sat), channel }),
      });
      expect(reply.statusCode, reply.body).toBe(201);
    }
  };
  const times = (n: number, sat: number) => Array.from({ length: n }, () => sat);
  /** `n` openings of the questionnaire of `slug` on the web on `day`, counted at once. */
  const openAt = async (day: string, slug: string, n: number) => {
    clock = new Date(`${day}T09:00:00Z`);
    for (let i = 0; i < n; i++)
      await valuta.app.inject({
        method: 'POST',
        url: `/api/v1/services/${slug}/openings`,
        headers: { 'content-type': 'application/json', origin: 'https://www.inps.it' },
        payload: '{}',
      });
    await valuta.openings.flush();
  };

  beforeAll(async () => {
    valuta = await startPilot({}, { clock: () => clock });
    // HUB (INPS): 3 in August; 24 in September (satisfaction 4×12, 2×9, 1×3); 30 in October: satisfaction
    // 4×10, 3×10, 2×6, 1×4, on 5 October (10) and 20 October (20); 20 in November, all satisfied: 17 on
    // the web, where the questionnaire was opened 40 times, and 3 in the app
    await submitAt('2026-08-10', HUB, times(3, 4));
    await submitAt('2026-09-15', HUB, [...times(12, 4), ...times(9, 2), ...times(3, 1)]);
    await submitAt('2026-10-05', HUB, times(10, 4));
    await submitAt('2026-10-20', HUB, [...times(10, 3), ...times(6, 2), ...times(4, 1)]);
    await submitAt('2026-11-10', HUB, times(17, 4));
    await submitAt('2026-11-10', HUB, times(3, 4), 'app');
    await openAt('2026-11-10', HUB, 40);
    // Peers (same kind and family, other enti): INAIL 3/12 then 10/12; Roma 9/15 and 5/10; CIVA 4 (< k)
    await submitAt('2026-09-10', INAIL, [...times(3, 4), ...times(9, 1)]);
    await submitAt('2026-10-10', INAIL, [...times(10, 4), ...times(2, 1)]);
    await submitAt('2026-10-12', RESIDENZA, [...times(9, 3), ...times(6, 2)]);
    await submitAt('2026-10-14', GEBAC, [...times(5, 4), ...times(5, 1)]);
    await submitAt('2026-10-16', CIVA, times(4, 4));
    await releaseAll(valuta);
    clock = NOW;
    central = await sessionAs(valuta, 'platform-admin');
    analyst = await sessionAs(valuta, 'ente-analyst', 'inps');
    key = await apiKeyOf(valuta, 'inps', ['results:read']);
  });
  afterAll(() => valuta.dispose());

  const get = (who: Session | string, url: string) =>
    valuta.app.inject({
      method: 'GET',
      url,
      headers: typeof who === 'string' ? { authorization: `Bearer ${who}` } : who.headers,
    });
  const results = async (who: Session | string, query: string): Promise<ResultsView> => {
    const reply = await get(who, `/api/v1/results?${query}`);
    expect(reply.statusCode, reply.body).toBe(200);
    return reply.json();
  };
  const indicator = (row: ResultRowView, code: string) => row.indicators.find((i) => i.code === code)!;
  const item = (row: ResultRowView, code: string) => row.items.find((i) => i.code === code)!;
  const withheld = { count: null, withheld: true };

  it('computes the indicators of a month as the reference says: distribution, mean with t CI, share with Wilson CI', async () => {
    for (const who of [analyst, key]) {
      const view = await results(who, `service=${HUB}&period=2026-10`);
      expect(view).toMatchObject({
        k: 10,
        disclosureControl: true,
        period: { key: '2026-10', kind: 'month' },
      });
      expect(view.total.n).toEqual({ count: 30, withheld: false });
      const sat = item(view.total, 'SAT_OVERALL');
      // the values 1 and 2 (4 and 6 answers) are small cells: withheld, and so is the mean they weigh in
      expect(sat.distribution.map((c) => [c.value, c.count.count])).toEqual([
        [1, null],
        [2, null],
        [3, 10],
        [4, 10],
      ]);
      expect(sat.mean).toBeNull();
      const satisfaction = indicator(view.total, 'satisfaction');
      expect(satisfaction.positive).toEqual({ count: 20, withheld: false });
      expect(satisfaction.value!.share).toBe(20 / 30);
      expect(satisfaction.value!.ci95.low).toBeCloseTo(0.4878005164454384, 12);
      expect(satisfaction.value!.ci95.high).toBeCloseTo(0.8076950191632386, 12);
    }
    // The central office sees every cell, and so the mean
    const plain = item((await results(central, `service=${HUB}&period=2026-10`)).total, 'SAT_OVERALL');
    expect(plain.distribution.map((c) => c.count.count)).toEqual([4, 6, 10, 10]);
    expect(plain.mean!.value).toBeCloseTo(2.8666666666666667, 12);
    expect(plain.mean!.ci95.low).toBeCloseTo(2.4777040868951796, 12);
    expect(plain.mean!.ci95.high).toBeCloseTo(3.2556292464381538, 12);
  });

  it('withholds the small values of a distribution as withheld, never as zero, with what would give them away', async () => {
    // September: 12×4, 9×2, 3×1. The 3 is withheld; 9 would be 24 − 12 − 3 away from it, so it is too
    const september = item((await results(analyst, `service=${HUB}&period=2026-09`)).total, 'SAT_OVERALL');
    expect(september.distribution.map((c) => c.count.count)).toEqual([null, null, 0, 12]);
    for (const c of september.distribution.filter((d) => d.count.withheld)) {
      expect(c.count).toEqual(withheld);
      expect(c.share).toBeNull();
    }
    expect(
      indicator((await results(analyst, `service=${HUB}&period=2026-09`)).total, 'satisfaction').value!.share,
    ).toBe(0.5);
  });

  it('compares a month with the previous one by a two-proportion test, when both have n ≥ k', async () => {
    const october = indicator(
      (await results(analyst, `service=${HUB}&period=2026-10`)).total,
      'satisfaction',
    );
    expect(october.change).toMatchObject({ against: '2026-09', share: 0.5, significant: false });
    expect(october.change!.difference).toBeCloseTo(20 / 30 - 0.5, 12);
    expect(october.change!.pValue).toBeCloseTo(0.21549950906932713, 12);
    expect(october.change!.adjustedPValue).toBeNull();
    // September against August (3 responses < k): no comparison
    const september = indicator(
      (await results(analyst, `service=${HUB}&period=2026-09`)).total,
      'satisfaction',
    );
    expect(september.value!.share).toBe(0.5);
    expect(september.change).toBeNull();
  });

  it('withholds a month below k, and the quarter that would give it away by subtraction', async () => {
    const august = await results(analyst, `service=${HUB}&period=2026-08`);
    expect(august.total.n).toEqual(withheld);
    expect(indicator(august.total, 'satisfaction').value).toBeNull();
    // Q3 = 0 + 3 + 24: the months were published first, so the quarter total (27) is withheld
    const quarter = await results(analyst, `service=${HUB}&period=2026-Q3&groupBy=month`);
    expect(quarter.period).toMatchObject({
      key: '2026-Q3',
      kind: 'quarter',
      from: '2026-07-01',
      to: '2026-09-30',
    });
    expect(quarter.total.n).toEqual(withheld);
    expect(quarter.rows.map((r) => [r.key, r.n])).toEqual([
      ['2026-07', { count: 0, withheld: false }],
      ['2026-08', withheld],
      ['2026-09', { count: 24, withheld: false }],
    ]);
    // the central office sees it all
    const plain = await results(central, `service=${HUB}&period=2026-Q3&groupBy=month`);
    expect(plain.disclosureControl).toBe(false);
    expect(plain.total.n.count).toBe(27);
    expect(plain.rows.map((r) => r.n.count)).toEqual([0, 3, 24]);
  });

  it('withholds a channel below k, and what would give it away from the margin', async () => {
    const view = await results(analyst, `service=${HUB}&period=2026-11&groupBy=channel`);
    const byKey = new Map(view.rows.map((r) => [r.key, r.n]));
    expect(byKey.get('app')).toEqual(withheld);
    // 20 responses = 17 web + 3 app: either web or the total is withheld too
    expect(byKey.get('web')!.withheld || view.total.n.withheld).toBe(true);
    const shown = view.rows.filter((r) => !r.n.withheld).reduce((sum, r) => sum + r.n.count!, 0);
    if (!view.total.n.withheld) expect(view.total.n.count! - shown).toBeGreaterThanOrEqual(10);
    // so the response rate (web responses ÷ web openings) is not shown to the ente; the central office sees 17/40
    const november = await results(analyst, `service=${HUB}&period=2026-11`);
    expect(november.total.n).toEqual({ count: 20, withheld: false });
    expect(november.total.responseRate).toBeNull();
    expect(november.total.openings).toBeNull(); // shown with its rate only
    const rate = (await results(central, `service=${HUB}&period=2026-11`)).total;
    expect(rate.openings).toBe(40);
    expect(rate.responseRate!.share).toBe(17 / 40);
    expect(rate.responseRate!.ci95.low).toBeCloseTo(0.28509392559950375, 12);
    expect(rate.responseRate!.ci95.high).toBeCloseTo(0.5780493145800892, 12);
  });

  it('refuses a day range, the running month and an open quarter to an ente user (problem+json), and serves them to the central office', async () => {
    for (const query of [
      `service=${HUB}&from=2026-10-01&to=2026-10-10`,
      `service=${HUB}&period=2026-12`,
      `service=${HUB}&period=2026-Q4`,
      `service=${HUB}&period=2026`,
      `service=${HUB}&period=2026-10&channel=web&device=mobile`,
      `service=${HUB}&period=2026-10&channel=web&groupBy=device`,
    ])
      for (const who of [analyst, key]) {
        const reply = await get(who, `/api/v1/results?${query}`);
        expect(reply.statusCode, query).toBe(403);
        expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(reply.json()).toMatchObject({
          type: 'urn:valuta:problem:not-published',
          code: 'VALUTA_ERR_NOT_PUBLISHED',
        });
      }
    // the central office reads the days: 1–10 October holds the 10 of 5 October
    const days = await results(central, `service=${HUB}&from=2026-10-01&to=2026-10-10`);
    expect(days.period).toMatchObject({ kind: 'days', from: '2026-10-01', to: '2026-10-10' });
    expect(days.total.n).toEqual({ count: 10, withheld: false });
    expect((await results(central, `service=${HUB}&period=2026-Q4`)).total.n.count).toBe(50);
    // an ente user sees the running month's response count only
    const running = await results(analyst, `service=${HUB}`);
    expect(running.period.key).toBe('2026-11');
    expect(running.running).toEqual({ month: '2026-12', n: 0 });
  });

  it('keeps an ente user to their own ente, for a session and a key alike', async () => {
    for (const who of [analyst, key]) {
      const reply = await get(who, `/api/v1/results?service=${INAIL}&period=2026-10`);
      expect(reply.statusCode).toBe(404);
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      const all = await results(who, 'period=2026-10&groupBy=service');
      expect(all.rows.map((r) => r.key).sort()).toEqual(['inps-cruscotto-cig', HUB]);
    }
    expect((await get(analyst, '/api/v1/results/coverage?period=2026-10')).statusCode).toBe(403);
  });

  it('controls the false discovery rate when the national view tests many services at once', async () => {
    const view = await results(central, 'period=2026-10&groupBy=service');
    expect(view.multipleTesting).toEqual({ method: 'benjamini-hochberg', tests: 8, level: 0.05 });
    const change = (slug: string) =>
      indicator(
        view.rows.find((r) => r.key === slug)!,
        'satisfaction',
      ).change!;
    expect(change(INAIL).pValue).toBeCloseTo(0.004134507669588778, 12);
    expect(change(INAIL).adjustedPValue).toBeCloseTo(0.03307606, 8);
    expect(change(INAIL).significant).toBe(true);
    expect(change(HUB).adjustedPValue).toBeCloseTo(0.86199804, 8);
    expect(change(HUB).significant).toBe(false);
    expect(view.total.n.count).toBe(30 + 12 + 15 + 10 + 4);
  });

  it('places a service among similar services of other enti: median, IQR, percentile and a test against them', async () => {
    for (const who of [analyst, key]) {
      const reply = await get(who, `/api/v1/results/benchmark?service=${HUB}&period=2026-10`);
      expect(reply.statusCode, reply.body).toBe(200);
      const satisfaction = reply.json().indicators.find((i: { code: string }) => i.code === 'satisfaction');
      // CIVA (4 responses) is below k and INPS's own services are not peers: INAIL, Residenza, GEBAC
      expect(satisfaction.peers).toBe(3);
      expect(satisfaction.withheld).toBe(false);
      expect(satisfaction.median).toBeCloseTo(0.6, 12);
      expect(satisfaction.q1).toBeCloseTo(0.55, 12);
      expect(satisfaction.q3).toBeCloseTo(0.71666667, 8);
      expect(satisfaction.percentile).toBeCloseTo(2 / 3, 12);
      expect(satisfaction.comparison).toMatchObject({ against: 'benchmark', significant: false });
      expect(satisfaction.comparison.share).toBeCloseTo(24 / 37, 12);
      expect(satisfaction.comparison.pValue).toBeCloseTo(0.8772471543609737, 12);
    }
  });

  it('counts coverage and the funnel for the central office', async () => {
    const reply = await get(central, '/api/v1/results/coverage?period=2026-11');
    expect(reply.statusCode, reply.body).toBe(200);
    const coverage = reply.json();
    expect(coverage.targets).toEqual({ services: 300, enti: 100, year: 2026 });
    const hub = coverage.funnel.find((f: { service: string }) => f.service === HUB);
    // the responses on the channels that count openings (web: 17 of the 20), one denominator
    expect(hub).toMatchObject({ openings: 40, responses: 17 });
    expect(hub.rate.share).toBe(17 / 40);
  });

  it("keeps each ente's results apart: the same query by two enti's analysts answers each with its own", async () => {
    const inail = await sessionAs(valuta, 'ente-analyst', 'inail');
    // INPS's October (HUB: 30) is computed and kept first; INAIL's (12 + CIVA's 4) must not be served from it
    expect((await results(analyst, 'period=2026-10')).total.n.count).toBe(30);
    expect((await results(inail, 'period=2026-10')).total.n.count).toBe(16);
    expect((await results(analyst, 'period=2026-10')).total.n.count).toBe(30);
  });

  // last: it adds responses and openings to November
  it('keeps results until the rollups of their months change: a release or a rebuild shows what moved, openings show at once', async () => {
    const november = () => results(central, `service=${HUB}&period=2026-11`);
    const generation = (month = '2026-11') => valuta.resultsCache.generation({ first: month, last: month });
    const october = await generation('2026-10');
    const before = await november();
    expect(before.total.n.count).toBe(20);
    expect(before.total.openings).toBe(40);
    // a release with nothing to release moves no rows: the generation, and so what is kept, stays
    const unchanged = await generation();
    await releaseAll(valuta);
    expect(await generation()).toBe(unchanged);
    await submitAt('2026-11-20', HUB, times(2, 4));
    clock = NOW;
    // submitted, not yet released: nothing shows
    expect((await november()).total.n.count).toBe(20);
    await openAt('2026-11-20', HUB, 5);
    clock = NOW;
    // openings raise their month's generation when they are written: they show at once
    expect(await generation()).toBe(unchanged + 1);
    expect((await november()).total.openings).toBe(45);
    await releaseAll(valuta);
    expect(await generation()).toBe(unchanged + 2);
    // what was computed for the months the release did not touch is still kept
    expect(await generation('2026-10')).toBe(october);
    expect(await valuta.resultsCache.generation({ first: '2026-10', last: '2026-11' })).toBe(
      october + unchanged + 2,
    );
    const released = await november();
    expect(released.total.n.count).toBe(22);
    expect(released.total.responseRate!.share).toBe(19 / 45);
    // a rebuild raises the generation too, and gives the same results
    await rebuildRollups(valuta.database.db);
    expect(await generation()).toBeGreaterThan(unchanged + 2);
    expect(await generation('2026-10')).toBeGreaterThan(october);
    expect(await november()).toEqual(released);
  });
});

describe(`property: no results request answers 5xx (${databaseKind})`, () => {
  let valuta: TestValuta;
  beforeAll(async () => {
    // the demo: a year of responses of the pilot's services, released
    valuta = await startValuta({}, { clock: () => NOW });
    await seedDemo(valuta.database.db, { responses: 3000 });
    valuta.directory.invalidate();
  });
  afterAll(() => valuta.dispose());

  it('for any mix of filters, groupings and periods, valid or not, as the central office, an ente analyst or a key', async () => {
    const whom = [
      (await sessionAs(valuta, 'platform-admin')).headers,
      (await sessionAs(valuta, 'ente-analyst', 'inps')).headers,
      { authorization: `Bearer ${await apiKeyOf(valuta, 'c_h501', ['results:read'])}` },
    ];
    // mostly known values (so that many requests are answered), now and then any string
    const value = (...known: string[]) =>
      fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...known) },
        { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
      );
    const parameters = {
      service: value(HUB, INAIL, 'bologna-permesso-ztl', 'no-such-service'),
      ente: value('inps', 'inail', 'c_h501', 'c_a944'),
      family: value('cx-dispositivo', 'cx-consultazione', 'di-chiarezza-pagina'),
      kind: value('dispositivo', 'consultazione'),
      region: value('Lazio', 'Emilia-Romagna', 'Italia'),
      period: value('2026-10', '2026-11', '2026-12', '2026-Q3', '2026-Q4', '2026', '2025', '2026-13'),
      from: value('2026-10-01', '2026-11-30', '2024-01-01', '2026-02-30'),
      to: value('2026-10-31', '2026-12-01', '2026-10-01'),
      groupBy: value('service', 'ente', 'region', 'month', 'channel', 'device', 'lang'),
      channel: value('web', 'app', 'qr'),
      device: value('mobile', 'desktop'),
      lang: value('it', 'en'),
      verified: value('true', 'false'),
    };
    // each route with the parameters it takes, and now and then one it does not
    const names = Object.keys(parameters) as (keyof typeof parameters)[];
    const routes = {
      '/api/v1/results': names,
      '/api/v1/results/benchmark': ['service', 'period', 'groupBy'],
      '/api/v1/results/coverage': ['period', 'from'],
    } as const;
    const request = fc.constantFrom(...(Object.keys(routes) as (keyof typeof routes)[])).chain((path) =>
      fc
        .subarray([...new Set(routes[path])], { maxLength: Math.min(4, new Set(routes[path]).size) })
        .chain((keys) => fc.record(Object.fromEntries(keys.map((key) => [key, parameters[key]]))))
        .map((q) => `${path}?${new URLSearchParams(q)}`),
    );
    const answered = new Set<number>();
    await fc.assert(
      fc.asyncProperty(request, fc.nat(whom.length - 1), async (url, who) => {
        const reply = await valuta.app.inject({ method: 'GET', url, headers: whom[who] });
        expect(reply.statusCode, `${url}: ${reply.body}`).toBeLessThan(500);
        answered.add(reply.statusCode);
        if (reply.statusCode >= 400)
          expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 300 },
    );
    // the mix reached both answers and refusals
    expect([...answered].sort()).toEqual(expect.arrayContaining([200, 400, 403]));
  });
});
