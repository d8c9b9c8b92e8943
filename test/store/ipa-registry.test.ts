import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixtureCsv, HEADER } from '../../scripts/make-indicepa-fixture.js';
import { importIndicePA, IndicePAFormatError, registerEntiImport } from '../../src/cli/enti-import.js';
import { loadConfig } from '../../src/config.js';
import { listAudit, verifyAudit } from '../../src/store/audit.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { importRegistry, registryEntry, searchRegistry } from '../../src/store/ipa-registry.js';
import { migrateToLatest } from '../../src/store/migrator.js';
import { databaseKind, freshDatabaseUrl } from '../support/database.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'indicepa-enti.csv');
const ROWS = 3_000;
const dir = mkdtempSync(join(tmpdir(), 'valuta-ipa-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Row = Record<string, string>;
const fixtureRows = (): Row[] => parse(readFileSync(FIXTURE), { bom: true, columns: true });

/** Writes `rows` as an export with these columns (quoting what must be), returns its path. */
function writeExport(name: string, rows: readonly Row[], columns: readonly string[] = HEADER): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => field(r[c] ?? '')).join(','))];
  const path = join(dir, name);
  writeFileSync(path, `\ufeff${lines.join('\r\n')}\r\n`);
  return path;
}

const count = async (db: Db) =>
  (
    await db
      .selectFrom('ipaRegistry')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
const imports = (db: Db) => listAudit(db, { action: 'registry.import', limit: 10 });

/** `valuta enti import FILE` on `db`, as the CLI runs it; what it printed. */
async function cli(db: Db, file: string): Promise<{ out: string; err: string; exitCode: number }> {
  const out = vi.spyOn(console, 'log').mockImplementation(() => {});
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  const program = new Command().exitOverride();
  registerEntiImport(program, async () => ({ db, close: async () => {} }));
  try {
    await program.parseAsync(['enti', 'import', file], { from: 'user' });
    return {
      out: out.mock.calls.map((c) => c.join(' ')).join('\n'),
      err: err.mock.calls.map((c) => c.join(' ')).join('\n'),
      exitCode: Number(process.exitCode ?? 0),
    };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

/** A migrated, empty database; `dispose` closes and drops it. */
async function openFresh(): Promise<{ db: Db; dispose: () => Promise<void> }> {
  const { url, drop } = await freshDatabaseUrl();
  const database = await openDatabase(loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }).database);
  await migrateToLatest(database.db);
  return {
    db: database.db,
    dispose: async () => {
      await database.close();
      await drop();
    },
  };
}

describe(`valuta enti import: the IndicePA register (${databaseKind})`, () => {
  it('the fixture is what scripts/make-indicepa-fixture.ts writes', () => {
    expect(readFileSync(FIXTURE, 'utf8')).toBe(fixtureCsv());
    expect(fixtureRows()).toHaveLength(ROWS);
  });

  describe('on a fresh database', () => {
    let dispose: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await dispose?.();
      dispose = undefined;
    });
    async function freshDb(): Promise<Db> {
      const fresh = await openFresh();
      dispose = fresh.dispose;
      return fresh.db;
    }

    it('imports the export, codes lower-cased, regions derived, and audits the import with its counts', async () => {
      const db = await freshDb();
      const run = await cli(db, FIXTURE);
      expect(run).toEqual({
        out: `IndicePA: ${ROWS} rows — ${ROWS} new, 0 updated, 0 unchanged`,
        err: '',
        exitCode: 0,
      });
      expect(await count(db)).toBe(ROWS);

      expect(await registryEntry(db, 'c_h501')).toEqual({
        ipaCode: 'c_h501',
        name: 'Roma Capitale',
        fiscalCode: '02438750586',
        kind: 'Pubbliche Amministrazioni',
        category: 'L6',
        istatComune: '058091',
        region: 'Lazio',
        website: 'www.comune.roma.it',
        email: 'protocollo@pec.comune.roma.it',
      });
      expect(await registryEntry(db, 'INPS')).toMatchObject({
        name: 'Istituto Nazionale della Previdenza Sociale',
        region: 'Lazio',
      });
      expect(await registryEntry(db, 'inail')).toMatchObject({ category: 'C16', region: 'Lazio' });
      expect(await registryEntry(db, 'c_a944')).toMatchObject({
        name: 'Comune di Bologna',
        region: 'Emilia-Romagna',
      });
      // written C_F205 in the file
      expect(await registryEntry(db, 'C_F205')).toMatchObject({ ipaCode: 'c_f205', region: 'Lombardia' });
      expect(await registryEntry(db, 'c_b354')).toMatchObject({ region: 'Sardegna' });
      expect(await registryEntry(db, 'r_lazio')).toMatchObject({ region: 'Lazio', category: 'L4' });
      expect(await registryEntry(db, 'nessuno')).toBeUndefined();

      // every code is lower-case; every row with a comune has its region; empty fields are null
      const stats = await sql<{ upper: number; noRegion: number; noSite: number; emptyText: number }>`
      select count(*) filter (where ipa_code <> lower(ipa_code))::int as upper,
             count(*) filter (where istat_comune is not null and region is null)::int as no_region,
             count(*) filter (where website is null)::int as no_site,
             count(*) filter (where website = '' or fiscal_code = '' or category = '')::int as empty_text
      from ipa_registry`.execute(db);
      expect(stats.rows[0]).toMatchObject({ upper: 0, noRegion: 0, emptyText: 0 });
      expect(stats.rows[0]!.noSite).toBeGreaterThan(0);
      const fromFile = fixtureRows().filter((r) => r.Codice_comune_ISTAT !== '').length;
      const withComune = await db
        .selectFrom('ipaRegistry')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('istatComune', 'is not', null)
        .executeTakeFirstOrThrow();
      expect(withComune.n).toBe(fromFile);

      const [entry, ...others] = await imports(db);
      expect(others).toEqual([]);
      expect(entry).toMatchObject({
        actorKind: 'cli',
        actorId: null,
        action: 'registry.import',
        targetKind: 'ipa-registry',
        targetId: 'indicepa-enti.csv',
        enteId: null,
        summary: { inserted: ROWS, updated: 0, unchanged: 0 },
      });
      expect(entry!.actorLabel).not.toBe('');
      expect(await verifyAudit(db)).toEqual({ ok: true, entries: 1 });
    });

    it('a later export updates what changed and adds what is new', async () => {
      const db = await freshDb();
      await importIndicePA(db, FIXTURE);
      const rows = fixtureRows();
      const bologna = rows.find((r) => r.Codice_IPA === 'c_a944')!;
      bologna.Denominazione_ente = 'Comune di Bologna - Città metropolitana';
      rows.push({
        ...rows.find((r) => r.Codice_IPA === 'c_h501')!,
        _id: String(ROWS + 1),
        Codice_IPA: 'C_Z999',
        Denominazione_ente: 'Comune di Nuova Istituzione, "fusione"',
        Codice_fiscale_ente: '',
        Codice_comune_ISTAT: '111301',
      });
      const file = writeExport('enti-2026.csv', rows);

      expect(await importIndicePA(db, file)).toEqual({ inserted: 1, updated: 1, unchanged: ROWS - 1 });
      expect(await count(db)).toBe(ROWS + 1);
      expect((await registryEntry(db, 'c_a944'))!.name).toBe('Comune di Bologna - Città metropolitana');
      expect(await registryEntry(db, 'c_z999')).toMatchObject({
        name: 'Comune di Nuova Istituzione, "fusione"',
        fiscalCode: null,
        region: 'Sardegna',
      });
      expect((await imports(db))[0]).toMatchObject({
        targetId: 'enti-2026.csv',
        summary: { inserted: 1, updated: 1, unchanged: ROWS - 1 },
      });
    });

    it('stops at a row without an IPA code, names its line, and changes nothing', async () => {
      const db = await freshDb();
      await importIndicePA(db, FIXTURE);
      const rows = fixtureRows();
      rows[2]!.Denominazione_ente = 'Renamed in the first batch'; // would be written before the bad row
      rows[1_998]!.Codice_IPA = '  ';
      const file = writeExport('broken.csv', rows);

      await expect(importIndicePA(db, file)).rejects.toThrow(
        new IndicePAFormatError('broken.csv, line 2000: no Codice_IPA'),
      );
      const run = await cli(db, file);
      expect(run.exitCode).toBe(1);
      expect(run.out).toBe('');
      expect(run.err).toBe('broken.csv, line 2000: no Codice_IPA. Nothing was imported.');

      expect(await count(db)).toBe(ROWS);
      expect((await registryEntry(db, rows[2]!.Codice_IPA!))!.name).not.toBe('Renamed in the first batch');
      expect(await imports(db)).toHaveLength(1);
    });

    it('refuses a row without a name, an IPA code given twice, and a file that is not the export', async () => {
      const db = await freshDb();
      const rows = fixtureRows().slice(0, 5);
      const noName = writeExport('no-name.csv', [
        ...rows.slice(0, 3),
        { ...rows[3]!, Denominazione_ente: '' },
      ]);
      await expect(importIndicePA(db, noName)).rejects.toThrow('no-name.csv, line 5: no Denominazione_ente');
      const twice = writeExport('twice.csv', [
        ...rows,
        { ...rows[2]!, Codice_IPA: rows[2]!.Codice_IPA!.toUpperCase() },
      ]);
      await expect(importIndicePA(db, twice)).rejects.toThrow(
        `twice.csv, line 7: the IPA code ${rows[2]!.Codice_IPA} is already on line 4`,
      );
      const other = join(dir, 'other.csv');
      writeFileSync(other, 'codice;nome\nc_h501;Roma\n');
      await expect(importIndicePA(db, other)).rejects.toThrow(
        'other.csv: not an IndicePA "Enti" export, the header has no column Codice_IPA, Denominazione_ente, Tipologia',
      );
      const ragged = join(dir, 'ragged.csv');
      writeFileSync(
        ragged,
        'Codice_IPA,Denominazione_ente,Tipologia\nc_h501,Roma Capitale,PA\nc_a944,Comune di Bologna\n',
      );
      await expect(importIndicePA(db, ragged)).rejects.toThrow(
        /^ragged\.csv: Invalid Record Length: columns length is 3, got 2 on line 3$/,
      );
      const missing = await cli(db, join(dir, 'absent.csv'));
      expect(missing.exitCode).toBe(1);
      expect(missing.err).toMatch(/^Cannot read .*absent\.csv: ENOENT/);

      // called on its own, importRegistry opens its transaction: a failure after a batch undoes it
      async function* failing() {
        for (let i = 0; i < 700; i++)
          yield { ...entry, ipaCode: `x_${i}`, name: `Ente ${i}`, kind: 'Pubbliche Amministrazioni' };
        throw new Error('the source broke');
      }
      const entry = { fiscalCode: null, category: null, istatComune: '058091', website: null, email: null };
      const progress: number[] = [];
      await expect(importRegistry(db, failing(), (done) => progress.push(done))).rejects.toThrow(
        'the source broke',
      );
      expect(progress).toEqual([500]);
      expect(await count(db)).toBe(0);
      expect(await imports(db)).toEqual([]);
    });
  });

  describe('on a database holding the fixture', () => {
    let db: Db;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ db, dispose } = await openFresh());
      await importIndicePA(db, FIXTURE);
    });
    afterAll(() => dispose());

    it('a second import of the same export changes nothing and says so', async () => {
      const versions = async () =>
        (
          await sql<{
            v: string;
          }>`select string_agg(xmin::text, ',' order by ipa_code) as v from ipa_registry`.execute(db)
        ).rows[0]!.v;
      const before = await versions();
      expect(await importIndicePA(db, FIXTURE)).toEqual({ inserted: 0, updated: 0, unchanged: ROWS });
      expect(await versions()).toBe(before); // no row was rewritten
      expect((await imports(db))[0]!.summary).toEqual({ inserted: 0, updated: 0, unchanged: ROWS });
    });

    it('reads columns by name: another order, without _id, reads the same register', async () => {
      const shuffled = HEADER.filter((h) => h !== '_id').reverse();
      const file = writeExport('reordered.csv', fixtureRows(), [
        ...shuffled.slice(10),
        ...shuffled.slice(0, 10),
      ]);
      expect(readFileSync(file, 'utf8').slice(1, 40)).not.toMatch(/^_id|^Codice_IPA/);
      expect(await importIndicePA(db, file)).toEqual({ inserted: 0, updated: 0, unchanged: ROWS });
    });

    it('searches by code prefix or name, case-insensitively, taking % and _ literally', async () => {
      const codes = async (q: string, limit = 20) =>
        (await searchRegistry(db, q, limit)).map((e) => e.ipaCode);

      expect((await codes('C_H501'))[0]).toBe('c_h501');
      expect(await codes('c_h5')).toContain('c_h501');
      expect((await codes('c_h5')).every((c) => c.startsWith('c_h5'))).toBe(true);
      const bologna = await searchRegistry(db, 'bologna', 50);
      expect(bologna.map((e) => e.ipaCode)).toEqual(expect.arrayContaining(['c_a944', 'unibo']));
      expect(bologna.every((e) => e.ipaCode.startsWith('bologna') || /bologna/i.test(e.name))).toBe(true);
      expect((await codes('previdenza sociale'))[0]).toBe('inps');
      expect(await codes('_')).toEqual([]);
      expect(await codes('%')).toEqual([]);
      expect(await codes('c%h501')).toEqual([]);
      expect(await codes('   ')).toEqual([]);
      expect(await codes('istsc_', 7)).toHaveLength(7);
    });
  });
});
