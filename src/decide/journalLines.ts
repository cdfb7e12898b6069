/**
 * A decisions file cut into rows, a line each. ufmatch's journal never writes a line break
 * inside a cell (journalEmail), so a damaged line — a quote left open by a hand edit or a cut
 * — is reported by its number and cannot swallow the rows after it, as a whole-file CSV parse
 * would (everything up to the next quote becomes one cell). A quoted cell spanning lines (a
 * spreadsheet's, or an older ufmatch journal's) is read as one row only when the lines it takes
 * make a whole row of the header's width without a quoting error.
 */
import Papa from 'papaparse';
import type { ReplayProblem } from './journal.js';
import { ACTIONS } from '../domain/decisions.js';

export interface JournalRows {
  /** The first line's cells ([] for an empty text). */
  readonly header: readonly string[];
  /** The header's columns, not counting empty cells after its last name (a spreadsheet's trailing commas). */
  readonly width: number;
  /** Data rows (their cells, the line they start on); blank lines are left out. */
  readonly rows: readonly { readonly cells: readonly string[]; readonly line: number }[];
  /** Data lines whose quoting is broken. */
  readonly problems: readonly ReplayProblem[];
}

/** How many more lines a quoted cell may take. */
const MAX_SPAN = 3;

const QUOTE_WORDS: Record<string, string> = {
  MissingQuotes: 'a quote (") opens a cell this line does not close',
  InvalidQuotes: 'a quoted cell goes on after its closing quote',
};

export function journalRows(text: string): JournalRows {
  // CRLF, LF, or CR alone (Excel for Mac's "CSV (Macintosh)"), mixed too: a journal of one kind
  // that a review reopened and appended CRLF rows to
  const parts = text.split(/(\r\n|\n|\r)/); // lines, each followed by the break that ended it
  const raw: string[] = [];
  const breaks: string[] = [];
  for (let k = 0; k < parts.length; k += 2) {
    raw.push(parts[k]!);
    breaks.push(parts[k + 1] ?? '');
  }
  const line = (i: number) => raw[i]!;
  if (raw.length === 1 && raw[0] === '') return { header: [], width: 0, rows: [], problems: [] };
  // the header says the delimiter (a spreadsheet may have saved the file with ; or tabs)
  const head = Papa.parse<string[]>(line(0), { newline: '\n' });
  const header = head.data[0] ?? [];
  const width = headerWidth(header);
  const parse = (s: string) => Papa.parse<string[]>(s, { delimiter: head.meta.delimiter, newline: '\n' });
  const rows: { cells: readonly string[]; line: number }[] = [];
  const problems: ReplayProblem[] = [];
  for (let i = 1; i < raw.length; i++) {
    const one = line(i);
    if (one.trim() === '') continue;
    const parsed = parse(one);
    const error = parsed.errors[0];
    if (!error) {
      rows.push({ cells: parsed.data[0] ?? [], line: i + 1 });
      continue;
    }
    const span = error.code === 'MissingQuotes' ? spanningRow(i) : null;
    if (span) {
      rows.push({ cells: span.cells, line: i + 1 });
      i = span.last;
      continue;
    }
    const uf = /^\s*(\d+)\s*[,;\t|]/.exec(one);
    problems.push({ kind: 'malformed', ufId: uf ? Number(uf[1]) : null, line: i + 1, detail: `damaged (${QUOTE_WORDS[error.code] ?? 'its quotes (") do not pair up'}), not applied` });
  }
  return { header, width, rows, problems };

  /** Line i and the next few as one row, when they make a whole one. */
  function spanningRow(i: number): { cells: readonly string[]; last: number } | null {
    for (let last = i + 1; last < raw.length && last <= i + MAX_SPAN; last++) {
      let joined = raw[i]!;
      for (let k = i + 1; k <= last; k++) joined += breaks[k - 1]! + raw[k]!; // a quoted cell keeps its own line break
      const p = parse(joined);
      const cells = p.data[0];
      if (p.errors.length === 0 && p.data.length === 1 && cells && wholeRow(cells, width)) return { cells, last };
    }
    return null;
  }
}

function headerWidth(header: readonly string[]): number {
  let n = header.length;
  while (n > 0 && header[n - 1]!.trim() === '') n--;
  return n;
}

/** The header's width: no cell missing, and no second row run into it past them (runsOn). */
export function wholeRow(cells: readonly string[], width: number): boolean {
  return cells.length >= width && !runsOn(cells, width);
}

/**
 * Whether the cells past the header's columns are a second row run into this one: one of them
 * is an action word (a lost line break leaves the next row's cells there). Anything else there
 * is an operator's note in a column added without a name (a spreadsheet's, of one line or
 * several), ignored as a named column the journal does not use would be.
 */
export function runsOn(cells: readonly string[], width: number): boolean {
  for (let k = width; k < cells.length; k++) if ((ACTIONS as readonly string[]).includes(cells[k]!.trim().toLowerCase())) return true;
  return false;
}
