import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/commands/api-keys.js';
import { chainHash } from '../../src/domain/governance/audit.js';
import { databaseKind, type TestValuta } from '../support/database.js';
import { startPilot } from '../support/pilot.js';
import { cliContext, sessionAs, type Session } from '../support/staff.js';

type Row = Record<string, string>;

describe(`the audit trail exported as CSV (${databaseKind})`, () => {
  let valuta: TestValuta;
  let office: Session;
  const exportAs = (session: Session, query = '') =>
    valuta.app.inject({ url: `/api/v1/admin/audit/export.csv${query}`, headers: session.headers });
  const rowsOf = (body: string): Row[] => parse(body, { columns: true });
  const enteIdOf = async (ipaCode: string) =>
    (
      await valuta.database.db
        .selectFrom('ente')
        .select('id')
        .where('ipaCode', '=', ipaCode)
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    valuta = await startPilot();
    office = await sessionAs(valuta, 'platform-admin');
    // a name made to run as a formula in a spreadsheet, as the actor of an entry
    const ctx = {
      ...cliContext(valuta),
      principal: { kind: 'cli', operator: '=HYPERLINK("http://x")' } as const,
    };
    await createApiKey(ctx, { name: 'export test', scopes: ['results:read'], ente: 'inps' });
    await createApiKey(cliContext(valuta), { name: 'roma key', scopes: ['results:read'], ente: 'c_h501' });
  });
  afterAll(() => valuta.dispose());

  it('gives the central office the whole trail as it stood when the export began, newest first, hashes included', async () => {
    const total = await valuta.database.db
      .selectFrom('auditEntry')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const reply = await exportAs(office);
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(reply.headers['content-disposition']).toMatch(
      /^attachment; filename="valuta-audit-\d{4}-\d\d-\d\d\.csv"$/,
    );
    expect(reply.body.split('\n')[0]).toBe(
      'seq,at,actor_kind,actor_id,actor_label,action,target_kind,target_id,ente_id,summary,prev_hash,hash',
    );
    const rows = rowsOf(reply.body);
    expect(rows).toHaveLength(Number(total.n));
    expect(rows.map((r) => Number(r.seq))).toEqual([...rows.map((r) => Number(r.seq))].sort((a, b) => b - a));
    // the export is the entry after them, and says how many rows it gave
    const recorded = await valuta.database.db
      .selectFrom('auditEntry')
      .selectAll()
      .where('action', '=', 'export.audit-trail')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(recorded).toMatchObject({
      seq: Number(rows[0]!.seq) + 1,
      targetKind: 'export',
      actorKind: 'user',
    });
    expect(recorded.summary).toEqual({ format: 'csv', filters: {}, rows: rows.length });
    // each row links to the one before it, and its hash can be recomputed from the file alone
    for (let i = 0; i + 1 < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i + 1]!.hash);
    for (const r of rows) {
      const record = {
        seq: Number(r.seq),
        at: r.at!,
        actorKind: r.actor_kind as 'user',
        actorId: r.actor_id || null,
        actorLabel: r.actor_label!.replace(/^'(?=[=+\-@\t\r])/, ''),
        action: r.action!,
        targetKind: r.target_kind!,
        targetId: r.target_id!,
        enteId: r.ente_id || null,
        summary: JSON.parse(r.summary!),
      };
      expect(chainHash(r.prev_hash!, record), `entry ${r.seq}`).toBe(r.hash);
    }
  });

  it('defuses a cell that a spreadsheet would run as a formula', async () => {
    const reply = await exportAs(office, '?action=api-key.create');
    const labels = rowsOf(reply.body).map((r) => r.actor_label);
    expect(labels).toContain(`'=HYPERLINK("http://x")`);
    expect(labels).not.toContain('=HYPERLINK("http://x")');
  });

  it("gives an ente-admin their ente's entries only, filtered as asked, and records the filters", async () => {
    const admin = await sessionAs(valuta, 'ente-admin', 'inps');
    const inps = await enteIdOf('inps');
    const rows = rowsOf((await exportAs(admin, '?action=api-key.create')).body);
    expect(rows.length).toBe(1);
    expect(rows.every((r) => r.ente_id === inps && r.action === 'api-key.create')).toBe(true);
    const all = rowsOf((await exportAs(admin)).body);
    expect(all.length).toBeGreaterThan(1);
    expect(all.every((r) => r.ente_id === inps)).toBe(true);
    // newest first: the ente-admin's export of everything, then of api-key.create
    const [whole, filtered] = rowsOf((await exportAs(office, '?action=export.audit-trail')).body);
    expect(whole).toMatchObject({ ente_id: inps, action: 'export.audit-trail' });
    expect(JSON.parse(whole!.summary!)).toEqual({ format: 'csv', filters: {}, rows: all.length });
    expect(JSON.parse(filtered!.summary!)).toEqual({
      format: 'csv',
      filters: { action: 'api-key.create' },
      rows: 1,
    });
  });

  it('refuses an analyst and a bad filter, and records nothing then', async () => {
    const analyst = await sessionAs(valuta, 'ente-analyst', 'inps');
    const count = async () =>
      (
        await valuta.database.db
          .selectFrom('auditEntry')
          .select('seq')
          .where('action', '=', 'export.audit-trail')
          .execute()
      ).length;
    const before = await count();
    expect((await exportAs(analyst)).statusCode).toBe(403);
    const bad = await exportAs(office, '?before=3');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await count()).toBe(before);
  });
});
