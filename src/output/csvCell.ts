/**
 * CSV cells as RFC 4180 wants them, with spreadsheet formula injection defused: a cell that
 * starts with =, +, -, @, tab or CR gets a leading apostrophe (SPEC §5). A cell holding `;` or a
 * tab is quoted as well as one holding `,`: LibreOffice opens a .csv splitting at comma, semicolon
 * and tab alike, so an unquoted `;=HYPERLINK(…)` in a name would start a cell of its own, a formula
 * the apostrophe never reached.
 *
 * Written as character tests rather than regular expressions: this runs for every cell of
 * every output row (about two million cells at 200k users).
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value); // digits, '-', '.', 'e': never quoted
  const n = value.length;
  if (n === 0) return value;
  const first = value.charCodeAt(0);
  // = + - @ tab CR
  const s = first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13 ? `'${value}` : value;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    // " , CR LF ; tab
    if (c === 34 || c === 44 || c === 13 || c === 10 || c === 59 || c === 9) return `"${s.replace(/"/g, '""')}"`;
  }
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

/**
 * The value a cell read back from one of our files may have had before csvCell defused it: the
 * leading apostrophe taken off when what follows would have been prefixed (= + - @ tab CR).
 * A value that itself began with such an apostrophe reads the same, so a reader compares both.
 */
export function undefused(cell: string): string {
  if (cell.length < 2 || cell.charCodeAt(0) !== 39) return cell;
  const c = cell.charCodeAt(1);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? cell.slice(1) : cell;
}
