/**
 * The indexes built once over the contacts: exact email keys, mailboxes (aliases),
 * and the fuzzy blocking indexes for email typos and names. The per-user look-ups never
 * scan the contacts.
 *
 * Two parts, built apart: the exact part here (buildExactIndex), and the fuzzy part by a
 * FuzzyIndexBuilder fed by a ContactFeed, either here (buildContactIndex: after a quick pass
 * that bounds the four indexes' sizes, so that their typed arrays come from one pool
 * allocated once, see TypedPool) or in a worker while the contacts load (src/parallel);
 * assembleContactIndex puts them together. Memory, for a
 * million contacts: positions and ids live in typed arrays; folded names are kept only in
 * the name indexes (compared there, no string per contact); `byId` is a binary search over
 * the ids when the export is sorted by id (it usually is) and a Map only otherwise; and when
 * the caller says what it will look up (`lookups`), the exact and mailbox maps keep only
 * those keys, not every address.
 */
import { isUsable, type ContactList } from '../domain/contactList.js';
import type { Contact } from '../domain/types.js';
import { own } from '../load/fields.js';
import { Utf8Arena, type Utf8ArenaState } from '../runtime/utf8Arena.js';
import { emailKey, mailboxOf } from './email.js';
import { emailKeyInto, mailboxInto } from './emailBytes.js';
import type { FuzzyIndex } from './fuzzyIndex.js';
import { FuzzyIndexBuilder, type FuzzyIndexes, type FuzzySink } from './fuzzyIndexes.js';
import { hasName, nameKey, sameName, type NameKey } from './names.js';
import { NAME_PART_MIN, NAME_TYPO_MIN, type NameRelation } from './predicates.js';
import { KeyTable } from './keyTable.js';
import { StringFilter } from './stringFilter.js';

export { EMAIL_TAU, MIN_FUZZY_LENGTH, MIN_NAME_LENGTH, NAME_TAU } from './fuzzyIndexes.js';

/** An email row points at a contact (by position) and says whether it is primary: pos*2 + primary. */
export type EncodedRef = number;
export const refContact = (r: EncodedRef): number => r >>> 1;
export const refPrimary = (r: EncodedRef): boolean => (r & 1) === 1;

/** contact id → position in `contacts`. */
export interface PositionById {
  get(id: number): number | undefined;
  has(id: number): boolean;
}

/** What the typo and name look-ups need (fuzzy.ts): a worker holding the fuzzy indexes has it too. */
export interface FuzzyLookupIndex {
  /** Email rows of usable contacts (not trashed, Individual), for fuzzy look-ups: the contact's position, and the key. */
  readonly emailRowContact: Int32Array;
  emailRowKey(row: number): string;
  /** group = domain, value = local part. */
  readonly localsByDomain: FuzzyIndex;
  /** group = local part, value = domain. */
  readonly domainsByLocal: FuzzyIndex;
  /** group = folded first name, value = folded last name (ids are contact positions). */
  readonly lastsByFirst: FuzzyIndex;
  /** group = folded last name, value = folded first name. */
  readonly firstsByLast: FuzzyIndex;
  /**
   * nameRelation(first, last, contact's folded first, contact's folded last) for the contact
   * at `pos`, read from the name indexes (no string per contact is kept).
   */
  nameRelationAt(pos: number, first: string, last: string): NameRelation | null;
  /** namesDiffer(first, last, the contact's folded first and last) for the contact at `pos`, read the same way. */
  nameDiffersAt(pos: number, first: string, last: string): boolean;
  /** A reusable "seen" set over email rows and one over contact positions, for de-duplicating hits. */
  readonly rowMarks: Marks;
  readonly posMarks: Marks;
}

