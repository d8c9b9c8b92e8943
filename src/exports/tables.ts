/**
 * Tables as downloads: CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheets read the
 * accents) and XLSX (ExcelJS's streaming workbook writer), written batch by batch as the rows come,
 * so that an export of any size holds a batch or two in memory. Text cells that a spreadsheet would take
 * for a formula are escaped in both.
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { escapeFormula } from '../domain/microdata.js';

export type Cell = string | number | boolean | null;
/** A row: its cells in the order of the table's columns. */
export type Row = readonly Cell[];

export interface Table {
  /** The sheet's name in a workbook. */
  readonly name: string;
  readonly columns: readonly string[];
  /** The rows, in batches. */
  readonly rows: AsyncIterable<readonly Row[]> | Iterable<readonly Row[]>;
}

/** A small table made at once from records keyed by column (absent keys are empty cells). */
export function tableOf(
  name: string,
  columns: readonly string[],
  records: readonly Readonly<Record<string, Cell | undefined>>[],
): Table & { readonly size: number } {
  return {
    name,
    columns,
    rows: [records.map((r) => columns.map((c) => r[c] ?? null))],
    size: records.length,
  };
}

const cast = { boolean: (value: boolean) => String(value) };

/**
 * A table as CSV, a batch at a time (one string per batch: csv-stringify's own escaping, formulas
 * escaped); a failure half-way ends the file short (`onError` is told), never silently truncated.
 */
export function csvOf(table: Table, onError: (error: Error) => void): Readable {
  async function* lines() {
    yield '\uFEFF' + stringify([table.columns as string[]], { cast });
    for await (const batch of table.rows)
      if (batch.length > 0) yield stringify(batch as Cell[][], { escape_formulas: true, cast });
  }
  const csv = Readable.from(lines(), { objectMode: false });
  csv.on('error', onError);
  return csv;
}

/** Tables as the sheets of one workbook. */
export function xlsxOf(tables: readonly Table[], onError: (error: Error) => void): Readable {
  const out = new PassThrough();
  (async () => {
    // loaded on the first workbook asked for: a server that never writes one does not hold it
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useSharedStrings: false,
      useStyles: false,
      // the fastest deflate: a slower one falls behind the rows and holds them
      zip: { zlib: { level: 1 } },
    });
    for (const table of tables) {
      const sheet = workbook.addWorksheet(table.name);
      sheet.columns = table.columns.map((key) => ({ header: key, key }));
      for await (const batch of table.rows) {
        for (const row of batch)
          sheet
            .addRow(row.map((value) => (typeof value === 'string' ? escapeFormula(value) : value)))
            .commit();
        // the reader sets the pace: wait while what was written has not been read
        if (out.writableNeedDrain) await once(out, 'drain');
      }
      sheet.commit();
    }
    await workbook.commit();
  })().catch((error: Error) => {
    onError(error);
    out.destroy(error);
  });
  return out;
}
