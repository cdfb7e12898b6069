/**
 * CSV cells as RFC 4180 wants them, with spreadsheet formula injection defused: a cell that
 * starts with =, +, -, @, tab or CR gets a leading apostrophe (SPEC §5).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  if (NEEDS_QUOTES.test(s)) return `"${s.replace(/"/g, '""')}"`;
  return s;
}

export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    out += csvCell(values[i]);
  }
  return out + '\r\n';
}