export interface ContactIndex extends FuzzyLookupIndex, Pick<ExactIndex, 'exactForUser'> {
  readonly contacts: ContactList;
  readonly byId: PositionById;
  /** Contact id by position (a typed array: ranking hits by id touches no contact object). */
  readonly ids: Float64Array;
  /** email key → refs, primary first then lowest contact id (CiviCRM's order); with lookups, only keys that may be looked up. */
  readonly exact: ReadonlyMap<string, EncodedRef | EncodedRef[]>;
  /** mailbox → refs, only for keys whose mailbox differs from the key itself. */
  readonly mailbox: ReadonlyMap<string, EncodedRef | EncodedRef[]>;
  /** sameName(name, the folded name of the contact at `pos`), for a usable contact. */
  sameNameAt(pos: number, name: NameKey): boolean;
  /**
   * The folded name of any contact (nameKey), read from the table once per contact: a
   * placeholder email's thousands of trashed carriers are compared with every user sharing it.
   */
  foldedNameAt(pos: number): NameKey;
}

/** A set of small integers, emptied in O(1) by begin(). */
export class Marks {
  private readonly stampOf: Uint32Array;
  private stamp = 0;
  constructor(size: number) {
    this.stampOf = new Uint32Array(size);
  }
  begin(): void {
    if (++this.stamp === 0xffffffff) {
      this.stampOf.fill(0);
      this.stamp = 1;
    }
  }
  /** Whether `i` is marked since begin(). */
  has(i: number): boolean {
    return this.stampOf[i] === this.stamp;
  }
  /** True the first time `i` is marked since begin(). */
  mark(i: number): boolean {
    if (this.stampOf[i] === this.stamp) return false;
    this.stampOf[i] = this.stamp;
    return true;
  }
}

export { isUsable };

export function refsOf(v: EncodedRef | EncodedRef[] | undefined): readonly EncodedRef[] {
  return v === undefined ? [] : typeof v === 'number' ? [v] : v;
}

/** contact id → position: a binary search when the ids ascend (exports usually do), else a Map. */
export function positionById(ids: Float64Array): PositionById {
  const n = ids.length;
  let sorted = true;
  for (let i = 1; i < n; i++) {
    if (ids[i]! <= ids[i - 1]!) {
      sorted = false;
      break;
    }
  }
  if (!sorted) {
    const map = new Map<number, number>();
    for (let i = 0; i < n; i++) map.set(ids[i]!, i); // the last of a repeated id, as Map.set did
    return map;
  }
  const find = (id: number): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid]!;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  return {
    get: (id) => {
      const p = find(id);
      return p === -1 ? undefined : p;
    },
    has: (id) => find(id) !== -1,
  };
}

/**
 * What will be looked up: lets the index leave out what no look-up can reach (results do
 * not change).
 */
export interface IndexLookups {
  /** Every key passed to `exact.get` or `mailbox.get` (the users' keys and their mailboxes), in a table contacts' addresses are found in from their bytes. */
  readonly keyTable: KeyTable;
  /** Per user (the order the keys were given in): its key's number in keyTable, -1 without one. */
  readonly userKeyNumbers: Int32Array;
  /** Every local part typoHits will search domain typos for (the users' local parts), as a Bloom filter: a false positive only keeps an entry nobody looks up. */
  readonly locals: StringFilter;
}

/** The look-ups buildPlan makes for these users' email keys. */
export function lookupsFor(userKeys: readonly string[]): IndexLookups {
  const keys: string[] = [];
  const locals = new StringFilter(userKeys.length);
  const at = new Int32Array(userKeys.length).fill(-1);
  for (let i = 0; i < userKeys.length; i++) {
    const key = userKeys[i]!;
    if (key === '') continue;
    at[i] = keys.length;
    keys.push(key);
    const mb = mailboxOf(key);
    if (mb !== key) keys.push(mb);
    const sign = key.lastIndexOf('@');
    if (sign >= 0) locals.add(key, 0, sign);
  }
  const keyTable = new KeyTable(keys);
  const userKeyNumbers = new Int32Array(userKeys.length);
  for (let i = 0; i < userKeys.length; i++) userKeyNumbers[i] = at[i] === -1 ? -1 : keyTable.numberOf[at[i]!]!;
  return { keyTable, userKeyNumbers, locals };
}

