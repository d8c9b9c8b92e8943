import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvCell, csvOf, DatabaseLines, tableOf, zipped } from '../../src/exports/tables.js';

describe('CSV cells', () => {
  it('escapes what a spreadsheet would take for a formula, full-width forms included, then quotes', () => {
    for (const formula of ['=1+1', '+39 06', '-1 stella', '@SUM(A1)', '\tx', '＝1', '＋1', '－1', '＠x'])
      expect(csvCell(formula)).toBe(`'${formula}`);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell('riga\nnuova')).toBe('"riga\nnuova"');
    expect(csvCell('\rx')).toBe('"\'\rx"');
    // numbers, booleans and nothing as they print: a negative number is no formula
    expect([csvCell(-3), csvCell(0.25), csvCell(true), csvCell(null)]).toEqual(['-3', '0.25', 'true', '']);
  });

  it('takes lines from the database as they are, only when they are codes, numbers and times', async () => {
    const lines = DatabaseLines.check(
      ['2026-10,3,,yes-fully|no,1', ':c,4,5,,0'],
      [false, true, true, false, true],
    );
    expect(lines.rows()).toEqual([
      ['2026-10', 3, null, 'yes-fully|no', 1],
      [':c', 4, 5, null, 0],
    ]);
    const table = { name: 'T', columns: ['a', 'b', 'c', 'd', 'e'], rows: [lines] };
    const chunks: string[] = [];
    for await (const chunk of csvOf(table, (error) => expect.fail(error.message))) chunks.push(String(chunk));
    expect(chunks.join('')).toBe('\uFEFFa,b,c,d,e\n2026-10,3,,yes-fully|no,1\n:c,4,5,,0\n');
    for (const stored of ['=1+1', '3,-1', '3\n1', '3,"x"', 'a b', 'Sì', '3,\r', '@x', '|x', '.5', 'x\ty'])
      expect(() => DatabaseLines.check(['1,2', stored], [true, true]), stored).toThrow(/not answer codes/);
    // the line at fault is named, not the whole batch
    expect(() => DatabaseLines.check(['1,2', '3,=4', '5,6'], [true, true])).toThrow(
      'not answer codes: "3,=4"',
    );
  });

  it('writes a table as lines after a byte-order mark, a batch at a time', async () => {
    const table = tableOf('T', ['a', 'b'], [{ a: '=x', b: 2 }, { a: 'y' }]);
    const chunks: string[] = [];
    for await (const chunk of csvOf(table, (error) => expect.fail(error.message))) chunks.push(String(chunk));
    expect(chunks.join('')).toBe("\uFEFFa,b\n'=x,2\ny,\n");
  });

  it('waits for the zip to take in what a sheet wrote (ExcelJS does not)', async () => {
    const out = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useSharedStrings: false,
      useStyles: false,
    });
    const sheet = workbook.addWorksheet('T');
    for (let i = 0; i < 20_000; i++) sheet.addRow([i, `riga ${i}`]).commit();
    const [input] = (sheet as unknown as { stream: { pipes: { _writableState: { length: number } }[] } })
      .stream.pipes;
    expect(input!._writableState.length).toBeGreaterThan(1_000_000);
    out.resume();
    await zipped(sheet);
    expect(input!._writableState.length).toBeLessThan(100_000);
  });
});
