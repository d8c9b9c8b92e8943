/**
 * Exports end to end, read on 2 December 2026. The Hub (INPS) has, in October, 30 responses on
 * the web (2 of them in English) and 3 in the app, each with a suggestion; in September 4 (below k).
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsView } from '../../src/domain/results-view.js';
import { databaseKind, type TestValuta } from '../support/database.js';
import { HUB, releaseAll, startPilot, submit as submitTo } from '../support/pilot.js';
import { apiKeyOf, sessionAs, type Session } from '../support/staff.js';

const NOW = new Date('2026-12-02T11:00:00Z');
const FORMULAS = [
  '=HYPERLINK("http://evil.example","clic")',
  '+39 dice il modulo',
  '-1 stella',
  '@SUM(A1)',
  '\uFF1DSUM(A1)',
];

describe(`exports (${databaseKind})`, () => {
  let valuta: TestValuta;
  let clock = NOW;
  let analyst: Session;
  let central: Session;
  let otherEnte: Session;
  let exportKey: string;
  let readKey: string;
  let onlyExportKey: string;

  const submit = async (sat: number, text: string, channel = 'web', lang = 'it') => {
    const reply = await submitTo(valuta, {
      answers: { SAT_OVERALL: sat, EASE: 4, EFFECTIVENESS: 'yes-fully', INFO_CLARITY: 4, SUGGESTIONS: text },
      channel,
      lang,
    });
    expect(reply.statusCode, reply.body).toBe(201);
  };
  const get = (who: Session | string, url: string) =>
    valuta.app.inject({
      method: 'GET',
      url,
      headers: typeof who === 'string' ? { authorization: `Bearer ${who}` } : who.headers,
    });
  const csv = async (who: Session | string, url: string): Promise<Record<string, string>[]> => {
    const reply = await get(who, url);
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.headers['content-disposition']).toMatch(/^attachment; filename="valuta-/);
    return parse(reply.body, { columns: true, bom: true });
  };
  const auditOf = (action: string) =>
    valuta.database.db
      .selectFrom('auditEntry')
      .selectAll()
      .where('action', '=', action)
      .orderBy('seq', 'desc')
      .executeTakeFirst();

  beforeAll(async () => {
    valuta = await startPilot({}, { clock: () => clock });
    clock = new Date('2026-09-20T10:00:00Z');
    for (let i = 0; i < 4; i++) await submit(4, 'Settembre');
    clock = new Date('2026-10-07T10:00:00Z');
    for (let i = 0; i < 28; i++)
      await submit(i % 2 ? 4 : 3, i < FORMULAS.length ? FORMULAS[i]! : 'Tutto bene');
    for (let i = 0; i < 2; i++) await submit(4, 'All good', 'web', 'en');
    for (let i = 0; i < 3; i++) await submit(1, 'Lento', 'app');
    await releaseAll(valuta);
    clock = NOW;
    analyst = await sessionAs(valuta, 'ente-analyst', 'inps');
    central = await sessionAs(valuta, 'platform-admin');
    otherEnte = await sessionAs(valuta, 'ente-analyst', 'inail');
    exportKey = await apiKeyOf(valuta, 'inps', ['results:read', 'results:export']);
    readKey = await apiKeyOf(valuta, 'inps', ['results:read']);
    onlyExportKey = await apiKeyOf(valuta, 'inps', ['results:export']);
  });
  afterAll(() => valuta.dispose());

  it('gives ente users the month only, and only the quasi-identifiers that keep every group of alike rows at k', async () => {
    for (const who of [analyst, exportKey]) {
      const rows = await csv(who, `/api/v1/exports/responses.csv?service=${HUB}&period=2026-Q3`);
      // September's 4 are fewer than k: not exported
      expect(rows).toEqual([]);
      const october = await csv(who, `/api/v1/exports/responses.csv?service=${HUB}&period=2026-10`);
      expect(october).toHaveLength(33);
      expect(Object.keys(october[0]!).slice(0, 7)).toEqual([
        'month',
        'questionnaire',
        'version',
        'channel',
        'device',
        'lang',
        'verified',
      ]);
      // the 3 in the app and the 2 in English would stand out: withheld; device and verified are shared by all
      expect(
        new Set(october.map((r) => `${r.month} ${r.channel} ${r.lang} ${r.device} ${r.verified}`)),
      ).toEqual(new Set(['2026-10 :c :c unknown false']));
      expect(october.filter((r) => r.SAT_OVERALL === '1')).toHaveLength(3);
      // free text never: the suggestion's column says it was answered
      expect(new Set(october.map((r) => r.SUGGESTIONS))).toEqual(new Set(['1']));
    }
  });

  it('gives the central office the hour as stored and every column, and day ranges', async () => {
    const rows = await csv(
      central,
      `/api/v1/exports/responses.csv?service=${HUB}&from=2026-09-01&to=2026-10-31`,
    );
    expect(rows).toHaveLength(37);
    expect(new Set(rows.map((r) => r.hour))).toEqual(
      new Set(['2026-09-20T10:00:00.000Z', '2026-10-07T10:00:00.000Z']),
    );
    expect(rows.filter((r) => r.channel === 'app')).toHaveLength(3);
    expect(rows.filter((r) => r.lang === 'en')).toHaveLength(2);
  });

  it('writes every export to the audit trail with its format, filters, rows and ente', async () => {
    await csv(analyst, `/api/v1/exports/responses.csv?service=${HUB}&period=2026-10`);
    const entry = (await auditOf('export.responses'))!;
    const inps = await valuta.database.db
      .selectFrom('ente')
      .select('id')
      .where('ipaCode', '=', 'inps')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actorKind: 'user', targetKind: 'export', enteId: inps.id });
    expect(entry.summary).toEqual({ format: 'csv', filters: { service: HUB, period: '2026-10' }, rows: 33 });
    for (const [url, action] of [
      [`/api/v1/exports/responses.xlsx?service=${HUB}&period=2026-10`, 'export.responses'],
      [
        `/api/v1/exports/responses/dictionary.csv?service=${HUB}&period=2026-10`,
        'export.responses-dictionary',
      ],
      [`/api/v1/exports/indicators.csv?service=${HUB}&period=2026-10`, 'export.indicators'],
      [`/api/v1/exports/indicators.xlsx?service=${HUB}&period=2026-10`, 'export.indicators'],
      [`/api/v1/exports/indicators/dictionary.csv?period=2026-10`, 'export.indicators-dictionary'],
      [`/api/v1/exports/indicators.sdmx.csv?period=2026-10&groupBy=service`, 'export.indicators-sdmx'],
      [`/api/v1/exports/suggestions.csv?service=${HUB}&period=2026-10`, 'export.suggestions'],
      [`/api/v1/exports/suggestions.xlsx?service=${HUB}&period=2026-10`, 'export.suggestions'],
    ] as const) {
      const before = (await auditOf(action))?.seq ?? 0;
      expect((await get(exportKey, url)).statusCode, url).toBe(200);
      const after = (await auditOf(action))!;
      expect(after.seq, url).toBeGreaterThan(before);
      expect(after.actorKind).toBe('api-key');
    }
  });

  it("refuses other enti's services, keys without the scope and what disclosure control does not publish", async () => {
    const trail = async () =>
      Number(
        (
          await valuta.database.db
            .selectFrom('auditEntry')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await trail();
    const problem = async (who: Session | string, url: string, status: number) => {
      const reply = await get(who, url);
      expect(reply.statusCode, `${url}: ${reply.body}`).toBe(status);
      expect(reply.headers['content-type']).toContain('application/problem+json');
    };
    await problem(otherEnte, `/api/v1/exports/responses.csv?service=${HUB}&period=2026-10`, 404);
    await problem(readKey, `/api/v1/exports/responses.csv?service=${HUB}&period=2026-10`, 403);
    await problem(onlyExportKey, `/api/v1/exports/responses.csv?service=${HUB}&period=2026-10`, 403);
    await problem(analyst, `/api/v1/exports/responses.csv?service=${HUB}&period=2026-12`, 403);
    await problem(analyst, `/api/v1/exports/responses.csv?service=${HUB}&from=2026-10-01&to=2026-10-07`, 403);
    await problem(analyst, `/api/v1/exports/responses.pdf?service=${HUB}`, 400);
    await problem(analyst, `/api/v1/exports/responses.csv?service=${HUB}&period=2026-13`, 400);
    await problem(analyst, `/api/v1/exports/indicators.sdmx.csv?period=2026-10&groupBy=channel`, 400);
    await problem(central, `/api/v1/exports/responses.csv?service=${HUB}&from=2026-10-01`, 400);
    expect(await trail()).toBe(before);
  });

  it('escapes cells a spreadsheet would take for formulas, in CSV and XLSX', async () => {
    const texts = (await csv(central, `/api/v1/exports/suggestions.csv?service=${HUB}&period=2026-10`)).map(
      (r) => r.text,
    );
    for (const formula of FORMULAS) expect(texts).toContain(`'${formula}`);
    expect(texts.some((t) => /^[=+\-@]/.test(t ?? ''))).toBe(false);

    const reply = await get(central, `/api/v1/exports/suggestions.xlsx?service=${HUB}&period=2026-10`);
    expect(reply.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(reply.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Suggerimenti')!;
    const cells: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) cells.push(String(row.getCell(6).value));
      row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
    });
    expect(cells).toHaveLength(33);
    for (const formula of FORMULAS) expect(cells).toContain(`'${formula}`);
  });

  it('writes the raw responses and their dictionary as two sheets of one workbook', async () => {
    const reply = await get(analyst, `/api/v1/exports/responses.xlsx?service=${HUB}&period=2026-10`);
    expect(reply.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(reply.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Risposte', 'Dizionario']);
    expect(workbook.getWorksheet('Risposte')!.rowCount).toBe(34);
    const dictionary = await csv(
      analyst,
      `/api/v1/exports/responses/dictionary.csv?service=${HUB}&period=2026-10`,
    );
    const sat = dictionary.filter((r) => r.column === 'SAT_OVERALL');
    expect(sat[0]!.label).toMatch(/soddisf/i);
    expect(sat.slice(1).map((r) => r.value)).toEqual(['1', '2', '3', '4']);
    expect(sat[1]!.value_label).toBeTruthy();
    expect(dictionary.find((r) => r.column === 'channel')!.label).toContain(':c');
  });

  it('exports the indicators as the results API returns them, withheld cells marked :c', async () => {
    const view = (
      await get(analyst, `/api/v1/results?service=${HUB}&period=2026-10&groupBy=channel`)
    ).json() as ResultsView;
    const rows = await csv(
      analyst,
      `/api/v1/exports/indicators.csv?service=${HUB}&period=2026-10&groupBy=channel`,
    );
    const ease = rows.find((r) => r.group === '_T' && r.indicator === 'ease')!;
    const fromApi = view.total.indicators.find((i) => i.code === 'ease')!;
    expect(Number(ease.n)).toBe(fromApi.n.count);
    expect(Number(ease.share)).toBeCloseTo(fromApi.value!.share, 12);
    expect(Number(ease.ci_low)).toBeCloseTo(fromApi.value!.ci95.low, 12);
    // 3 of 33 unsatisfied: the satisfaction share would reveal them, and is withheld as in the API
    const sat = rows.find((r) => r.group === '_T' && r.indicator === 'satisfaction')!;
    expect(view.total.indicators.find((i) => i.code === 'satisfaction')!.value).toBeNull();
    expect(sat).toMatchObject({ share: '', status: ':c' });
    const app = rows.find((r) => r.group === 'app' && r.indicator === 'responses')!;
    expect(app).toMatchObject({ n: '', status: ':c' });
  });

  it('writes SDMX-CSV 2.0: the header, one observation per key, confidential values empty', async () => {
    const reply = await get(analyst, `/api/v1/exports/indicators.sdmx.csv?period=2026-10&groupBy=service`);
    expect(reply.headers['content-type']).toContain('application/vnd.sdmx.data+csv; version=2.0.0');
    const lines = reply.body.replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(lines[0]).toBe(
      'STRUCTURE,STRUCTURE_ID,ACTION,SERVICE,ENTE,TIME_PERIOD,INDICATOR,MEASURE,OBS_VALUE,LOWER_BOUND,UPPER_BOUND,OBS_STATUS,CONF_STATUS',
    );
    const rows: Record<string, string>[] = parse(reply.body, { columns: true, bom: true });
    const hub = rows.filter((r) => r.SERVICE === HUB);
    expect(
      hub.every(
        (r) => r.STRUCTURE === 'dataflow' && r.STRUCTURE_ID === 'VALUTA:DF_CX(1.0)' && r.ACTION === 'I',
      ),
    ).toBe(true);
    expect(hub.every((r) => r.ENTE === 'inps' && r.TIME_PERIOD === '2026-10')).toBe(true);
    expect(hub.find((r) => r.INDICATOR === 'RESPONSES' && r.MEASURE === 'N')).toMatchObject({
      OBS_VALUE: '33',
      OBS_STATUS: 'A',
      CONF_STATUS: 'F',
    });
    const share = hub.find((r) => r.INDICATOR === 'EASE' && r.MEASURE === 'SHARE')!;
    expect(Number(share.LOWER_BOUND)).toBeLessThan(Number(share.OBS_VALUE));
    expect(Number(share.UPPER_BOUND)).toBeGreaterThanOrEqual(Number(share.OBS_VALUE));
    // one observation per key
    const keys = rows.map((r) => [r.SERVICE, r.ENTE, r.TIME_PERIOD, r.INDICATOR, r.MEASURE].join('|'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(hub.find((r) => r.INDICATOR === 'SATISFACTION' && r.MEASURE === 'SHARE')).toMatchObject({
      CONF_STATUS: 'C',
    });
    const confidential = rows.filter((r) => r.CONF_STATUS === 'C');
    expect(
      confidential.every((r) => r.OBS_VALUE === '' && r.LOWER_BOUND === '' && r.OBS_STATUS === 'M'),
    ).toBe(true);
  });
});
