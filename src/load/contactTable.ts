/**
 * The contacts export kept in columns: typed arrays per contact and per field, and every
 * field's text in one UTF-8 arena (runtime/utf8Arena.ts). A million contacts cost a few arrays instead of about
 * eight million small objects and strings, which the garbage collector would copy and walk
 * for the rest of the run (measured at 1M: loading 2.5-3.0 s and a 535 MB heap as objects,
 * 1.8-1.9 s and a 13-29 MB heap plus the arena in columns; the whole run's peak RSS about
 * 190 MB lower, its wall time unchanged).
 *
 * `at(pos)` builds the contact as a plain object when asked (the candidates of a user, the
 * TUI's detail pane); the last few built are kept in a small direct-mapped cache, since the
 * plan asks for the same contact several times in a row.
 *
 * Fields per contact: display, first, middle and last name, then its emails in order (the
 * primary first when it has one). The --emails file may change a contact's emails after
 * loading (setEmails): those contacts' emails are kept as objects beside the columns.
 */
import { mainEmail, primaryKeyIs, type ContactList, type ContactRef } from '../domain/contactList.js';
import type { Contact, ContactEmail } from '../domain/types.js';
import { emailKey } from '../match/email.js';
import { emailKeyInto } from '../match/emailBytes.js';
import { Utf8Arena, type Utf8ArenaState } from '../runtime/utf8Arena.js';

const NAME_FIELDS = 4;
/** Fields per contact room is made for: its four names and two emails. */
const FIELDS_PER_ROW = NAME_FIELDS + 2;
const DELETED = 1;
/** Type codes, in bits 1-2 of a contact's flags; OTHER keeps the exported text aside. */
const TYPES = ['Individual', 'Organization', 'Household'] as const;
const OTHER = 3;
const CACHE_BITS = 10;
/** An email list longer than this is looked up by key through a map (keyedEmails). */
const KEYED_FROM = 16;

type Column = Float64Array | Int32Array | Uint8Array;

