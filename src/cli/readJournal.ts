/** Reads a decisions.csv file (SPEC §5.6) into journal entries. */
import { readFileSync, statSync } from 'node:fs';
import Papa from 'papaparse';
import { JOURNAL_HEADER, parseJournalRows, type JournalEntry, type ReplayProblem } from '../decide/journal.js';
import { InputError } from '../load/errors.js';
import { looksLikeData } from '../load/headers.js';

const norm = (h: string) => h.toLowerCase().replace(/[\s_\-.]/g, '');

/** The header's columns, not counting empty cells after its last name (a spreadsheet's trailing commas). */
function headerWidth(header: readonly string[]): number {
  let n = header.length;
  while (n > 0 && header[n - 1]!.trim() === '') n--;
  return n;
}

const EMPTY_JOURNAL = 'is empty (a decisions file written by ufmatch has at least its header row)';

/**
 * What can be told of a decisions file without reading it — a FIFO or device (whose open would
 * wait for a writer, past any signal), an empty file named by --decisions — checked before the
 * exports load, so that such a file is refused at once, not after minutes of loading.
 */
function checkJournalPath(path: string, given = false): void {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(path, null, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? 'error'})`, 'check the --decisions path');
  }
  if (st.isDirectory()) throw new InputError(path, null, 'is a folder, not a file', 'check the --decisions path');
  // a pipe the shell set up (`--decisions /dev/stdin`, `<(…)`) has its writer: it is read to its end
  const shellPipe = /^\/dev\/(stdin|fd\/\d+)$|^\/proc\/self\/fd\/\d+$/.test(path) && (st.isFIFO() || st.isCharacterDevice() || st.isSocket());
  if (!st.isFile() && !shellPipe) throw new InputError(path, null, 'is not a regular file', 'give the path of a decisions.csv file (or pipe it in as /dev/stdin)');
  if (given && st.isFile() && st.size === 0) throw new InputError(path, null, EMPTY_JOURNAL, 'check the --decisions path, or leave --decisions out');
}

/**
 * @param given the file was named by --decisions (not found in --out): an empty file is then an
 *   error (ufmatch's journal always has its header row), not a journal with no decisions yet
 */
export function readJournal(path: string, given = false): { entries: JournalEntry[]; problems: ReplayProblem[] } {
  let text: string;
  try {
    checkJournalPath(path, given);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(path, null, code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot read (${code ?? 'error'})`, 'check the --decisions path');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (given && text.trim() === '') throw new InputError(path, null, EMPTY_JOURNAL, 'check the --decisions path, or leave --decisions out');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const rows = parsed.data;
  while (rows.length > 0 && rows[rows.length - 1]!.length === 1 && rows[rows.length - 1]![0] === '') rows.pop();
  if (rows.length === 0) return { entries: [], problems: [] };
  const header = rows[0]!.map(norm);
  const col = Object.fromEntries(JOURNAL_HEADER.map((h) => [h, header.indexOf(norm(h))])) as Record<(typeof JOURNAL_HEADER)[number], number>;
  const missing = JOURNAL_HEADER.filter((h) => col[h] < 0 && h !== 'decided_at');
  if (missing.length) {
    // never echo a data row (personal data): name the columns only when the line is a header
    const first = rows[0]!.map((c) => c.replace(/\s+/g, ' ').slice(0, 40));
    const found = looksLikeData(first) ? 'the first line looks like data, not a header' : `found: ${first.slice(0, 25).join(', ')}`;
    throw new InputError(path, 1, `not a decisions file: missing column ${missing.join(', ')} (${found})`, 'pass a decisions.csv written by ufmatch');
  }
  // line numbers: count newlines up to each row start (rows may hold quoted newlines)
  const lineOf: number[] = [];
  let line = 1;
  let inQuotes = false;
  lineOf.push(1);
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) inQuotes = !inQuotes;
    else if (ch === 10) {
      line++;
      if (!inQuotes) lineOf.push(line);
    }
  }
  const data = rows
    .map((cells, k) => ({ cells, line: lineOf[k] ?? 0 }))
    .slice(1)
    .filter((r) => !(r.cells.length === 1 && r.cells[0] === ''));
  return parseJournalRows(
    data,
    { ufId: col.uf_id, email: col.email, action: col.action, contactId: col.contact_id, decidedAt: col.decided_at },
    headerWidth(rows[0]!),
  );
}
