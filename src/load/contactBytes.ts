/**
 * The contacts export loaded from its bytes (plainCsv.ts) into the ContactTable, without a
 * string per field: names and emails are copied as UTF-8, ids and flags read from the bytes,
 * email keys (for dropping an address repeated on a contact) computed as bytes. A cell that
 * needs Unicode rules (a name starting or ending with a non-ASCII character, which trim may
 * remove; an address with one, which toLowerCase may change; a type or trash flag other than
 * the usual) is decoded and goes through contacts.ts's string rules instead.
 *
 * The file is read by plainFile.ts, once. A file that is not plain gives null, and
 * contacts.ts reads it with papaparse, which also reports what is wrong with it; one that
 * stops being plain part of the way gives where, and contacts.ts reads the rest with papaparse
 * into the same table. Measured at 1M contacts (87 MB): see docs/performance.md.
 */
import type { InputInfo } from '../domain/types.js';
import { emailKeyInto } from '../match/emailBytes.js';
import type { ContactTable } from './contactTable.js';
import type { ContactPlan } from './contacts.js';
import type { CsvProgress } from './csvStream.js';
import { badId, badTrashFlag, emailKey, parseId, severalAddresses, severalAddressesError, trashFlag } from './fields.js';
import { Header } from './headers.js';
import { fieldString, type PlainRow, type PlainRowSink } from './plainCsv.js';
import { readPlainFile, type PlainResume } from './plainFile.js';

/** A row with this many addresses looks its keys up in a set (RowsToTable.seen). */
const WIDE_ROW = 16;

export interface ByteLoadOptions {
  /** contacts.ts's planContacts: the columns read, from the header. */
  readonly plan: (header: Header) => ContactPlan;
  /** contacts.ts's rule for a type cell. */
  /** The type of a cell at a line (contacts.ts's: CiviCRM's three, or the value as it stands, noted). */
  readonly contactType: (cell: string, line: number) => string;
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

/** The file stopped being plain at `from`: the rows before are in the table, read with `plan`. */
export interface ByteLoadResume {
  readonly from: PlainResume;
  readonly plan: ContactPlan;
}

const INDIVIDUAL = Buffer.from('Individual', 'latin1');

/** Loads the file into `table`: all of it, the part before it stops being plain, or nothing (null, `table` untouched) when it is not plain CSV. */
export async function loadContactBytes(path: string, table: ContactTable, o: ByteLoadOptions): Promise<ByteLoadResult | ByteLoadResume | null> {
  const rows = new RowsToTable(path, table, o);
  const progress = o.onProgress;
  const r = await readPlainFile(path, rows, {
    maxRowBytes: o.maxRowBytes,
    ...(o.chunk ? { chunk: o.chunk } : {}),
    ...(progress ? { onProgress: (bytesRead: number, totalBytes: number, n: number) => progress({ bytesRead, totalBytes, rows: n }) } : {}),
  });
  if (r === null) return null;
  if (r.kind === 'resume') return { from: r, plan: rows.plan! };
  return { info: { path, rows: r.rows, sha256: r.sha256 }, headerLine: r.headerLine, idName: rows.idName };
}

/** Rows → the contact table (contacts.ts's rules, read from bytes where they allow). */
class RowsToTable implements PlainRowSink {
  idName: string | null = null;
  /** The columns read, once the header is in. */
  plan: ContactPlan | null = null;
  private sourceIds: number[] = [];
  /** This row's kept email keys, as bytes one after another, and where each ends. */
  private keys: Buffer = Buffer.allocUnsafe(1024);
  private keyEnds = new Int32Array(16);
  /** The row's keys as a set, once it has WIDE_ROW of them (seen). */
  private wide: Set<string> | null = null;

  constructor(
    private readonly path: string,
    private readonly table: ContactTable,
    private readonly o: ByteLoadOptions,
  ) {}

