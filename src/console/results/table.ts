/**
 * The table alternative of a chart, as data: what the `<table>` shows and what its CSV holds.
 * Each cell has the text of the table and its plain values for the file (one or more columns:
 * an interval is one cell "70,1–74,4%" in the table, two columns in the CSV). A cell withheld
 * by disclosure control shows "riservato" and is `:c` in the file (Eurostat's flag for
 * confidential), never 0.
 */

export interface Cell {
  readonly text: string;
  /** One value per CSV column of this cell's column. */
  readonly csv: readonly string[];
  readonly withheld?: boolean;
  /** The language of the text when not the page's (a service name is Italian). */
  readonly lang?: string;
}

export interface Column {
  readonly label: string;
  /** The CSV headers of this column (one, or two for an interval). */
  readonly csv: readonly string[];
  /** Right-aligned figures. */
  readonly numeric?: boolean;
}

export interface TableModel {
  readonly caption: string;
  /** The first column: what each row is (a month, a channel, a service): `th scope="row"`. */
  readonly rowHeader: Column;
  readonly columns: readonly Column[];
  readonly rows: readonly { readonly key: string; readonly header: Cell; readonly cells: readonly Cell[] }[];
}

/** The flag a withheld value has in a CSV. */
export const WITHHELD_CSV = ':c';

export const column = (label: string, csv: readonly string[] = [label], numeric = true): Column => ({
  label,
  csv,
  numeric,
});

export const textCell = (text: string, lang?: string): Cell => ({ text, csv: [text], lang });

/** A cell of `width` CSV columns withheld: the table says `label`, the file `:c`. */
export const withheldCell = (label: string, width = 1): Cell => ({
  text: label,
  csv: Array.from({ length: width }, () => WITHHELD_CSV),
  withheld: true,
});

/** No value (no answers, or no peers): a dash in the table, empty in the file. */
export const emptyCell = (width = 1): Cell => ({ text: '—', csv: Array.from({ length: width }, () => '') });

export function hasWithheld(table: TableModel): boolean {
  return table.rows.some((row) => row.header.withheld || row.cells.some((cell) => cell.withheld));
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The table as RFC 4180 CSV (comma, CRLF), with a byte-order mark so spreadsheets read UTF-8. */
export function toCsv(table: TableModel): string {
  const lines = [
    [...table.rowHeader.csv, ...table.columns.flatMap((c) => c.csv)],
    ...table.rows.map((row) => [...row.header.csv, ...row.cells.flatMap((cell) => cell.csv)]),
  ];
  return `\uFEFF${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}