/**
 * A contact kept as UTF-8 fields (load/contactTable.ts), as the index reads it while the
 * contacts load: no contact object and no string per address.
 */
export interface StoredContacts {
  usableAt(pos: number): boolean;
  /** Fields firstField(pos) + 0…3: display, first, middle, last name; then its emails, up to firstField(pos + 1). */
  firstField(pos: number): number;
  textBytes(): Uint8Array;
  fieldStart(f: number): number;
  fieldEnd(f: number): number;
  primaryField(f: number): boolean;
  fieldText(f: number): string;
}

const NAME_FIELDS = 4;

type Latin1Buffer = Buffer & { latin1Slice(from: number, to: number): string };

/**
 * Reads a stored email field's key: into `bytes` (ASCII, the usual case), or as `text` when
 * the address has other characters (emailKey on the decoded string).
 */
class StoredKey {
  bytes = Buffer.allocUnsafe(256) as Latin1Buffer;
  /** The key's mailbox, when mailboxInto writes one (as long as `bytes`). */
  mailbox = Buffer.allocUnsafe(256) as Latin1Buffer;
  text = '';

  /** The key's length in `bytes`; -1 when it is in `text` instead (which may be ''). */
  read(stored: StoredContacts, f: number): number {
    const from = stored.fieldStart(f);
    const to = stored.fieldEnd(f);
    if (to - from > this.bytes.length) {
      this.bytes = Buffer.allocUnsafe(2 * (to - from)) as Latin1Buffer;
      this.mailbox = Buffer.allocUnsafe(2 * (to - from)) as Latin1Buffer;
    }
    const n = emailKeyInto(stored.textBytes(), from, to, this.bytes);
    if (n < 0) this.text = emailKey(stored.fieldText(f));
    return n;
  }

  string(n: number): string {
    return this.bytes.latin1Slice(0, n);
  }
}

/** Email rows of usable contacts: row → contact position and key (the fuzzy email indexes' ids). */
export interface EmailRows {
  readonly count: number;
  readonly contact: Int32Array;
  key(row: number): string;
}

/** EmailRows as typed arrays (ContactFeed.rowsState). */
export interface EmailRowsState {
  readonly contact: Int32Array;
  readonly keys: Utf8ArenaState;
}

export function emailRows(state: EmailRowsState): EmailRows {
  const keys = Utf8Arena.fromState(state.keys);
  return { count: keys.count, contact: state.contact, key: (row) => keys.get(row) };
}

/**
 * Numbers the email rows of the usable contacts as they come (the contacts in order, then
 * any address the --emails file adds) and passes each row, and each usable contact's names,
 * to a FuzzySink: the fuzzy indexes are built from exactly this feed, in this thread or not.
 */
export class ContactFeed {
  private rowContact = new Int32Array(1024);
  /** The rows' keys, as UTF-8 in one buffer: a string each would be a million more objects to keep. */
  private readonly rowKey = new Utf8Arena();
  private readonly key = new StoredKey();
  constructor(private readonly sink: FuzzySink) {}

  /** The contact at position `pos`, as loaded (its own email columns). */
  contact(pos: number, c: Contact): void {
    if (!isUsable(c)) return;
    const emails = c.emails;
    for (let j = 0; j < emails.length; j++) {
      const key = emails[j]!.key;
      if (key !== '') this.row(pos, key);
    }
    this.sink.name(pos, c.firstName, c.lastName, c.displayName);
  }

