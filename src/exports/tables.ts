/**
 * Tables as downloads: CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheets read the
 * accents) and XLSX (ExcelJS's streaming workbook writer), written batch by batch as the rows come,
 * so that an export of any size holds a batch or two in memory. Text cells that a spreadsheet would take
 * for a formula are escaped in both.
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { escapeFormula } from '../domain/microdata.js';

/**
 * Comma-separated codes, numbers and times (`2026-10`, `2026-10-07T10:00:00.000Z`, `:c`), or
 * nothing: none would need quoting or read as a formula.
 */
const PLAIN_CODES = /^(?:[0-9A-Za-z:][0-9A-Za-z:.|-]*)?(?:,(?:[0-9A-Za-z:][0-9A-Za-z:.|-]*)?)*$/;

/**
 * Lines the database wrote as CSV (a batch of responses, ADR 31): as they are in a CSV file, rows
 * of cells in a workbook (numbers where the column is numeric). They are checked to hold only
 * comma-separated codes, numbers and times, which need neither quoting nor escaping: anything else
 * in the database stops the export rather than pass into a file unescaped.
 */
export class DatabaseLines {
  private constructor(
    readonly lines: readonly string[],
    private readonly numeric: readonly boolean[],
  ) {}

  /** Lines the database wrote; anything but codes, numbers and times throws. */
  static check(lines: readonly string[], numeric: readonly boolean[]): DatabaseLines {
    for (const line of lines)
      if (!PLAIN_CODES.test(line)) throw new Error(`not answer codes: ${JSON.stringify(line)}`);
    return new DatabaseLines(lines, numeric);
  }

  rows(): (string | number | null)[][] {
    return this.lines.map((line) =>
      line.split(',').map((cell, i) => (cell === '' ? null : this.numeric[i] ? Number(cell) : cell)),
    );
  }
}

export type Cell = string | number | boolean | null;
/** A row: its cells in the order of the table's columns. */
export type Row = readonly Cell[];
/** Rows as the server holds them, or lines the database wrote. */
export type Batch = readonly Row[] | DatabaseLines;

export interface Table {
  /** The sheet's name in a workbook. */
  readonly name: string;
  readonly columns: readonly string[];
  /** The rows, in batches. */
  readonly rows: AsyncIterable<Batch> | Iterable<Batch>;
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

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A cell as CSV: text escaped against formulas, then quoted when it holds a comma, a quote or a
 * line break (RFC 4180); numbers and booleans as they print; null empty. Written here rather than
 * by csv-stringify, which took four microseconds a row, most of an export's time (ADR 31).
 *
 * @example csvCell('=1+1') // → "'=1+1"
 * @example csvCell('a, "b"') // → the text quoted, its quotes doubled: "a, ""b"""
 */
export function csvCell(cell: Cell): string {
  if (typeof cell === 'string') {
    const text = escapeFormula(cell);
    return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  }
  return cell === null ? '' : String(cell);
}

/** A batch of one row or more as CSV lines, each ended by a line feed. */
function csvLines(rows: Batch): string {
  if (rows instanceof DatabaseLines) return `${rows.lines.join('\n')}\n`;
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) out += i === 0 ? csvCell(row[i]!) : `,${csvCell(row[i]!)}`;
    out += '\n';
  }
  return out;
}

/**
 * A table as CSV, a batch at a time (one string per batch, formulas escaped); a failure half-way
 * ends the file short (`onError` is told), never silently truncated.
 */
export function csvOf(table: Table, onError: (error: Error) => void): Readable {
  async function* lines() {
    yield '\uFEFF' + csvLines([table.columns]);
    for await (const batch of table.rows)
      if ((batch instanceof DatabaseLines ? batch.lines : batch).length > 0) yield csvLines(batch);
  }
  const csv = Readable.from(lines(), { objectMode: false });
  csv.on('error', onError);
  return csv;
}

/**
 * Resolves once the zip has taken in what a sheet has written. ExcelJS writes a sheet into a
 * buffer that it pipes into the zip's input (a readable-stream 2 PassThrough) without heeding its
 * backpressure: left alone, rows that come faster than they are deflated pile up there (12 MB a
 * 100,000 rows written at once, 658 MB of RSS at a million exported). `stream.pipes` is ExcelJS's
 * (lib/utils/stream-buf.js), `_writableState.needDrain` readable-stream's; test/exports/tables.test.ts
 * checks that both are still there.
 */
export async function zipped(sheet: object): Promise<void> {
  const { stream } = sheet as { stream?: { pipes?: NodeJS.WritableStream[] } };
  for (const input of stream?.pipes ?? []) {
    const { _writableState: state } = input as { _writableState?: { needDrain?: boolean } };
    if (state?.needDrain) await once(input, 'drain');
  }
}

/** Tables as the sheets of one workbook. */
export function xlsxOf(tables: readonly Table[], onError: (error: Error) => void): Readable {
  const out = new PassThrough();
  (async () => {
    // loaded on the first workbook asked for, and without ExcelJS's readers: a server that never
    // writes one does not hold it, one that does holds 10 MB less
    const { default: WorkbookWriter } = await import('exceljs/lib/stream/xlsx/workbook-writer.js');
    const workbook = new WorkbookWriter({
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
        const rows =
          batch instanceof DatabaseLines
            ? batch.rows()
            : batch.map((row) =>
                row.map((value) => (typeof value === 'string' ? escapeFormula(value) : value)),
              );
        for (const row of rows) sheet.addRow(row).commit();
        // the reader sets the pace: wait while what was written has not been deflated, then read
        await zipped(sheet);
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
