/**
 * The contacts export loaded from its bytes (plainCsv.ts) into the ContactTable, without a
 * string per field: names and emails are copied as UTF-8, ids and flags read from the bytes,
 * email keys (for dropping an address repeated on a contact) computed as bytes. A cell that
 * needs Unicode rules (a name starting or ending with a non-ASCII character, which trim may
 * remove; an address with one, which toLowerCase may change; a type or trash flag other than
 * the usual) is decoded and goes through contacts.ts's string rules instead.
 *
 * The file is read twice: first only to check that it is plain CSV (the rows are not
 * delivered, so nothing has seen a row of a file the next step may reject), then to load it.
 * A file that is not plain gives null, and contacts.ts reads it with papaparse, which also
 * reports what is wrong with it. Measured at 1M contacts (87 MB): see the README.
 */
import { createHash } from 'node:crypto';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { InputInfo } from '../domain/types.js';
import { emailKeyInto } from '../match/emailBytes.js';
import type { ContactTable } from './contactTable.js';
import type { ContactPlan } from './contacts.js';
import { readError, type CsvProgress } from './csvStream.js';
import { InputError } from './errors.js';
import { badId, emailKey, isYes, parseId } from './fields.js';
import { Header } from './headers.js';
import { fieldString, NOT_PLAIN, PlainCsvScanner, type PlainRow, type PlainRowSink } from './plainCsv.js';

export interface ByteLoadOptions {
  /** contacts.ts's planContacts: the columns read, from the header. */
  readonly plan: (header: Header) => ContactPlan;
  /** contacts.ts's rule for a type cell. */
  readonly contactType: (cell: string) => string;
  readonly onProgress?: (progress: CsvProgress) => void;
  readonly onStored?: (contacts: ContactTable, pos: number) => void;
  readonly maxRowBytes: number;
  /** Bytes per read (tests use tiny values to split characters and rows). */
  readonly chunk?: number;
}

export interface ByteLoadResult {
  readonly info: InputInfo;
  readonly headerLine: number;
  readonly idName: string | null;
}

const CHUNK = 1 << 20;
const INDIVIDUAL = Buffer.from('Individual', 'latin1');

/** Loads the file into `table`; null (and `table` untouched) when it is not plain CSV. */
export async function loadContactBytes(path: string, table: ContactTable, o: ByteLoadOptions): Promise<ByteLoadResult | null> {
  let fh: FileHandle;
  const chunk = o.chunk ?? CHUNK;
  try {
    // only a regular file (a FIFO would block here, and be read up once); csvStream.ts words the rest
    if (!(await stat(path)).isFile()) return null;
    fh = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    try {
      const head = Buffer.alloc(4);
      const { bytesRead } = await fh.read(head, 0, 4, 0);
      if (bytesRead === 0 || !textual(head)) return null;
      if ((await scan(fh, chunk, new PlainCsvScanner(null, o.maxRowBytes), null, null)) === null) return null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException | null)?.syscall) return null; // csvStream.ts reads it again and words the failure
      throw err;
    }
    const rows = new RowsToTable(path, table, o);
    const hash = createHash('sha256');
    const scanner = new PlainCsvScanner(rows, o.maxRowBytes);
    let done: number | null;
    try {
      const total = (await fh.stat()).size;
      done = await scan(fh, chunk, scanner, hash, o.onProgress ? (bytes) => o.onProgress!({ bytesRead: bytes, totalBytes: total, rows: scanner.rows }) : null);
    } catch (err) {
      throw (err as NodeJS.ErrnoException | null)?.syscall ? readError(path, err) : err;
    }
    if (done === null) throw new InputError(path, null, 'the file changed while it was being read', 'run ufmatch again once nothing writes to the file');
    return { info: { path, rows: scanner.rows, sha256: hash.digest('hex') }, headerLine: scanner.headerLine, idName: rows.idName };
  } finally {
    await fh.close();
  }
}

/** Not a UTF-16 byte-order mark, nor a ZIP, old Excel or gzip file (decode.ts reports those). */
function textual(h: Buffer): boolean {
  if ((h[0] === 0xff && h[1] === 0xfe) || (h[0] === 0xfe && h[1] === 0xff)) return false;
  if (h[0] === 0x50 && h[1] === 0x4b) return false;
  if (h[0] === 0xd0 && h[1] === 0xcf) return false;
  return !(h[0] === 0x1f && h[1] === 0x8b);
}

/** Reads the whole file through the scanner; the number of bytes, or null when it is not plain. */
async function scan(fh: FileHandle, chunk: number, scanner: PlainCsvScanner, hash: ReturnType<typeof createHash> | null, progress: ((bytes: number) => void) | null): Promise<number | null> {
  let buf = Buffer.allocUnsafe(chunk);
  let have = 0;
  let position = 0;
  for (;;) {
    if (have === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, have);
      buf = bigger;
    }
    const { bytesRead } = await fh.read(buf, have, buf.length - have, position);
    if (hash && bytesRead > 0) hash.update(buf.subarray(have, have + bytesRead));
    position += bytesRead;
    have += bytesRead;
    const final = bytesRead === 0;
    const used = scanner.feed(buf, have, final);
    if (used === NOT_PLAIN) return null;
    if (final) return used === have ? position : null;
    buf.copy(buf, 0, used, have);
    have -= used;
    progress?.(position);
  }
}

