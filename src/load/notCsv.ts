/**
 * Files that are not CSV at all, told by their first line, so that the error says what they
 * are instead of what a CSV reader trips on first ("malformed quotes" for `wp user list
 * --format=json`, a list of `+----+` columns for the mysql client's table output).
 */
import { InputError } from './errors.js';

/**
 * JSON opens as a list or a record does: `[` alone on its line (pretty-printed), or before a
 * record or a list; `{` alone, or before a quoted key or `}`. A CSV header cell "[ID]" does not.
 */
const JSON_START = /^(\[\s*(\{|\[|"|$)|\{\s*("|\}|$))/;

/** An InputError when the first line (BOM and leading blanks aside) shows another format, else null. */
export function notCsvError(file: string, line: number, firstLine: string): InputError | null {
  const s = firstLine.replace(/^\uFEFF/, '').trim();
  if (JSON_START.test(s)) {
    return new InputError(file, line, 'this is JSON, not CSV', 'export it as CSV (e.g. wp user list --format=csv, or the export screen\'s CSV option)');
  }
  if (/^<(!doctype|html|table|\?xml|[a-z][a-z0-9:-]*[\s>])/i.test(s)) {
    return new InputError(file, line, 'this is HTML or XML, not CSV (a web page or a spreadsheet saved from one?)', 'export it as CSV, or open it in a spreadsheet and save it as CSV');
  }
  if (/^\+-+\+/.test(s)) {
    return new InputError(file, line, "this is a table printed by the mysql client (+----+ borders), not CSV", 'run the query with mysql --batch (-B, tab-separated) and redirect that to the file, or export it as CSV');
  }
  return null;
}
