/**
 * `valuta enti import FILE`: loads IndicePA's "Enti" open-data export into the register the
 * requests to join are checked against (docs/indicepa.md).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import os from 'node:os';
import { basename } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { parse } from 'csv-parse';
import { appendAudit } from '../store/audit.js';
import type { Db } from '../store/database.js';
import { importRegistry, type ImportCounts, type IpaRow } from '../store/ipa-registry.js';

/** A file that is not a readable IndicePA "Enti" export; the message says where and why. */
export class IndicePAFormatError extends Error {
  override readonly name = 'IndicePAFormatError';
}

/** The export's columns that are read, by header name, and the row's field each fills. */
const COLUMNS = {
  Codice_IPA: 'ipaCode',
  Denominazione_ente: 'name',
  Codice_fiscale_ente: 'fiscalCode',
  Tipologia: 'kind',
  Codice_Categoria: 'category',
  Codice_comune_ISTAT: 'istatComune',
  Sito_istituzionale: 'website',
  Mail1: 'email',
} as const satisfies Record<string, keyof IpaRow>;

/** Columns without which a row cannot be stored. */
const REQUIRED = ['Codice_IPA', 'Denominazione_ente', 'Tipologia'] as const;

type Header = keyof typeof COLUMNS;

function blankToNull(value: string | undefined): string | null {
  const v = value?.trim() ?? '';
  return v === '' ? null : v;
}

/** A spreadsheet may have read the comune code as a number and dropped its leading zeros. */
function comuneCode(value: string | undefined): string | null {
  const v = blankToNull(value);
  return v !== null && /^\d{4,5}$/.test(v) ? v.padStart(6, '0') : v;
}

/**
 * The rows of an IndicePA "Enti" export (UTF-8 CSV, comma-separated, header row, optional BOM and
 * `_id` column), read by column name and streamed; a row without a required value stops the read
 * with an {@link IndicePAFormatError} naming its line.
 */
export async function* readIndicePA(path: string): AsyncIterable<IpaRow> {
  const where = basename(path);
  const input = createReadStream(path);
  const parser = parse({
    bom: true,
    columns: (header: string[]) => {
      const names = header.map((h) => h.trim());
      const missing = REQUIRED.filter((c) => !names.includes(c));
      if (missing.length > 0)
        throw new IndicePAFormatError(
          `${where}: not an IndicePA "Enti" export, the header has no column ${missing.join(', ')}`,
        );
      return names;
    },
    info: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  const lines = new Map<string, number>();
  let [lastLine, emptyLines] = [1, 0];
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Partial<Record<Header, string>>;
      info: { lines: number; empty_lines: number };
    }>) {
      // info.lines is where the record ends; it starts after the previous one and any empty lines
      const line = lastLine + 1 + (info.empty_lines - emptyLines);
      [lastLine, emptyLines] = [info.lines, info.empty_lines];
      const row: Record<keyof IpaRow, string | null> = {
        ipaCode: blankToNull(record.Codice_IPA)?.toLowerCase() ?? null,
        name: blankToNull(record.Denominazione_ente),
        fiscalCode: blankToNull(record.Codice_fiscale_ente),
        kind: blankToNull(record.Tipologia),
        category: blankToNull(record.Codice_Categoria),
        istatComune: comuneCode(record.Codice_comune_ISTAT),
        website: blankToNull(record.Sito_istituzionale),
        email: blankToNull(record.Mail1),
      };
      const empty = REQUIRED.filter((c) => row[COLUMNS[c]] === null);
      if (empty.length > 0) throw new IndicePAFormatError(`${where}, line ${line}: no ${empty.join(', ')}`);
      const { ipaCode, name, kind } = row as Record<'ipaCode' | 'name' | 'kind', string>;
      const first = lines.get(ipaCode);
      if (first !== undefined)
        throw new IndicePAFormatError(
          `${where}, line ${line}: the IPA code ${ipaCode} is already on line ${first}`,
        );
      lines.set(ipaCode, line);
      yield { ...row, ipaCode, name, kind };
    }
  } catch (error) {
    if (error instanceof IndicePAFormatError) throw error;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('CSV_'))
      throw new IndicePAFormatError(`${where}: ${(error as Error).message}`, { cause: error });
    throw error;
  } finally {
    input.destroy();
    parser.destroy();
  }
}

function operator(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

/**
 * Imports the export at `file` and records one audit entry (`registry.import`, with the counts)
 * in the same transaction: either both are committed or neither.
 */
export async function importIndicePA(
  db: Db,
  file: string,
  onProgress?: (done: number) => void,
  now: () => Date = () => new Date(),
): Promise<ImportCounts> {
  return db.transaction().execute(async (trx) => {
    const counts = await importRegistry(trx, readIndicePA(file), onProgress);
    await appendAudit(
      trx,
      {
        actorKind: 'cli',
        actorId: null,
        actorLabel: operator(),
        action: 'registry.import',
        targetKind: 'ipa-registry',
        targetId: basename(file),
        enteId: null,
        summary: { ...counts },
      },
      now(),
    );
    return counts;
  });
}

/** Lines in the file, less the header: the rows, unless some field spans lines. */
async function estimateRows(file: string): Promise<number> {
  let newlines = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>)
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
  return Math.max(newlines - 1, 0);
}

/** Adds `enti import <file>` to the program (under `enti`, created if absent). */
export function registerEntiImport(
  program: Command,
  open: () => Promise<{ db: Db; close(): Promise<void> }>,
): void {
  const enti =
    program.commands.find((c) => c.name() === 'enti') ??
    program.command('enti').description('the enti: the IndicePA register');
  enti
    .command('import')
    .description(
      'load or refresh the IndicePA "Enti" export (CSV from https://indicepa.gov.it/ipa-dati/dataset/enti)',
    )
    .argument('<file>', 'the CSV export')
    .action(async (file: string) => {
      try {
        if (!(await stat(file)).isFile()) throw new Error(`${file} is not a file`);
      } catch (error) {
        console.error(`Cannot read ${file}: ${(error as Error).message}`);
        process.exitCode = 1;
        return;
      }
      const total = await estimateRows(file);
      const database = await open();
      const bar = new SingleBar(
        { format: 'IndicePA [{bar}] {percentage}% | {value}/{total} rows', hideCursor: true },
        Presets.shades_classic,
      );
      bar.start(total, 0);
      try {
        const counts = await importIndicePA(database.db, file, (done) => {
          if (done > bar.getTotal()) bar.setTotal(done);
          bar.update(done);
        });
        const rows = counts.inserted + counts.updated + counts.unchanged;
        bar.setTotal(rows);
        bar.update(rows);
        bar.stop();
        console.log(
          `IndicePA: ${rows} rows — ${counts.inserted} new, ${counts.updated} updated, ${counts.unchanged} unchanged`,
        );
      } catch (error) {
        bar.stop();
        if (!(error instanceof IndicePAFormatError)) throw error;
        console.error(`${error.message}. Nothing was imported.`);
        process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
}
