import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linesAfter, releasedLines, type LineLayout } from '../../src/store/released-responses.js';
import type { TestValuta } from '../support/database.js';
import { HUB, startPilot } from '../support/pilot.js';

/**
 * The batches of an export (src/store/released-responses.ts): every released response of the
 * range once, walked month by Italian month and, within a month, by random id: never by hour.
 */
describe('released lines', () => {
  let valuta: TestValuta;
  let serviceId: string;
  let versionId: string;
  /** Hours (UTC) of the responses stored, in the order of their ids: not the hours' within a month. */
  const HOURS = [
    '2026-01-31T22:00:00Z', // 31 January in UTC, 31 January 23:00 in Rome
    '2026-01-31T23:00:00Z', // 1 February in Rome
    '2026-02-20T10:00:00Z',
    '2026-02-03T09:00:00Z',
    '2026-02-01T08:00:00Z',
    '2026-03-29T00:00:00Z', // the night summer time begins
    '2026-03-31T22:00:00Z', // 1 April in Rome (UTC+2)
    '2026-04-15T12:00:00Z',
    '2026-04-02T07:00:00Z',
    '2026-04-01T06:00:00Z',
    '2026-12-31T23:00:00Z', // 1 January 2027 in Rome: outside the range
  ];
  const layout = (months: readonly string[]): LineLayout => ({
    leads: new Map(months.map((m) => [`${m}|${versionId}`, [{ of: 'hour' }, { text: m }]])),
    answers: [{ code: 'SAT_OVERALL', kind: 'point' }],
  });
  const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04'];
  const range = () => ({ serviceId, from: '2026-01-01', to: '2026-12-31' });
  const read = async (l: LineLayout, batch: number) => {
    const lines: string[] = [];
    for await (const some of releasedLines(valuta.database.db, range(), l, batch)) lines.push(...some);
    return lines;
  };

  beforeAll(async () => {
    valuta = await startPilot();
    const db = valuta.database.db;
    const service = await db
      .selectFrom('service')
      .select('id')
      .where('slug', '=', HUB)
      .executeTakeFirstOrThrow();
    serviceId = service.id;
    versionId = (await db.selectFrom('questionnaireVersion').select('id').executeTakeFirstOrThrow()).id;
    // ids in increasing order, given as HOURS lists them: within a month, not the hours' order
    const ids = HOURS.map(() => randomUUID()).sort();
    await db
      .insertInto('response')
      .values(
        HOURS.map((hour, i) => ({
          id: ids[i]!,
          serviceId,
          questionnaireVersionId: versionId,
          submissionKey: `released-lines-${i}`,
          submittedHour: new Date(hour),
          channel: 'web',
          deviceClass: 'desktop',
          lang: 'it',
          verified: false,
          answers: JSON.stringify({ SAT_OVERALL: (i % 4) + 1 }),
          textItems: [],
        })),
      )
      .execute();
  });
  afterAll(() => valuta.dispose());

  it('gives each response of the range once, month by Italian month, by id within a month, in batches of any size', async () => {
    const expected = await sql<{ line: string }>`
      select to_char(submitted_hour at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || ',' ||
        to_char(submitted_hour at time zone 'Europe/Rome', 'YYYY-MM') || ',' || (answers->>'SAT_OVERALL') as line
      from response where service_id = ${serviceId}
        and submitted_hour >= '2026-01-01 00:00 Europe/Rome' and submitted_hour < '2027-01-01 00:00 Europe/Rome'
      order by date_trunc('month', submitted_hour at time zone 'Europe/Rome'), id`.execute(
      valuta.database.db,
    );
    const all = expected.rows.map((r) => r.line);
    expect(all).toHaveLength(HOURS.length - 1);
    expect(all[0]).toMatch(/^2026-01-31T22:00:00.000Z,2026-01,/);
    expect(all.map((l) => l.split(',')[1])).toEqual([
      '2026-01',
      ...Array<string>(4).fill('2026-02'),
      '2026-03',
      ...Array<string>(4).fill('2026-04'),
    ]);
    for (const batch of [1, 2, 3, 4, 100])
      expect(await read(layout(MONTHS), batch), `batch ${batch}`).toEqual(all);
  });

  it('never orders a month by hour', async () => {
    const lines = await read(layout(MONTHS), 2);
    const april = lines.filter((l) => l.includes(',2026-04,')).map((l) => l.slice(0, 24));
    // in the order of their ids, that is of HOURS
    expect(april).toEqual(HOURS.slice(6, 10).map((h) => h.replace(':00Z', ':00.000Z')));
    expect(april).not.toEqual([...april].sort());
  });

  it('writes no line for a month the layout leaves out, and reads on past it', async () => {
    const lines = await read(layout(['2026-01', '2026-04']), 2);
    expect(lines.map((l) => l.split(',')[1])).toEqual([
      '2026-01',
      '2026-04',
      '2026-04',
      '2026-04',
      '2026-04',
    ]);
  });

  it('walks the index from the last month and id, never the table', async () => {
    const query = linesAfter(range(), layout(MONTHS), { month: '2026-02-01 00:00:00', id: randomUUID() }, 2);
    const { rows } = await sql<{ 'QUERY PLAN': string }>`explain (costs off) ${query}`.execute(
      valuta.database.db.withoutPlugins(),
    );
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    // the batch is the first rows of the index from the key: no scan of the table, no sort
    expect(plan).toMatch(/^Limit\n\s+->\s+Index Scan using response_service_month_idx on response\n/);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});
