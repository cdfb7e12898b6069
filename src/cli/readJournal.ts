/** Reads a decisions.csv file (SPEC §5.6) into journal entries. */
import { readFileSync, statSync } from 'node:fs';
import { JOURNAL_HEADER, parseJournalRows, type JournalEntry, type ReplayProblem } from '../decide/journal.js';
import { journalRows } from '../decide/journalLines.js';
import { openDecoder } from '../load/decode.js';
import { InputError } from '../load/errors.js';
import { looksLikeData } from '../load/headers.js';

const norm = (h: string) => h.toLowerCase().replace(/[\s_\-.]/g, '');

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
 * The file's text: UTF-8, or UTF-16/32 when it starts with that byte-order mark (a spreadsheet's
 * "Unicode Text", as the exports may be) — read as UTF-8, its NULs reached the error line.
 */
function journalText(path: string, bytes: Buffer): string {
  const starts = (...marks: number[]) => marks.every((b, i) => bytes[i] === b);
  // FF FE: UTF-16LE or UTF-32LE; FE FF: UTF-16BE; 00 00 FE FF: UTF-32BE (openDecoder tells them apart)
  if (!starts(0xff, 0xfe) && !starts(0xfe, 0xff) && !starts(0, 0, 0xfe, 0xff)) return bytes.toString('utf8');
  const decoder = openDecoder(path, bytes.subarray(0, 4), 'utf-8');
  return decoder.write(bytes) + decoder.end();
}

/**
 * @param given the file was named by --decisions (not found in --out): an empty file is then an
 *   error (ufmatch's journal always has its header row), not a journal with no decisions yet
 */
export function readJournal(path: string, given = false): { entries: JournalEntry[]; problems: ReplayProblem[] } {
  let text: string;
  try {
    checkJournalPath(path, given);
    text = journalText(path, readFileSync(path));
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(path, null, code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot read (${code ?? 'error'})`, 'check the --decisions path');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (given && text.trim() === '') throw new InputError(path, null, EMPTY_JOURNAL, 'check the --decisions path, or leave --decisions out');
  const { header: first, width, rows, problems: damaged } = journalRows(text);
  if (first.length === 0) return { entries: [], problems: [] };
  const header = first.map(norm);
  const col = Object.fromEntries(JOURNAL_HEADER.map((h) => [h, header.indexOf(norm(h))])) as Record<(typeof JOURNAL_HEADER)[number], number>;
  const missing = JOURNAL_HEADER.filter((h) => col[h] < 0 && h !== 'decided_at');
  if (missing.length) {
    // never echo a data row (personal data): name the columns only when the line is a header
    const shown = first.map((c) => c.replace(/\s+/g, ' ').slice(0, 40));
    const found = looksLikeData(shown) ? 'the first line looks like data, not a header' : `found: ${shown.slice(0, 25).join(', ')}`;
    // found in --out (no --decisions given): the review keeps its journal under that name
    const remedy = given ? 'pass a decisions.csv written by ufmatch' : 'a review keeps its journal under that name in --out: move this file away, or choose another --out';
    throw new InputError(path, 1, `not a decisions file: missing column ${missing.join(', ')} (${found})`, remedy);
  }
  const parsed = parseJournalRows(
    rows,
    { ufId: col.uf_id, email: col.email, action: col.action, contactId: col.contact_id, decidedAt: col.decided_at },
    width,
  );
  // every row not applied, in the order of the file
  return { entries: parsed.entries, problems: [...damaged, ...parsed.problems].sort((a, b) => a.line - b.line) };
}
