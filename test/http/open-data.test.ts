/**
 * Open data end to end: responses through the real write path in October and November 2026,
 * read on 2 December 2026; a month published by the central office, frozen, corrected; the public
 * page, files and catalogue record; refusals as problem+json that change nothing.
 *
 * October: INPS Hub 30 (20 satisfied), INAIL Sportello 4 (withheld in INAIL's own view), Roma
 * Cambio di residenza 25. INPS and INAIL are the one PA type "Enti Nazionali di Previdenza ed
 * Assistenza Sociale": its 34 would give INAIL's 4 away as 34 − 30.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDataLine } from '../../src/domain/open-data.js';
import type { ResultsView } from '../../src/domain/results-view.js';
import { rebuildRollups } from '../../src/store/rollups.js';
import { databaseKind, type TestValuta } from '../support/database.js';
import { HUB, releaseAll, startPilot } from '../support/pilot.js';
import { sessionAs, type Session } from '../support/staff.js';

const INAIL = 'inail-sportello-digitale';
const RESIDENZA = 'roma-cambio-residenza';
const PREVIDENZA = 'Enti Nazionali di Previdenza ed Assistenza Sociale';
const NOW = new Date('2026-12-02T11:00:00Z');
const answers = (sat: number) => ({ SAT_OVERALL: sat, EASE: 4, EFFECTIVENESS: 'yes-fully', INFO_CLARITY: 4 });

describe(`open data (${databaseKind})`, () => {
  let valuta: TestValuta;
  let clock = NOW;
  let central: Session;
  let enteAdmin: Session;
  let analyst: Session;

  const submitAt = async (day: string, slug: string, sats: number[]) => {
    clock = new Date(`${day}T10:00:00Z`);
    for (const sat of sats) {
      const reply = await valuta.app.inject({
        method: 'POST',
        url: `/api/v1/services/${slug}/responses`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ submissionId: randomUUID(), answers: answers(sat) }),
      });
      expect(reply.statusCode, reply.body).toBe(201);
    }
    clock = NOW;
  };
  const times = (n: number, sat: number) => Array.from({ length: n }, () => sat);
  const publish = (who: Session | null, body: unknown) =>
    valuta.app.inject({
      method: 'POST',
      url: '/api/v1/admin/open-data/releases',
      headers: { ...(who?.headers ?? {}), 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
  const get = (url: string, who?: Session) =>
    valuta.app.inject({ method: 'GET', url, headers: who?.headers ?? {} });
  const csvOf = async (query = '') => (await get(`/open-data/indicators.csv${query}`)).body;
  const jsonLines = async (query = ''): Promise<OpenDataLine[]> =>
    (await get(`/open-data/indicators.json${query}`)).json().rows;
  const releases = () =>
    valuta.database.db.selectFrom('openDataRelease').selectAll().orderBy('release').execute();
  const audit = (action: string) =>
    valuta.database.db.selectFrom('auditEntry').selectAll().where('action', '=', action).execute();

  beforeAll(async () => {
    valuta = await startPilot({}, { clock: () => clock });
    await submitAt('2026-10-05', HUB, [...times(20, 4), ...times(10, 1)]);
    await submitAt('2026-10-06', INAIL, times(4, 4));
    await submitAt('2026-10-07', RESIDENZA, [...times(15, 3), ...times(10, 2)]);
    await submitAt('2026-11-10', HUB, times(12, 4));
    await releaseAll(valuta);
    central = await sessionAs(valuta, 'platform-admin');
    enteAdmin = await sessionAs(valuta, 'ente-admin', 'inps');
    analyst = await sessionAs(valuta, 'ente-analyst', 'inail');
  });
  afterAll(() => valuta.dispose());

  it('lets only the central office publish: an ente-admin gets 403 problem+json, nobody signed in 401', async () => {
    for (const [who, status] of [
      [enteAdmin, 403],
      [analyst, 403],
      [null, 401],
    ] as const) {
      const reply = await publish(who, { month: '2026-10' });
      expect(reply.statusCode).toBe(status);
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await releases()).toHaveLength(0);
    expect(await audit('open-data.publish')).toHaveLength(0);
  });

  it('refuses bad input with problem+json and changes nothing', async () => {
    const cases: [unknown, number, string][] = [
      [{ month: '2026-13' }, 400, 'urn:valuta:problem:validation'],
      [{ month: 'October' }, 400, 'urn:valuta:problem:validation'],
      [{}, 400, 'urn:valuta:problem:validation'],
      [{ month: '2026-12' }, 409, 'urn:valuta:problem:invalid-transition'],
    ];
    for (const [body, status, type] of cases) {
      const reply = await publish(central, body);
      expect(reply.statusCode, JSON.stringify(body)).toBe(status);
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(reply.json().type).toBe(type);
    }
    for (const [url, status] of [
      ['/open-data/indicators.csv?month=2026-05', 404],
      ['/open-data/indicators.json?month=2026-05', 404],
      ['/open-data/indicators.json?month=2026-12', 404],
      ['/open-data/indicators.csv?month=bad', 400],
      ['/open-data/indicators.json?month=2026-1', 400],
    ] as const) {
      const reply = await get(url);
      expect(reply.statusCode, url).toBe(status);
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await get('/open-data?month=2026-05')).statusCode).toBe(404);
    expect((await get('/open-data?month=nonsense')).statusCode).toBe(400);
    expect(await releases()).toHaveLength(0);
    expect(await audit('open-data.publish')).toHaveLength(0);
  });

  it('publishes a closed month as release 1, with its audit entry in the same transaction', async () => {
    const reply = await publish(central, { month: '2026-10' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({
      month: '2026-10',
      release: 1,
      note: null,
      publishedBy: expect.stringContaining('@'),
    });
    const entries = await audit('open-data.publish');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      targetKind: 'open-data-release',
      targetId: '2026-10/1',
      enteId: null,
    });
    expect(await releases()).toHaveLength(1);
  });

  it('gives each ente row exactly the statuses its own staff see', async () => {
    const lines = await jsonLines('?month=2026-10');
    for (const [ipa, who] of [
      ['inps', enteAdmin],
      ['inail', analyst],
    ] as const) {
      const view: ResultsView = (await get(`/api/v1/results?ente=${ipa}&period=2026-10`, who)).json();
      const own = lines.filter((l) => l.level === 'ente' && l.key === ipa);
      expect(own.find((l) => l.indicator === 'responses')!.n).toBe(view.total.n.count);
      for (const i of view.total.indicators) {
        const line = own.find((l) => l.indicator === i.code)!;
        expect([line.n, line.positive], `${ipa} ${i.code}`).toEqual([i.n.count, i.positive.count]);
        expect(line.status).toBe(i.n.withheld || i.positive.withheld ? ':c' : null);
      }
    }
  });

  it('publishes files whose withheld values are empty with :c, and from which INAIL’s 4 cannot be recovered', async () => {
    const lines = await jsonLines('?month=2026-10');
    const line = (level: string, key: string, indicator = 'responses') =>
      lines.find((l) => l.level === level && l.key === key && l.indicator === indicator)!;
    expect(line('ente', 'inps')).toMatchObject({ n: 30, status: null, release: 1, month: '2026-10' });
    expect(line('ente', 'inps', 'satisfaction')).toMatchObject({ n: 30, positive: 20, share: 20 / 30 });
    expect(line('ente', 'inail')).toMatchObject({ n: null, status: ':c' });
    // the type's total would be 34 = 30 + 4: withheld, and the nation with it (Comuni is Roma alone)
    expect(line('pa-type', PREVIDENZA)).toMatchObject({ n: null, status: ':c' });
    expect(line('pa-type', PREVIDENZA, 'satisfaction')).toMatchObject({ n: null, status: ':c' });
    expect(line('national', 'IT')).toMatchObject({ n: null, status: ':c' });
    for (const l of lines) if (l.status === ':c') expect(l.share).toBeNull();
    const csv = await csvOf('?month=2026-10');
    const [header, ...rows] = csv.trim().split('\n');
    expect(header).toBe(
      'month,release,published_at,level,key,label,indicator,n,positive,share,ci_low,ci_high,status',
    );
    expect(rows).toHaveLength(lines.length);
    expect(rows.find((r) => r.includes(',inail,') && r.includes(',responses,'))).toMatch(
      /,responses,,,,,,:c$/,
    );
    const reply = await get('/open-data/indicators.csv');
    expect(reply.headers['content-type']).toMatch(/^text\/csv/);
    expect(reply.headers.link).toBe('<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
  });

  it('never changes a stored release: not after a rollup rebuild, nor after new responses', async () => {
    const before = await csvOf('?month=2026-10');
    const stored = (await releases())[0]!;
    await rebuildRollups(valuta.database.db);
    await submitAt('2026-10-20', INAIL, times(30, 1));
    await releaseAll(valuta);
    expect(await csvOf('?month=2026-10')).toBe(before);
    expect((await releases())[0]).toEqual(stored);
  });

  it('publishes a correction as a new, dated release with its note; the old one stays', async () => {
    const refused = await publish(central, { month: '2026-10' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].item).toBe('note');
    expect(await releases()).toHaveLength(1);
    clock = new Date('2026-12-02T11:10:00Z');
    const reply = await publish(central, { month: '2026-10', note: 'Risposte di INAIL arrivate in ritardo' });
    clock = NOW;
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({ release: 2, note: 'Risposte di INAIL arrivate in ritardo' });
    const all = await releases();
    expect(all.map((r) => r.release)).toEqual([1, 2]);
    // the files give the latest release: INAIL now has 34 responses
    const lines = await jsonLines('?month=2026-10');
    expect(lines.every((l) => l.release === 2)).toBe(true);
    expect(lines.find((l) => l.key === 'inail' && l.indicator === 'responses')!.n).toBe(34);
    const page = (await get('/open-data?month=2026-10')).body;
    expect(page).toContain('Risposte di INAIL arrivate in ritardo');
    expect(page).toContain('(correzione)');
    expect(await audit('open-data.publish')).toHaveLength(2);
  });

  it('refuses to UPDATE or DELETE a release (the trigger)', async () => {
    const db = valuta.database.db;
    await expect(sql`update open_data_release set note = 'altered'`.execute(db)).rejects.toThrow(/frozen/);
    await expect(sql`delete from open_data_release`.execute(db)).rejects.toThrow(/frozen/);
    expect(await releases()).toHaveLength(2);
  });

  it('lists every published month in the files, the latest release of each', async () => {
    expect((await publish(central, { month: '2026-11' })).statusCode).toBe(201);
    const lines = await jsonLines();
    expect([...new Set(lines.map((l) => `${l.month}/${l.release}`))]).toEqual(['2026-11/1', '2026-10/2']);
  });

  it('describes the dataset in a DCAT-AP_IT record', async () => {
    const reply = await get('/open-data/catalog.json');
    expect(reply.headers['content-type']).toMatch(/^application\/ld\+json/);
    const record = reply.json();
    expect(Object.keys(record['@context'])).toEqual(
      expect.arrayContaining(['dcat', 'dct', 'dcatapit', 'foaf', 'vcard']),
    );
    expect(record['@type']).toContain('dcat:Catalog');
    const dataset = record['dcat:dataset'][0];
    expect(dataset['@type']).toContain('dcatapit:Dataset');
    for (const field of [
      'dct:title',
      'dct:description',
      'dct:publisher',
      'dct:rightsHolder',
      'dcat:theme',
      'dct:accrualPeriodicity',
      'dct:temporal',
      'dct:modified',
      'dct:license',
      'dcat:contactPoint',
    ])
      expect(dataset[field], field).toBeDefined();
    expect(dataset['dct:title'].map((t: { '@language': string }) => t['@language'])).toEqual(['it', 'en']);
    expect(dataset['dcat:theme']['@id']).toMatch(/data-theme\/GOVE$/);
    expect(dataset['dct:accrualPeriodicity']['@id']).toMatch(/frequency\/MONTHLY$/);
    expect(dataset['dct:temporal']['dcat:startDate']['@value']).toBe('2026-10-01');
    expect(dataset['dct:temporal']['dcat:endDate']['@value']).toBe('2026-11-30');
    expect(dataset['dct:modified']['@value']).toBe('2026-12-02');
    expect(dataset['dct:license']['@id']).toBe('https://creativecommons.org/licenses/by/4.0/');
    const distributions = dataset['dcat:distribution'];
    expect(distributions.map((d: { 'dcat:mediaType': string }) => d['dcat:mediaType'])).toEqual([
      'text/csv',
      'application/json',
    ]);
    for (const d of distributions) {
      expect(d['dcat:downloadURL']['@id']).toMatch(/^https?:\/\/.+\/open-data\/indicators\.(csv|json)$/);
      expect(d['dcat:accessURL']['@id']).toBe(d['dcat:downloadURL']['@id']);
      expect(d['dct:license']['@id']).toBe('https://creativecommons.org/licenses/by/4.0/');
      expect(d['dct:format']['@id']).toMatch(/file-type\/(CSV|JSON)$/);
    }
  });

  it('serves the page to anyone, with the months, the tables and the licence', async () => {
    const reply = await get('/open-data');
    expect(reply.statusCode).toBe(200);
    const page = reply.body;
    expect(page).toContain('novembre 2026');
    expect(page).toContain('riservato');
    expect(page).toContain('https://creativecommons.org/licenses/by/4.0/');
    expect(page).toContain('/open-data/indicators.csv');
    expect((await get('/open-data?lang=en')).body).toContain('withheld');
  });
});