  /** The stored contact at `pos`: the same rows and names as contact(pos, its Contact). */
  stored(contacts: StoredContacts, pos: number): void {
    if (!contacts.usableAt(pos)) return;
    const first = contacts.firstField(pos);
    const end = contacts.firstField(pos + 1);
    const k = this.key;
    for (let f = first + NAME_FIELDS; f < end; f++) {
      const n = k.read(contacts, f);
      if (n > 0) this.rowBytes(pos, k.bytes, n);
      else if (n < 0 && k.text !== '') this.row(pos, k.text);
    }
    this.sink.name(pos, contacts.fieldText(first + 1), contacts.fieldText(first + 3), contacts.fieldText(first));
  }

  /** An address appended to the contact at `pos` after it was fed (the --emails file). */
  addedEmail(pos: number, c: Contact, key: string): void {
    if (isUsable(c)) this.addedKey(pos, key);
  }

  /** addedEmail for a contact the caller knows is usable. */
  addedKey(pos: number, key: string): void {
    if (key !== '') this.row(pos, key);
  }

  rows(): EmailRows {
    return emailRows(this.rowsState());
  }

  /** The rows as typed arrays, to hand to another thread (emailRows() there). */
  rowsState(): EmailRowsState {
    const keys = this.rowKey.state();
    return { contact: this.rowContact.subarray(0, keys.count), keys };
  }

  private row(pos: number, key: string): void {
    const r = this.nextRow(pos);
    this.rowKey.add(key);
    this.sink.email(r, key, 0, key.length);
  }

  /** A row whose key is the ASCII bytes k[0, n). */
  private rowBytes(pos: number, k: Latin1Buffer, n: number): void {
    const r = this.nextRow(pos);
    this.rowKey.addBytes(k, 0, n);
    this.sink.email(r, k.latin1Slice(0, n), 0, n);
  }

  private nextRow(pos: number): number {
    const r = this.rowKey.count;
    if (r === this.rowContact.length) {
      const bigger = new Int32Array(r * 2);
      bigger.set(this.rowContact);
      this.rowContact = bigger;
    }
    this.rowContact[r] = pos;
    return r;
  }
}

/** The exact-email part of the index: what stays in this thread whoever builds the fuzzy part. */
export interface ExactIndex {
  readonly byId: PositionById;
  readonly ids: Float64Array;
  readonly exact: ReadonlyMap<string, EncodedRef | EncodedRef[]>;
  readonly mailbox: ReadonlyMap<string, EncodedRef | EncodedRef[]>;
  /** With look-ups: exact.get(key), `key` being the key of the user at this position (found by number; any other key is looked up). */
  readonly exactForUser?: (user: number, key: string) => EncodedRef | EncodedRef[] | undefined;
}

/**
 * A key's refs (one, or several) kept by key number in ExactIndexBuilder's arrays, read as a
 * map by the key's string: a get finds the number in the KeyTable from the string's bytes. The
 * builder puts nothing into Maps (at 200k users, filling them took about 0.2 s); iterating
 * (tests) builds one, in key order.
 */
class TableRefs implements ReadonlyMap<string, EncodedRef | EncodedRef[]> {
  private whole: Map<string, EncodedRef | EncodedRef[]> | null = null;

  constructor(
    private readonly table: KeyTable,
    private readonly first: Int32Array,
    private readonly many: ReadonlyMap<number, EncodedRef[]>,
    private readonly which: typeof EXACT | typeof MAILBOX,
  ) {}

  /** The refs of key number k, or undefined. */
  at(k: number): EncodedRef | EncodedRef[] | undefined {
    const e = 2 * k + this.which;
    const one = this.first[e]!;
    return one === -1 ? undefined : this.many.get(e) ?? one;
  }