/** Rows → the contact table (contacts.ts's rules, read from bytes where they allow). */
class RowsToTable implements PlainRowSink {
  idName: string | null = null;
  private cols: ContactPlan | null = null;
  private sourceIds: number[] = [];
  /** This row's kept email keys, as bytes one after another, and where each ends. */
  private keys: Buffer = Buffer.allocUnsafe(1024);
  private keyEnds = new Int32Array(16);

  constructor(
    private readonly path: string,
    private readonly table: ContactTable,
    private readonly o: ByteLoadOptions,
  ) {}

  header(bytes: Buffer, row: PlainRow, fields: number, line: number): void {
    const names: string[] = [];
    for (let i = 0; i < fields; i++) names.push(fieldString(bytes, row, i));
    const cols = this.o.plan(new Header(this.path, names, line));
    this.cols = cols;
    this.idName = cols.idName;
    this.sourceIds = cols.sources.map((s) => this.table.sourceIndex(s));
    if (cols.emails.length > this.keyEnds.length) this.keyEnds = new Int32Array(cols.emails.length);
  }

  row(b: Buffer, row: PlainRow, _fields: number, line: number): void {
    const c = this.cols!;
    const t = this.table;
    const id = readId(b, row, c.id);
    if (id <= 0) throw badId(this.path, line, c.idName, c.id);
    t.begin(id, line, this.type(b, row, c.type), c.trash >= 0 && this.trashed(b, row, c.trash));
    this.name(b, row, c.display);
    this.name(b, row, c.first);
    this.name(b, row, c.middle);
    this.name(b, row, c.last);
    let kept = 0;
    let used = 0;
    const emails = c.emails;
    for (let k = 0; k < emails.length; k++) {
      const i = emails[k]!;
      const s = row.start[i]!;
      const e = row.end[i]!;
      if (e === s) continue;
      if (used + (e - s) > this.keys.length) this.keys = grownBuffer(this.keys, used + (e - s));
      let n = row.escaped[i] === 1 ? -1 : emailKeyInto(b, s, e, this.keys, used);
      let text: string | null = null;
      if (n < 0) {
        text = fieldString(b, row, i);
        const key = emailKey(text);
        const bytes = Buffer.byteLength(key, 'utf8');
        if (used + bytes > this.keys.length) this.keys = grownBuffer(this.keys, used + bytes);
        n = this.keys.write(key, used, 'utf8');
      }
      if (n === 0 || this.seen(kept, used, n)) continue;
      this.keyEnds[kept++] = used + n;
      used += n;
      t.emailMeta(this.sourceIds[k]!, k === 0 && c.primary);
      if (text === null) t.emailBytes(b, s, e);
      else t.emailText(text);
    }
    t.end();
    this.o.onStored?.(t, t.length - 1);
  }

  /** Whether the key keys[used, used + n) equals one kept before it in this row. */
  private seen(kept: number, used: number, n: number): boolean {
    const k = this.keys;
    for (let j = 0; j < kept; j++) {
      const from = j === 0 ? 0 : this.keyEnds[j - 1]!;
      if (this.keyEnds[j]! - from !== n) continue;
      let i = 0;
      while (i < n && k[from + i] === k[used + i]) i++;
      if (i === n) return true;
    }
    return false;
  }

  private type(b: Buffer, row: PlainRow, i: number): string {
    if (i < 0) return 'Individual';
    const s = row.start[i]!;
    if (row.end[i]! - s === 10 && row.escaped[i] === 0 && b.compare(INDIVIDUAL, 0, 10, s, s + 10) === 0) return 'Individual';
    return this.o.contactType(fieldString(b, row, i));
  }

  private trashed(b: Buffer, row: PlainRow, i: number): boolean {
    const s = row.start[i]!;
    const len = row.end[i]! - s;
    if (len === 0) return false;
    if (len === 1 && b[s] === 48) return false; // '0'
    if (len === 1 && b[s] === 49) return true; // '1'
    return isYes(fieldString(b, row, i));
  }

  /** A name cell, trimmed: copied as bytes unless trimming may need Unicode rules. */
  private name(b: Buffer, row: PlainRow, i: number): void {
    const t = this.table;
    if (i < 0) {
      t.nameText('');
      return;
    }
    const s = row.start[i]!;
    const e = row.end[i]!;
    if (e === s) t.nameText('');
    else if (row.escaped[i] === 0 && plainEnd(b[s]!) && plainEnd(b[e - 1]!)) t.nameBytes(b, s, e);
    else t.nameText(fieldString(b, row, i).trim());
  }
}

/** A byte trim never removes: printable ASCII. */
function plainEnd(c: number): boolean {
  return c > 32 && c < 128;
}

/** parseId of the cell, reading its digits from the bytes when it is nothing else. */
function readId(b: Buffer, row: PlainRow, i: number): number {
  const s = row.start[i]!;
  const e = row.end[i]!;
  if (e > s && e - s <= 15 && row.escaped[i] === 0) {
    let id = 0;
    let k = s;
    for (; k < e; k++) {
      const c = b[k]! - 48;
      if (c < 0 || c > 9) break;
      id = id * 10 + c;
    }
    if (k === e) return id;
  }
  return parseId(fieldString(b, row, i));
}

function grownBuffer(b: Buffer, min: number): Buffer {
  let n = b.length * 2;
  while (n < min) n *= 2;
  const c = Buffer.allocUnsafe(n);
  b.copy(c);
  return c;
}