  header(bytes: Buffer, row: PlainRow, fields: number, line: number): void {
    const names: string[] = [];
    for (let i = 0; i < fields; i++) names.push(fieldString(bytes, row, i));
    const cols = this.o.plan(new Header(this.path, names, line));
    this.plan = cols;
    this.idName = cols.idName;
    this.sourceIds = cols.sources.map((s) => this.table.sourceIndex(s));
    if (cols.emails.length > this.keyEnds.length) this.keyEnds = new Int32Array(cols.emails.length);
  }

  row(b: Buffer, row: PlainRow, _fields: number, line: number): void {
    const c = this.plan!;
    const t = this.table;
    const id = readId(b, row, c.id);
    if (id <= 0) throw badId(this.path, line, c.idName, c.id, fieldString(b, row, c.id));
    t.begin(id, line, this.type(b, row, c.type, line), c.trash >= 0 && this.trashed(b, row, c.trash, line));
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
      if (e === s || isSqlNull(b, s, e)) continue;
      if (used + (e - s) > this.keys.length) this.keys = grownBuffer(this.keys, used + (e - s));
      let n = row.escaped[i] === 1 ? -1 : emailKeyInto(b, s, e, this.keys, used);
      let text: string | null = null;
      if (n < 0) {
        text = fieldString(b, row, i);
        const several = severalAddresses(text);
        if (several > 0) throw severalAddressesError(this.path, line, c.sources[k]!, i, several);
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

  /**
   * Whether the key keys[used, used + n) equals one kept before it in this row (a key found
   * new is kept by the caller). Past WIDE_ROW keys, a set of them: a row of 300 email columns
   * compared each address with every one before it.
   */
  private seen(kept: number, used: number, n: number): boolean {
    const k = this.keys;
    if (kept === 0) this.wide = null;
    else if (kept >= WIDE_ROW) {
      let set = this.wide;
      if (set === null) {
        set = new Set();
        for (let j = 0; j < kept; j++) set.add(k.toString('latin1', j === 0 ? 0 : this.keyEnds[j - 1]!, this.keyEnds[j]!));
        this.wide = set;
      }
      const key = k.toString('latin1', used, used + n);
      if (set.has(key)) return true;
      set.add(key);
      return false;
    }
    for (let j = 0; j < kept; j++) {
      const from = j === 0 ? 0 : this.keyEnds[j - 1]!;
      if (this.keyEnds[j]! - from !== n) continue;
      let i = 0;
      while (i < n && k[from + i] === k[used + i]) i++;
      if (i === n) return true;
    }
    return false;
  }

  private type(b: Buffer, row: PlainRow, i: number, line: number): string {
    if (i < 0) return 'Individual';
    const s = row.start[i]!;
    if (isSqlNull(b, s, row.end[i]!)) return 'Individual';
    if (row.end[i]! - s === 10 && row.escaped[i] === 0 && b.compare(INDIVIDUAL, 0, 10, s, s + 10) === 0) return 'Individual';
    return this.o.contactType(fieldString(b, row, i), line);
  }

  private trashed(b: Buffer, row: PlainRow, i: number, line: number): boolean {
    const s = row.start[i]!;
    const len = row.end[i]! - s;
    if (len === 0 || isSqlNull(b, s, s + len)) return false;
    if (len === 1 && b[s] === 48) return false; // '0'
    if (len === 1 && b[s] === 49) return true; // '1'
    const flag = trashFlag(fieldString(b, row, i));
    if (flag === null) throw badTrashFlag(this.path, line, this.plan!.trashName, i);
    return flag;
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
    if (e === s || isSqlNull(b, s, e)) t.nameText('');
    else if (row.escaped[i] === 0 && plainEnd(b[s]!) && plainEnd(b[e - 1]!)) t.nameBytes(b, s, e);
    else t.nameText(fieldString(b, row, i).trim());
  }
}

/** fields.ts's sqlNull on bytes: whether the cell is `\N` or `NULL` (a table dump's NULL). */
function isSqlNull(b: Buffer, s: number, e: number): boolean {
  const n = e - s;
  if (n === 2) return b[s] === 92 && b[s + 1] === 78; // \N
  return n === 4 && b[s] === 78 && b[s + 1] === 85 && b[s + 2] === 76 && b[s + 3] === 76; // NULL
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
