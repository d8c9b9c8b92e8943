/**
 * Tables as downloads: CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheets read the
 * accents) and XLSX (ExcelJS's streaming workbook writer), written row by row as the rows come, so
 * that an export of any size holds one batch in memory. Text cells that a spreadsheet would take
 * for a formula are escaped in both.
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { escapeFormula } from '../domain/microdata.js';

export type Cell = string | number | boolean | null;
export type Row = Readonly<Record<string, Cell>>;

export interface Table {
  /** The sheet's name in a workbook. */
  readonly name: string;
  readonly columns: readonly string[];
  /** Rows, or batches of rows. */
  readonly rows: AsyncIterable<Row | readonly Row[]> | Iterable<Row>;
}

async function* flat(rows: Table['rows']): AsyncGenerator<Row> {
  for await (const row of rows)
    if (Array.isArray(row)) yield* row as readonly Row[];
    else yield row as Row;
}

/** A table as CSV; a failure half-way ends the file short (`onError` is told), never silently truncated. */
export function csvOf(table: Table, onError: (error: Error) => void): Readable {
  const csv = stringify({
    header: true,
    columns: [...table.columns],
    escape_formulas: true,
    bom: true,
    cast: { boolean: (value) => String(value) },
  });
  pipeline(Readable.from(flat(table.rows)), csv).catch(onError);
  return csv;
}

/** Tables as the sheets of one workbook. */
export function xlsxOf(tables: readonly Table[], onError: (error: Error) => void): Readable {
  const out = new PassThrough();
  (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useSharedStrings: false,
      useStyles: false,
    });
    for (const table of tables) {
      const sheet = workbook.addWorksheet(table.name);
      sheet.columns = table.columns.map((key) => ({ header: key, key }));
      for await (const row of flat(table.rows)) {
        sheet
          .addRow(
            table.columns.map((c) => {
              const value = row[c] ?? null;
              return typeof value === 'string' ? escapeFormula(value) : value;
            }),
          )
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
