/** Reads a decisions.csv file (SPEC §5.6) into journal entries. */
import { readFileSync, statSync } from 'node:fs';
import { JOURNAL_HEADER, parseJournalRows, type JournalEntry, type ReplayProblem } from '../decide/journal.js';
import { journalRows } from '../decide/journalLines.js';
import { chooseEncoding, firstInvalidUtf8, openDecoder } from '../load/decode.js';
import { wideEncodingOf } from '../load/csvStream.js';
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
 * "Unicode Text", as the exports may be) — read as UTF-8, its NULs reached the error line. A file
 * named by --decisions is read as the exports are: a spreadsheet (ZIP, OLE) is told for what it
 * is, a wide encoding without its mark or a single-byte one (a journal re-saved in a spreadsheet)
 * is read in the --encoding given, and without one named as the exports would be. The journal
 * in --out is ufmatch's own UTF-8 (a crash may cut its last character: that is no error).
 */
function journalText(path: string, bytes: Buffer, given: boolean, encoding: string | null): string {
  const head = bytes.subarray(0, 4);
  const bom = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff);
  if (!given && !bom) return bytes.toString('utf8');
  const start = bytes.subarray(0, 4096);
  // a journal a crash cut inside its last character is still UTF-8 (firstInvalidUtf8 allows a
  // character the end cuts): read as such, in whatever --encoding the exports need, its cut row
  // is reported as cut short, as ever. Decided on the bytes read: a pipe (/dev/stdin) is read once.
  let utf8: boolean | undefined;
  const validUtf8 = (): boolean => (utf8 ??= firstInvalidUtf8(bytes) < 0);
  const requested = bom || encoding === null ? 'utf-8' : chooseEncoding(path, encoding, () => start.includes(0), validUtf8);
  const decoder = openDecoder(path, head, requested);
  if (requested === 'utf-8' && !bom) {
    if (given && start.includes(0)) {
      const wide = wideEncodingOf(start);
      throw new InputError(path, 1, wide ? `the file contains NUL bytes: it looks like ${wide.toUpperCase()} text without a byte-order mark` : 'the file contains NUL bytes: it looks binary, not a decisions file', wide ? `give --encoding ${wide}` : 'pass a decisions.csv written by ufmatch');
    }
    if (given && !validUtf8()) throw new InputError(path, null, 'the file is not valid UTF-8 (saved by a spreadsheet in another encoding?)', 'give its encoding, e.g. --encoding windows-1252, or save it as CSV UTF-8');
    // not the fatal decoder: a character cut at the end becomes U+FFFD, in the row reported as cut short
    return bytes.toString('utf8');
  }
  return decoder.write(bytes) + decoder.end();
}

/**
 * @param given the file was named by --decisions (not found in --out): an empty file is then an
 *   error (ufmatch's journal always has its header row), not a journal with no decisions yet
 */
export function readJournal(path: string, given = false, encoding: string | null = null): { entries: JournalEntry[]; problems: ReplayProblem[] } {
  let text: string;
  try {
    checkJournalPath(path, given);
    text = journalText(path, readFileSync(path), given, encoding);
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
