import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../src/output/csvCell.js';

describe('csv cells', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1 555', "'+1 555"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', `"'\tx"`],
    // a spreadsheet splitting at ; or tab too (LibreOffice's default) must not see a new cell start with a formula
    ['Mal;=HYPERLINK(A1&A2)', '"Mal;=HYPERLINK(A1&A2)"'],
    ['T\t@SUM(1+1)', '"T\t@SUM(1+1)"'],
    ['133:1.00;132:0.95', '"133:1.00;132:0.95"'],
    ['\rx', `"'\rx"`],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['', ''],
  ])('escapes %j as %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('leaves numbers (ids, negative included) as numbers', () => {
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
  });

  it('rows parse back to the same values (formula cells keep their apostrophe)', () => {
    const values = ['1', 'x,y', 'q"uote', 'multi\r\nline', 'ünïcödé'];
    const parsed = Papa.parse<string[]>(csvRow(values), { skipEmptyLines: true }).data[0];
    expect(parsed).toEqual(values);
  });

  it('agrees with the rule written as regular expressions, for any string', () => {
    const reference = (v: string): string => {
      const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
      return /[",\r\n;\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const text = fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', ';', 'a', 'é', ' ') }));
    fc.assert(fc.property(text, (v) => csvCell(v) === reference(v)), { numRuns: 2000 });
  });
});
