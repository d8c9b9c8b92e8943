import { italianMonth } from '../src/domain/periods.js';
import { getAsCentralOffice } from './support/staff.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.js';
import type { TestValuta } from './support/database.js';
import { allComments, countResponses, releaseAll, startPilot } from './support/pilot.js';

describe('demo data', () => {
  let valuta: TestValuta;
  const now = new Date('2026-11-23T12:00:00Z');
  beforeAll(async () => {
    valuta = await startPilot(); // the pilot, then 2,000 more responses on top
    await seedDemo(valuta.database.db, { responses: 2_000, now });
  }, 120_000);
  afterAll(() => valuta.dispose());

  it('stores exactly the responses asked for, over the nine demo services (seven of the pilot, two of Bologna), within the last 12 months', async () => {
    expect(await countResponses(valuta)).toBe(2_000);
    await releaseAll(valuta);
    const perService = await valuta.database.db
      .selectFrom('response')
      .innerJoin('service', 'service.id', 'response.serviceId')
      .select(['service.slug', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('service.slug')
      .execute();
    expect(perService).toHaveLength(9);
    const hours = await valuta.database.db
      .selectFrom('response')
      .select((eb) => [eb.fn.min('submittedHour').as('first'), eb.fn.max('submittedHour').as('last')])
      .executeTakeFirstOrThrow();
    expect(new Date(hours.first).getTime()).toBeGreaterThan(now.getTime() - 366 * 86_400_000);
    expect(new Date(hours.last).getTime()).toBeLessThanOrEqual(now.getTime());
  });

  it('gives the pilot enti the region the registry derives from their ISTAT code', async () => {
    const enti = await valuta.database.db
      .selectFrom('ente')
      .select(['ipaCode', 'region'])
      .orderBy('ipaCode')
      .execute();
    expect(enti).toEqual([
      { ipaCode: 'c_a944', region: 'Emilia-Romagna' },
      { ipaCode: 'c_h501', region: 'Lazio' },
      { ipaCode: 'inail', region: 'Lazio' },
      { ipaCode: 'inps', region: 'Lazio' },
    ]);
  });

  it('gives each service its own satisfaction profile, as the results show', async () => {
    const year = italianMonth(new Date()).slice(0, 4);
    const share = async (slug: string) =>
      (await getAsCentralOffice(valuta, `/api/v1/results?service=${slug}&period=${year}`)).json().total
        .indicators[0].value.share as number;
    // Cruscotto CIG is the best-rated pilot service, GEBAC 2012 the worst
    expect(await share('inps-cruscotto-cig')).toBeGreaterThan((await share('roma-gebac-bando-casa')) + 0.15);
  });

  it('counts openings on the web and QR channels (a response rate of 8–20%), and each service active since its first response', async () => {
    const db = valuta.database.db;
    const opened = await db
      .selectFrom('opening')
      .select(['channel', (eb) => eb.fn.sum<number>('count').as('n')])
      .groupBy('channel')
      .execute();
    expect(opened.map((o) => o.channel).sort()).toEqual(expect.arrayContaining(['web']));
    expect(opened.every((o) => ['web', 'qr'].includes(o.channel))).toBe(true);
    const responses = await db
      .selectFrom('response')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('channel', 'in', ['web', 'qr'])
      .executeTakeFirstOrThrow();
    const rate = Number(responses.n) / opened.reduce((sum, o) => sum + Number(o.n), 0);
    expect(rate).toBeGreaterThan(0.08);
    expect(rate).toBeLessThan(0.2);
    const since = await db
      .selectFrom('serviceStatusChange')
      .innerJoin('response', 'response.serviceId', 'serviceStatusChange.serviceId')
      .select([
        'serviceStatusChange.serviceId',
        'serviceStatusChange.at',
        (eb) => eb.fn.min('response.submittedHour').as('first'),
      ])
      .where('serviceStatusChange.status', '=', 'active')
      .groupBy(['serviceStatusChange.serviceId', 'serviceStatusChange.at'])
      .execute();
    expect(since).toHaveLength(9);
    for (const s of since) expect(new Date(s.at).getTime()).toBeLessThanOrEqual(new Date(s.first).getTime());
  });

  it('writes suggestions, some with personal data that redaction replaced', async () => {
    const texts = (await allComments(valuta)).map((c) => c.text);
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.some((t) => /\[(email|telefono|codice-fiscale|iban)\]/.test(t))).toBe(true);
    expect(texts.join('\n')).not.toMatch(/@example\.(it|com)|RSSMRA85T10A562S|333 123 4567/);
  });
});