  get(key: string): EncodedRef | EncodedRef[] | undefined {
    const k = this.table.findString(key);
    return k < 0 ? undefined : this.at(k);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  get size(): number {
    return this.all().size;
  }

  forEach(f: (value: EncodedRef | EncodedRef[], key: string, map: ReadonlyMap<string, EncodedRef | EncodedRef[]>) => void): void {
    this.all().forEach((v, k) => f(v, k, this));
  }

  entries(): MapIterator<[string, EncodedRef | EncodedRef[]]> {
    return this.all().entries();
  }

  keys(): MapIterator<string> {
    return this.all().keys();
  }

  values(): MapIterator<EncodedRef | EncodedRef[]> {
    return this.all().values();
  }

  [Symbol.iterator](): MapIterator<[string, EncodedRef | EncodedRef[]]> {
    return this.all()[Symbol.iterator]();
  }

  private all(): Map<string, EncodedRef | EncodedRef[]> {
    if (this.whole) return this.whole;
    const m = new Map<string, EncodedRef | EncodedRef[]>();
    for (let k = 0; k < this.table.size; k++) {
      const v = this.at(k);
      if (v !== undefined) m.set(this.table.strings[k]!, v);
    }
    this.whole = m;
    return m;
  }
}

/** Which of a key's two entries (ExactIndexBuilder with look-ups). */
const EXACT = 0;
const MAILBOX = 1;

/**
 * Builds the exact part contact by contact, as they load: a contact's strings are not kept
 * (only keys, copied), so no contact needs building again after. The --emails file may add
 * addresses (add) and make one primary: finish() reads the final primary flags of the
 * contacts it changed.
 *
 * With look-ups, only the keys that will be looked up get entries: a contact's address is
 * found in the look-ups' KeyTable from its bytes (no string, no Map, while a million contacts
 * go by), its refs kept by key number in typed arrays; finish() puts them into the maps under
 * the users' own strings, in the users' order. Measured at 1M contacts / 200k users against
 * the Maps seeded with every key that this replaced: see docs/performance.md.
 */
export class ExactIndexBuilder {
  private readonly exact = new Map<string, EncodedRef | EncodedRef[]>();
  private readonly mailbox = new Map<string, EncodedRef | EncodedRef[]>();
  /** With look-ups: the keys that can be reached; entries are kept by key number until finish(). */
  private readonly table: KeyTable | null;
  /** Key number k's exact entry at 2k, its mailbox entry at 2k + 1: its one ref, or -1. */
  private readonly first: Int32Array;
  /** The entries with several refs: all of them, in the order they came. */
  private readonly many = new Map<number, EncodedRef[]>();
  private readonly key = new StoredKey();

  private readonly userKeyNumbers: Int32Array | null;

  /** @param lookups when given, everything that will be looked up: keys that no look-up can reach are left out (results are the same) */
  constructor(lookups?: IndexLookups) {
    this.table = lookups?.keyTable ?? null;
    this.userKeyNumbers = lookups?.userKeyNumbers ?? null;
    this.first = new Int32Array(this.table ? 2 * this.table.size : 0).fill(-1);
  }

  /** The contact at `pos`, as loaded. */
  contact(pos: number, c: Contact): void {
    const emails = c.emails;
    for (let j = 0; j < emails.length; j++) {
      const e = emails[j]!;
      this.add(pos, e.key, e.primary);
    }
  }

  /** The stored contact at `pos`: the same entries as contact(pos, its Contact). */
  stored(contacts: StoredContacts, pos: number): void {
    const end = contacts.firstField(pos + 1);
    const k = this.key;
    const table = this.table;
    for (let f = contacts.firstField(pos) + NAME_FIELDS; f < end; f++) {
      const n = k.read(contacts, f);
      const primary = contacts.primaryField(f);
      if (n < 0) {
        this.add(pos, k.text, primary);
        continue;
      }
      if (n === 0) continue;
      const ref = pos * 2 + (primary ? 1 : 0);
      if (table) {
        const kn = table.find(k.bytes, 0, n);
        if (kn !== -1) this.record(2 * kn, ref);
      } else this.place(this.exact, k.string(n), ref);
      const m = mailboxInto(k.bytes, n, k.mailbox);
      if (m < 0) continue;
      if (table) {
        const kn = table.find(k.mailbox, 0, m);
        if (kn !== -1) this.record(2 * kn + MAILBOX, ref);
      } else this.place(this.mailbox, k.mailbox.latin1Slice(0, m), ref);
    }
  }