/** A copy of `a` with room for `min` elements or more; in a SharedArrayBuffer when `a` is in one. */
function grown<T extends Column>(a: T, min: number): T {
  let n = Math.max(16, a.length * 2);
  while (n < min) n *= 2;
  const C = a.constructor as { new (n: number): T; new (b: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number };
  const b = a.buffer instanceof SharedArrayBuffer ? new C(new SharedArrayBuffer(n * C.BYTES_PER_ELEMENT)) : new C(n);
  b.set(a);
  return b;
}

function column<T extends Column>(C: { new (n: number): T; new (b: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number }, n: number, shared: boolean): T {
  return shared ? new C(new SharedArrayBuffer(n * C.BYTES_PER_ELEMENT)) : new C(n);
}

/**
 * What another thread needs to read the stored contacts' names and emails (StoredTable, in
 * sharedTable.ts): views of the table's columns, in SharedArrayBuffers when the table is shared.
 * Valid for the contacts stored when it was taken (the table only appends; growing a column
 * copies it to a new buffer, so a view taken before still holds what it held).
 */
export interface StoredTableView {
  /** Per contact: 0 when usable (not trashed, an Individual). */
  readonly flags: Uint8Array;
  /** Per contact: its first field; [pos + 1]: the end of its fields. */
  readonly fieldFrom: Int32Array;
  /** The fields' text (utf8Arena.ts). */
  readonly text: Utf8ArenaState;
}


export class ContactTable implements ContactList {
  length = 0;
  private ids: Float64Array;
  private lines: Int32Array;
  private flags: Uint8Array;
  /** Per contact: its first field; [length] is the end of the last contact's fields. */
  private fieldFrom: Int32Array;
  /** Per field (numbered as in the arena), for email fields: source index * 2 + primary. */
  private fieldMeta: Int32Array;
  private readonly text: Utf8Arena;
  private readonly sources: string[] = [];
  private readonly otherTypes = new Map<number, string>();
  private readonly emailsSet = new Map<number, readonly ContactEmail[]>();
  /** keyedEmails: by position, for lists longer than KEYED_FROM. */
  private readonly keyed = new Map<number, Map<string, string>>();
  private readonly cachePos = new Int32Array(1 << CACHE_BITS).fill(-1);
  private readonly cached: (Contact | undefined)[] = new Array(1 << CACHE_BITS);
  private keyBytes = new Uint8Array(256);

  /**
   * @param bytes room for this much text at first (the file's size bounds it; untouched room costs no memory)
   * @param shared keep what sharedView() gives in SharedArrayBuffers, for a worker to read as the contacts load
   * @param rows room for this many contacts at first (as for `bytes`, untouched room costs
   *   no memory, while growing copies every column, and a shared one is zeroed first)
   */
  constructor(bytes = 1 << 16, shared = false, rows = 1024) {
    const fields = FIELDS_PER_ROW * rows;
    this.text = new Utf8Arena(bytes, shared, fields);
    this.ids = new Float64Array(rows);
    this.lines = new Int32Array(rows);
    this.fieldMeta = new Int32Array(fields);
    this.flags = column(Uint8Array, rows, shared);
    this.fieldFrom = column(Int32Array, rows + 1, shared);
  }

  /** The columns another thread reads the stored contacts from (see StoredTableView). */
  sharedView(): StoredTableView {
    return { flags: this.flags, fieldFrom: this.fieldFrom, text: this.text.state() };
  }

  /** Appends a contact (its strings are copied: the object can be thrown away). */
  append(c: Contact): void {
    this.begin(c.id, c.line, c.type, c.deleted);
    const text = this.text;
    text.add(c.displayName);
    text.add(c.firstName);
    text.add(c.middleName);
    text.add(c.lastName);
    const emails = c.emails;
    for (let j = 0; j < emails.length; j++) {
      const e = emails[j]!;
      this.emailMeta(this.sourceIndex(e.source), e.primary);
      text.add(e.email);
    }
    this.end();
  }

  /**
   * Starts appending a contact field by field (the loader's byte path): then its display,
   * first, middle and last name (nameText / nameBytes, in that order), its emails
   * (emailMeta, then emailText / emailBytes, each), and end().
   */
  begin(id: number, line: number, type: string, deleted: boolean): void {
    const pos = this.length;
    if (pos === this.ids.length) {
      this.ids = grown(this.ids, pos + 1);
      this.lines = grown(this.lines, pos + 1);
      this.flags = grown(this.flags, pos + 1);
    }
    if (pos + 1 >= this.fieldFrom.length) this.fieldFrom = grown(this.fieldFrom, pos + 2);
    this.ids[pos] = id;
    this.lines[pos] = line;
    const t = type === 'Individual' ? 0 : TYPES.indexOf(type as (typeof TYPES)[number]);
    if (t < 0) this.otherTypes.set(pos, type);
    this.flags[pos] = (deleted ? DELETED : 0) | ((t < 0 ? OTHER : t) << 1);
  }

  /** A name (already trimmed), as a string. */
  nameText(s: string): void {
    this.text.add(s);
  }

  /** A name (already trimmed), as UTF-8 bytes b[from, to). */
  nameBytes(b: Uint8Array, from: number, to: number): void {
    this.text.addBytes(b, from, to);
  }

  /** Says where the email that follows (emailText / emailBytes) came from. */
  emailMeta(source: number, primary: boolean): void {
    const f = this.text.count;
    if (f >= this.fieldMeta.length) this.fieldMeta = grown(this.fieldMeta, f + 1);
    this.fieldMeta[f] = source * 2 + (primary ? 1 : 0);
  }

  emailText(s: string): void {
    this.text.add(s);
  }

  emailBytes(b: Uint8Array, from: number, to: number): void {
    this.text.addBytes(b, from, to);
  }

  end(): void {
    const pos = this.length;
    this.length = pos + 1;
    this.fieldFrom[pos + 1] = this.text.count;
  }

  /** The number of an email source (a column name such as `Email`), for emailMeta. */
  sourceIndex(source: string): number {
    const i = this.sources.indexOf(source);
    return i < 0 ? this.sources.push(source) - 1 : i;
  }

  /**
   * The contact's fields as bytes, for indexing without building it: fields are numbered;
   * the contact at `pos` has its display, first, middle and last name in fields
   * firstField(pos) + 0…3, and its emails as loaded in firstField(pos) + 4 … firstField(pos + 1)
   * (not the --emails file's changes). Field f's UTF-8 bytes are textBytes()[fieldStart(f),
   * fieldEnd(f)).
   */
  firstField(pos: number): number {
    return this.fieldFrom[pos]!;
  }

  textBytes(): Uint8Array {
    return this.text.buffer;
  }

  fieldStart(f: number): number {
    return this.text.startOf(f);
  }

  fieldEnd(f: number): number {
    return this.text.endOf(f);
  }

  /** Whether email field f is the contact's primary address. */
  primaryField(f: number): boolean {
    return (this.fieldMeta[f]! & 1) === 1;
  }

  /** Field f as a string. */
  fieldText(f: number): string {
    return this.text.get(f);
  }

  at(pos: number): Contact {
    const slot = pos & ((1 << CACHE_BITS) - 1);
    if (this.cachePos[slot] === pos) return this.cached[slot]!;
    const c = this.build(pos);
    this.cachePos[slot] = pos;
    this.cached[slot] = c;
    return c;
  }

  idAt(pos: number): number {
    return this.ids[pos]!;
  }

  usableAt(pos: number): boolean {
    return this.flags[pos] === 0; // not deleted, type Individual
  }

  deletedAt(pos: number): boolean {
    return (this.flags[pos]! & DELETED) !== 0;
  }

  lineAt(pos: number): number {
    return this.lines[pos]!;
  }

  /** The ids by position (a view: valid until the next append). */
  idColumn(): Float64Array {
    return this.ids.subarray(0, this.length);
  }

  /** The emails of the contact at `pos`. */
  emailsAt(pos: number): readonly ContactEmail[] {
    return this.emailsSet.get(pos) ?? this.columnEmails(pos);
  }

  /** The address of the contact at `pos` whose key is `key`, as exported (only that one decoded). */
  emailWithKey(pos: number, key: string): string | undefined {
    const set = this.emailsSet.get(pos);
    if (set) return set.length > KEYED_FROM ? this.keyedEmails(pos, set).get(key) : set.find((e) => e.key === key)?.email;
    const from = this.fieldFrom[pos]! + NAME_FIELDS;
    const to = this.fieldFrom[pos + 1]!;
    for (let f = from; f < to; f++) if (this.fieldHasKey(f, key)) return this.text.get(f);
    return undefined;
  }

  refAt(pos: number): ContactRef {
    const slot = pos & ((1 << CACHE_BITS) - 1);
    if (this.cachePos[slot] === pos) return this.cached[slot]!;
    return { id: this.ids[pos]!, displayName: this.fieldText(this.fieldFrom[pos]!) };
  }

  personNameAt(pos: number): string {
    const f = this.fieldFrom[pos]!;
    return this.fieldText(f) || `${this.fieldText(f + 1)} ${this.fieldText(f + 3)}`.trim();
  }

  mainEmailAt(pos: number): { readonly email: string; readonly primary: boolean } {
    const set = this.emailsSet.get(pos);
    if (set) return mainEmail(set);
    const from = this.fieldFrom[pos]! + NAME_FIELDS;
    const to = this.fieldFrom[pos + 1]!;
    for (let f = from; f < to; f++) if ((this.fieldMeta[f]! & 1) === 1) return { email: this.text.get(f), primary: true };
    return { email: from < to ? this.text.get(from) : '', primary: false };
  }

  primaryKeyIs(pos: number, key: string): boolean {
    const set = this.emailsSet.get(pos);
    if (set) return primaryKeyIs(set, key);
    const from = this.fieldFrom[pos]! + NAME_FIELDS;
    const to = this.fieldFrom[pos + 1]!;
    for (let f = from; f < to; f++) if ((this.fieldMeta[f]! & 1) === 1 && this.fieldHasKey(f, key)) return true;
    return false;
  }

  /** Whether email field f's key is `key` (read from its bytes when ASCII). */
  private fieldHasKey(f: number, key: string): boolean {
    const s = this.text.startOf(f);
    const e = this.text.endOf(f);
    if (this.keyBytes.length < e - s) this.keyBytes = Buffer.allocUnsafe(2 * (e - s));
    const n = emailKeyInto(this.text.buffer, s, e, this.keyBytes);
    if (n < 0) return emailKey(this.text.get(f)) === key;
    if (n !== key.length) return false; // ASCII: a byte per character
    const k = this.keyBytes;
    let i = 0;
    while (i < n && k[i] === key.charCodeAt(i)) i++;
    return i === n;
  }

  /**
   * A long email list's addresses by key, made on first use: a contact with thousands of
   * addresses (the --emails file's) is asked for one of them by each user who has it.
   */
  private keyedEmails(pos: number, set: readonly ContactEmail[]): Map<string, string> {
    let m = this.keyed.get(pos);
    if (m === undefined) {
      m = new Map();
      for (const e of set) if (!m.has(e.key)) m.set(e.key, e.email); // the first, as find() gives
      this.keyed.set(pos, m);
    }
    return m;
  }

  /** Replaces the emails of the contact at `pos` (the --emails file). */
  setEmails(pos: number, emails: readonly ContactEmail[]): void {
    this.emailsSet.set(pos, emails);
    this.keyed.delete(pos);
    const slot = pos & ((1 << CACHE_BITS) - 1);
    if (this.cachePos[slot] === pos) this.cachePos[slot] = -1;
  }

  *[Symbol.iterator](): Iterator<Contact> {
    for (let pos = 0; pos < this.length; pos++) yield this.build(pos);
  }

  private build(pos: number): Contact {
    const f = this.fieldFrom[pos]!;
    const flags = this.flags[pos]!;
    const t = flags >>> 1;
    return {
      id: this.ids[pos]!,
      type: t === OTHER ? this.otherTypes.get(pos)! : TYPES[t]!,
      displayName: this.fieldText(f),
      firstName: this.fieldText(f + 1),
      middleName: this.fieldText(f + 2),
      lastName: this.fieldText(f + 3),
      deleted: (flags & DELETED) !== 0,
      emails: this.emailsAt(pos) as ContactEmail[],
      line: this.lines[pos]!,
    };
  }

  private columnEmails(pos: number): ContactEmail[] {
    const from = this.fieldFrom[pos]! + NAME_FIELDS;
    const to = this.fieldFrom[pos + 1]!;
    const emails: ContactEmail[] = new Array(to - from);
    for (let f = from; f < to; f++) {
      const meta = this.fieldMeta[f]!;
      const email = this.fieldText(f);
      emails[f - from] = { email, key: emailKey(email), primary: (meta & 1) === 1, source: this.sources[meta >>> 1]! };
    }
    return emails;
  }

}
