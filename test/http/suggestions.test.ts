/**
 * Suggestions end to end: comments submitted through the real write path in October 2026, read on
 * 2 December 2026 by an INPS analyst (disclosure control) and the central office (none).
 *
 * The Hub's October: 16 satisfied (4) on the web about waiting times, 14 fairly satisfied (3) on the
 * web praising the clarity, 3 dissatisfied (1) in the app about a confusing page: 33 suggestions.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuggestionsView } from '../../src/domain/suggestions.js';
import { databaseKind, type TestValuta } from '../support/database.js';
import { HUB, releaseAll, startPilot, submit as submitTo } from '../support/pilot.js';
import { sessionAs, type Session } from '../support/staff.js';

const NOW = new Date('2026-12-02T11:00:00Z');
const WAITING = [
  'I tempi di attesa sono troppo lunghi',
  'Tempi di attesa lunghi, ma il servizio funziona',
  "L'attesa per la risposta è stata lunga",
  'Tempi di attesa eccessivi per la conferma',
];
const CLARITY = ['Pagina chiara e veloce', 'Istruzioni chiare, grazie', 'Tutto chiaro e semplice'];
const CONFUSED = ['La pagina è confusa', 'Non trovavo il modulo', 'Pagina confusa e lenta'];

describe(`suggestions (${databaseKind})`, () => {
  let valuta: TestValuta;
  let clock = NOW;
  let analyst: Session;
  let central: Session;
  let otherEnte: Session;

  const submit = async (sat: number, text: string, channel = 'web') => {
    const reply = await submitTo(valuta, {
      answers: { SAT_OVERALL: sat, EASE: 4, EFFECTIVENESS: 'yes-fully', INFO_CLARITY: 4, SUGGESTIONS: text },
      channel,
    });
    expect(reply.statusCode, reply.body).toBe(201);
  };
  const get = async (who: Session, query: string, status = 200) => {
    const reply = await valuta.app.inject({
      method: 'GET',
      url: `/api/v1/results/suggestions?${query}`,
      headers: who.headers,
    });
    expect(reply.statusCode, reply.body).toBe(status);
    return reply.json() as SuggestionsView;
  };

  beforeAll(async () => {
    valuta = await startPilot({}, { clock: () => clock });
    clock = new Date('2026-10-07T10:00:00Z');
    for (let i = 0; i < 16; i++) await submit(4, WAITING[i % WAITING.length]!);
    for (let i = 0; i < 14; i++) await submit(3, CLARITY[i % CLARITY.length]!);
    for (const text of CONFUSED) await submit(1, text, 'app');
    await releaseAll(valuta);
    clock = NOW;
    analyst = await sessionAs(valuta, 'ente-analyst', 'inps');
    central = await sessionAs(valuta, 'platform-admin');
    otherEnte = await sessionAs(valuta, 'ente-analyst', 'inail');
  });
  afterAll(() => valuta.dispose());

  it("lists a closed month's suggestions with their themes: stemmed terms and pairs, counted once per suggestion", async () => {
    const view = await get(analyst, `service=${HUB}&period=2026-10`);
    expect(view).toMatchObject({ withheld: false, total: 33, matched: 33, page: 1, pageSize: 20 });
    expect(view.suggestions).toHaveLength(20);
    const terms = Object.fromEntries(view.themes.terms.map((t) => [t.label, t.count]));
    // "attesa" and "L'attesa" are one term; "lunghi" and "lunga" one stem
    expect(terms).toMatchObject({ attesa: 16, tempi: 12, pagina: 7 });
    expect(view.themes.terms.map((t) => t.label)).not.toContain('di');
    const pairs = Object.fromEntries(view.themes.bigrams.map((t) => [t.label, t.count]));
    // "Tempi di attesa": the stop word is skipped; "lunghi, ma": no pair across the comma
    expect(pairs['tempi attesa']).toBe(12);
    expect(pairs['lunghi servizio']).toBeUndefined();
    expect(view.themes.terms[0]!.examples).toHaveLength(2);
  });

  it('searches in Italian: stems and stop words, phrases and exclusions', async () => {
    const attese = await get(analyst, `service=${HUB}&period=2026-10&q=attese`);
    expect(attese.matched).toBe(16);
    expect(attese.total).toBe(33);
    const search = async (q: string) =>
      (await get(analyst, `service=${HUB}&period=2026-10&q=${encodeURIComponent(q)}`)).suggestions.map(
        (s) => s.text,
      );
    expect(await search('pagina confusa -lenta')).toEqual(['La pagina è confusa']);
    expect(await search('"pagina confusa"')).toEqual(['Pagina confusa e lenta']);
  });

  it('publishes only lists whose common parts and differences all hold k or none: texts can be intersected', async () => {
    const view = await get(analyst, `service=${HUB}&period=2026-10`);
    const byScore = Object.fromEntries(view.byScore.map((b) => [b.score, b.count]));
    // 3 with score 1 are below k. The 14 of score 3 may be shown (the rest, 19, holds k); beside
    // them the 16 of score 4 may not: the month minus both lists would be the 3 of score 1
    expect(byScore).toEqual({
      '1': { count: null, withheld: true },
      '3': { count: 14, withheld: false },
      '4': { count: null, withheld: true },
    });
    expect(await get(analyst, `service=${HUB}&period=2026-10&score=1`)).toMatchObject({
      withheld: true,
      total: null,
      suggestions: [],
      themes: { terms: [], bigrams: [] },
    });
    expect((await get(analyst, `service=${HUB}&period=2026-10&score=3`)).total).toBe(14);
    expect((await get(analyst, `service=${HUB}&period=2026-10&score=4`)).withheld).toBe(true);
    // the web's 30 (shown by the results) would leave the app's 3 as the month minus the web
    expect((await get(analyst, `service=${HUB}&period=2026-10&channel=web`)).withheld).toBe(true);
    // a list both filters make is published when the lists shown already make it
    expect((await get(analyst, `service=${HUB}&period=2026-10&score=3&channel=web`)).total).toBe(14);
    // the app's 3 are withheld as the results withhold the text item's count on that channel
    expect((await get(analyst, `service=${HUB}&period=2026-10&channel=app`)).withheld).toBe(true);
    // nor does any text say its score or channel, which would count the lists withheld
    expect(view.suggestions.every((s) => s.score === null && s.channel === null)).toBe(true);
    // the central office sees every list
    const plain = await get(central, `service=${HUB}&period=2026-10&score=1`);
    expect(plain.suggestions.map((s) => s.text).sort()).toEqual([...CONFUSED].sort());
    expect(plain.suggestions.every((s) => s.channel === 'app' && s.score === 1)).toBe(true);
  });

  it('redacts again on every read, and neither search nor themes see what was scrubbed', async () => {
    // stored as a detector that missed them would have left it
    const service = await valuta.database.db
      .selectFrom('service')
      .select('id')
      .where('slug', '=', HUB)
      .executeTakeFirstOrThrow();
    await valuta.database.db
      .insertInto('comment')
      .values({
        id: randomUUID(),
        serviceId: service.id,
        day: '2026-10-08',
        itemCode: 'SUGGESTIONS',
        lang: 'it',
        text: 'Scrivetemi a mario.rossi@example.it oppure al 347 123 4567',
        channel: 'web',
        score: 3,
      })
      .execute();
    for (const who of [analyst, central]) {
      const view = await get(who, `service=${HUB}&period=2026-10&score=3`);
      const texts = view.suggestions.map((s) => s.text).join('\n');
      expect(texts).toContain('Scrivetemi a [email] oppure al [telefono]');
      expect(texts).not.toMatch(/mario|rossi|4567/);
      expect(JSON.stringify(view.themes)).not.toMatch(/mario|rossi|4567/);
      for (const probe of ['rossi', '4567', 'mario.rossi@example.it'])
        expect(
          (await get(who, `service=${HUB}&period=2026-10&score=3&q=${encodeURIComponent(probe)}`)).matched,
          probe,
        ).toBe(0);
      expect((await get(who, `service=${HUB}&period=2026-10&score=3&q=Scrivetemi`)).matched).toBe(1);
    }
  });

  it('refuses what disclosure control does not publish, and what is malformed, as problems', async () => {
    const problem = async (who: Session, query: string, status: number, type: string) => {
      const reply = await valuta.app.inject({
        method: 'GET',
        url: `/api/v1/results/suggestions?${query}`,
        headers: who.headers,
      });
      expect(reply.statusCode, reply.body).toBe(status);
      expect(reply.headers['content-type']).toContain('application/problem+json');
      expect(reply.json().type).toBe(`urn:valuta:problem:${type}`);
    };
    await problem(analyst, `service=${HUB}&period=2026-12`, 403, 'not-published');
    await problem(otherEnte, `service=${HUB}&period=2026-10`, 404, 'service-not-found');
    await problem(analyst, `service=${HUB}&period=2026-Q4`, 400, 'validation');
    await problem(analyst, `service=${HUB}&score=0`, 400, 'validation');
    await problem(analyst, `service=${HUB}&channel=fax`, 400, 'validation');
    // the central office may read the running month
    expect((await get(central, `service=${HUB}&period=2026-12`)).total).toBe(0);
  });

  it('answers any query string with the suggestions or a problem, never a 5xx (property)', async () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }), // any code point: NUL, lone surrogates
      fc.constantFrom('"', "'", '!', '&', '|', ':*', '(', ')', '<->', '-', 'or', '\\', '%00'),
    );
    const query = fc.record(
      {
        service: fc.oneof(fc.constant(HUB), value),
        period: fc.oneof(fc.constantFrom('2026-10', '2026-12', '2026'), value),
        score: fc.oneof(fc.constantFrom('1', '4', 'none'), value),
        channel: fc.oneof(fc.constantFrom('web', 'app'), value),
        q: fc.oneof(
          fc.array(value, { maxLength: 4 }).map((words) => words.join(' ')),
          value,
        ),
        page: fc.oneof(fc.integer({ min: -1, max: 20_000 }).map(String), value),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(query, fc.constantFrom('analyst', 'central'), async (q, who) => {
        const search = new URLSearchParams(q as Record<string, string>).toString();
        for (const path of ['/api/v1/results/suggestions', '/api/v1/exports/suggestions.csv']) {
          const reply = await valuta.app.inject({
            method: 'GET',
            url: `${path}?${search}`,
            headers: (who === 'analyst' ? analyst : central).headers,
          });
          expect(reply.statusCode, `${path}?${search}: ${reply.body}`).toBeLessThan(500);
          if (reply.statusCode >= 400)
            expect(reply.headers['content-type']).toContain('application/problem+json');
        }
      }),
      {
        numRuns: 150,
        examples: [
          [{ service: HUB, period: '2026-10', q: 'a\u0000b' }, 'central'],
          [{ service: HUB, period: '2026-10', q: '\ud800 attesa' }, 'analyst'],
          [{ service: HUB, period: '2026-10', q: "'!:* & (" }, 'analyst'],
        ],
      },
    );
  });
});