  /** One address of the contact at `pos`. */
  add(pos: number, key: string, primary: boolean): void {
    if (key === '') return;
    const ref = pos * 2 + (primary ? 1 : 0);
    this.put(EXACT, key, ref);
    const mb = mailboxOf(key);
    if (mb !== key) this.put(MAILBOX, mb, ref);
  }

  private put(which: typeof EXACT | typeof MAILBOX, key: string, ref: EncodedRef): void {
    if (this.table) {
      const kn = this.table.findString(key);
      if (kn !== -1) this.record(2 * kn + which, ref);
    } else this.place(which === EXACT ? this.exact : this.mailbox, key, ref);
  }

  /** Adds ref to entry `e` (2 × key number + EXACT or MAILBOX). */
  private record(e: number, ref: EncodedRef): void {
    const cur = this.first[e]!;
    if (cur === -1) this.first[e] = ref;
    else {
      const list = this.many.get(e);
      if (list) list.push(ref);
      else this.many.set(e, [cur, ref]);
    }
  }

  /** Without look-ups: every key gets its entry. */
  private place(map: Map<string, EncodedRef | EncodedRef[]>, key: string, ref: EncodedRef): void {
    const cur = map.get(key);
    if (cur === undefined) map.set(own(key), ref); // a loader's string would keep its chunk of the file
    else if (typeof cur === 'number') map.set(key, [cur, ref]);
    else cur.push(ref);
  }

  /**
   * @param changed positions of the contacts whose emails changed after they were given (the
   *   --emails file): their primary flags are read again from `contacts`
   */
  finish(contacts: ContactList, changed: Iterable<number> = []): ExactIndex {
    const table = this.table;
    const n = contacts.length;
    const ids = new Float64Array(n);
    for (let pos = 0; pos < n; pos++) ids[pos] = contacts.idAt(pos);
    const order = (a: EncodedRef, b: EncodedRef) => (b & 1) - (a & 1) || ids[a >>> 1]! - ids[b >>> 1]!;
    if (!table) {
      const { exact, mailbox } = this;
      for (const pos of changed) {
        for (const e of contacts.at(pos).emails) {
          setPrimary(exact, e.key, pos, e.primary);
          const mb = mailboxOf(e.key);
          if (mb !== e.key) setPrimary(mailbox, mb, pos, e.primary);
        }
      }
      for (const v of exact.values()) if (typeof v !== 'number') v.sort(order);
      for (const v of mailbox.values()) if (typeof v !== 'number') v.sort(order);
      return { byId: positionById(ids), ids, exact, mailbox };
    }
    for (const pos of changed) {
      for (const e of contacts.at(pos).emails) {
        this.setPrimaryAt(table.findString(e.key), EXACT, pos, e.primary);
        const mb = mailboxOf(e.key);
        if (mb !== e.key) this.setPrimaryAt(table.findString(mb), MAILBOX, pos, e.primary);
      }
    }
    for (const v of this.many.values()) v.sort(order);
    const exact = new TableRefs(table, this.first, this.many, EXACT);
    const users = this.userKeyNumbers!;
    return {
      byId: positionById(ids),
      ids,
      exact,
      mailbox: new TableRefs(table, this.first, this.many, MAILBOX),
      exactForUser: (user, key) => {
        const k = user < users.length ? users[user]! : -1;
        // the number is the user's key's when the string is (a user list of another order would not be)
        if (k >= 0 && table.strings[k] === key) return exact.at(k);
        return exact.get(key);
      },
    };
  }

