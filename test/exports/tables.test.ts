import { describe, expect, it } from 'vitest';
import { csvCell, csvOf, CsvCells, tableOf } from '../../src/exports/tables.js';

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

  it('takes answers from the database as they are, only when they are codes and numbers', () => {
    const answers = CsvCells.fromDatabase('3,,yes-fully|no,1', [true, true, false, true]);
    expect(csvCell(answers)).toBe('3,,yes-fully|no,1');
    expect(answers.cells()).toEqual([3, null, 'yes-fully|no', 1]);
    for (const stored of ['=1+1', '3,-1', '3,"x"', 'a b', 'Sì', '3,\n', '@x'])
      expect(() => CsvCells.fromDatabase(stored, [true, true]), stored).toThrow(/not answer codes/);
  });

  it('writes a table as lines after a byte-order mark, a batch at a time', async () => {
    const table = tableOf('T', ['a', 'b'], [{ a: '=x', b: 2 }, { a: 'y' }]);
    const chunks: string[] = [];
    for await (const chunk of csvOf(table, (error) => expect.fail(error.message))) chunks.push(String(chunk));
    expect(chunks.join('')).toBe("\uFEFFa,b\n'=x,2\ny,\n");
  });
});