  /** Sets the primary bit of the contact at `pos` among the refs of key number k's entry, if it has one. */
  private setPrimaryAt(k: number, which: typeof EXACT | typeof MAILBOX, pos: number, primary: boolean): void {
    if (k < 0) return;
    const e = 2 * k + which;
    const ref = pos * 2 + (primary ? 1 : 0);
    const list = this.many.get(e);
    if (list) {
      for (let i = 0; i < list.length; i++) if (list[i]! >>> 1 === pos) list[i] = ref;
    } else if (this.first[e] !== -1 && this.first[e]! >>> 1 === pos) this.first[e] = ref;
  }
}

/** Sets the primary bit of the contact at `pos` among the refs of `key`, if it has an entry. */
function setPrimary(map: Map<string, EncodedRef | EncodedRef[]>, key: string, pos: number, primary: boolean): void {
  const refs = map.get(key);
  const ref = pos * 2 + (primary ? 1 : 0);
  if (refs === undefined) return;
  if (typeof refs === 'number') {
    if (refs >>> 1 === pos) map.set(key, ref);
    return;
  }
  for (let i = 0; i < refs.length; i++) if (refs[i]! >>> 1 === pos) refs[i] = ref;
}

/**
 * @param lookups when given, everything that will be looked up: keys that no look-up can
 *   reach are left out of `exact` and `mailbox` (results are the same).
 * @param onProgress called now and then with the number of contacts gone through
 */
export function buildExactIndex(contacts: ContactList, lookups?: IndexLookups, onProgress?: (done: number) => void): ExactIndex {
  const builder = new ExactIndexBuilder(lookups);
  const n = contacts.length;
  for (let pos = 0; pos < n; pos++) {
    if (onProgress && (pos & 65535) === 65535) onProgress(pos);
    builder.contact(pos, contacts.at(pos));
  }
  return builder.finish(contacts);
}

/**
 * Builds the whole index in this thread: the fuzzy part first (its buffers sized by a quick
 * first pass), then the exact part.
 * @param lookups when given, everything that will be looked up: keys that no look-up can
 *   reach are left out of `exact`, `mailbox` and `domainsByLocal` (results are the same).
 * @param onProgress called now and then with the number of contacts gone through
 */
export function buildContactIndex(contacts: ContactList, lookups?: IndexLookups, onProgress?: (done: number) => void): ContactIndex {
  const n = contacts.length;
  // sizes, at most: the fuzzy indexes take their buffers from two pools allocated once
  let keys = 0;
  let keyChars = 0;
  let named = 0;
  let nameChars = 0;
  for (let pos = 0; pos < n; pos++) {
    if (!contacts.usableAt(pos)) continue;
    const c = contacts.at(pos);
    const emails = c.emails;
    for (let j = 0; j < emails.length; j++) {
      keys++;
      keyChars += emails[j]!.key.length;
    }
    named++;
    // a folded part comes from these columns and is rarely longer than twice them (ß → ss);
    // a longer one only makes its index grow a buffer
    nameChars += 2 * (c.firstName.length + c.lastName.length + c.displayName.length);
  }
  const builder = new FuzzyIndexBuilder(lookups?.locals ?? null, {
    emails: { values: keys, chars: keyChars },
    names: { values: named, chars: nameChars },
    contacts: n,
  });
  const feed = new ContactFeed(builder);
  for (let pos = 0; pos < n; pos++) {
    if (onProgress && (pos & 131071) === 131071) onProgress(pos >>> 1);
    feed.contact(pos, contacts.at(pos));
  }
  const fuzzy = builder.finish().indexes;
  const exact = buildExactIndex(contacts, lookups, onProgress ? (done) => onProgress((n + done) >>> 1) : undefined);
  return assembleContactIndex(contacts, exact, feed.rows(), fuzzy);
}

/** The index from its parts (built here, or the fuzzy part in a worker). */
export function assembleContactIndex(contacts: ContactList, exactIx: ExactIndex, rows: EmailRows, fuzzy: FuzzyIndexes): ContactIndex {
  const lookup = fuzzyLookupIndex(rows, fuzzy, contacts.length);
  const { lastsByFirst, firstsByLast } = fuzzy;
  const folded = new Map<number, NameKey>();
  const foldedNameAt = (pos: number): NameKey => {
    let k = folded.get(pos);
    if (k === undefined) {
      const c = contacts.at(pos);
      k = nameKey(c.firstName, c.lastName, c.displayName);
      folded.set(pos, k);
    }
    return k;
  };
  return {
    ...lookup,
    contacts,
    byId: exactIx.byId,
    ids: exactIx.ids,
    exact: exactIx.exact,
    ...(exactIx.exactForUser ? { exactForUser: exactIx.exactForUser } : {}),
    mailbox: exactIx.mailbox,
    sameNameAt(pos, name) {
      if (!hasName(name)) return false;
      const fs = firstsByLast.startOf(pos);
      const ls = lastsByFirst.startOf(pos);
      if (fs >= 0 && ls >= 0) return firstsByLast.equalsAt(fs, name.first) && lastsByFirst.equalsAt(ls, name.last);
      // a part too short to be indexed (an initial), or no name: the folded name, kept once read
      return sameName(name, foldedNameAt(pos));
    },
    foldedNameAt,
  };
}

/**
 * The typo and name look-ups' part of the index, over `rows.count` email rows and `contacts`
 * contact positions. A worker that only runs the blocking steps (typoCandidates, nameHits)
 * has no keys: its `contact` is empty and `key` never called.
 */
export function fuzzyLookupIndex(
  rows: { readonly count: number; readonly contact: Int32Array; readonly key: (row: number) => string },
  fuzzy: FuzzyIndexes,
  contacts: number,
): FuzzyLookupIndex {
  const { localsByDomain, domainsByLocal, lastsByFirst, firstsByLast } = fuzzy;
  return {
    emailRowContact: rows.contact,
    emailRowKey: rows.key,
    localsByDomain,
    domainsByLocal,
    lastsByFirst,
    firstsByLast,
    nameRelationAt(pos, first, last) {
      // a contact missing from either index has no folded part of 2+ letters there: null, as nameRelation
      const fs = firstsByLast.startOf(pos);
      const ls = lastsByFirst.startOf(pos);
      if (fs < 0 || ls < 0 || first.length < NAME_PART_MIN || last.length < NAME_PART_MIN) return null;
      const sameFirst = firstsByLast.equalsAt(fs, first);
      const sameLast = lastsByFirst.equalsAt(ls, last);
      if (sameFirst && sameLast) return 'same';
      if (lastsByFirst.equalsAt(ls, first) && firstsByLast.equalsAt(fs, last)) return 'swapped';
      if (sameFirst && last.length >= NAME_TYPO_MIN && lastsByFirst.lengthAt(ls) >= NAME_TYPO_MIN && lastsByFirst.oneEditAt(ls, last)) return 'typo';
      if (sameLast && first.length >= NAME_TYPO_MIN && firstsByLast.lengthAt(fs) >= NAME_TYPO_MIN && firstsByLast.oneEditAt(fs, first)) return 'typo';
      return null;
    },
    nameDiffersAt(pos, first, last) {
      const fs = firstsByLast.startOf(pos);
      const ls = lastsByFirst.startOf(pos);
      if (fs < 0 || ls < 0 || first.length < NAME_PART_MIN || last.length < NAME_PART_MIN) return false;
      if (firstsByLast.equalsAt(fs, first)) return false;
      if (lastsByFirst.equalsAt(ls, first) && firstsByLast.equalsAt(fs, last)) return false; // swapped
      return !(first.length >= NAME_TYPO_MIN && firstsByLast.lengthAt(fs) >= NAME_TYPO_MIN && firstsByLast.oneEditAt(fs, first));
    },
    rowMarks: new Marks(rows.count),
    posMarks: new Marks(contacts),
  };
}
