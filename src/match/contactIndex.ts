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
import type { Contact } from '../domain/types.js';
import { mailboxOf } from './email.js';
import type { FuzzyIndex } from './fuzzyIndex.js';
import { FuzzyIndexBuilder, type FuzzyIndexes, type FuzzySink } from './fuzzyIndexes.js';
import { hasName, nameKey, sameName, type NameKey } from './names.js';
import { NAME_PART_MIN, NAME_TYPO_MIN, type NameRelation } from './predicates.js';
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
  /** A reusable "seen" set over email rows and one over contact positions, for de-duplicating hits. */
  readonly rowMarks: Marks;
  readonly posMarks: Marks;
}

export interface ContactIndex extends FuzzyLookupIndex {
  readonly contacts: readonly Contact[];
  readonly byId: PositionById;
  /** Contact id by position (a typed array: ranking hits by id touches no contact object). */
  readonly ids: Float64Array;
  /** email key → refs, primary first then lowest contact id (CiviCRM's order); with lookups, only keys that may be looked up. */
  readonly exact: ReadonlyMap<string, EncodedRef | EncodedRef[]>;
  /** mailbox → refs, only for keys whose mailbox differs from the key itself. */
  readonly mailbox: ReadonlyMap<string, EncodedRef | EncodedRef[]>;
  /** sameName(name, the folded name of the contact at `pos`), for a usable contact. */
  sameNameAt(pos: number, name: NameKey): boolean;
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
  /** True the first time `i` is marked since begin(). */
  mark(i: number): boolean {
    if (this.stampOf[i] === this.stamp) return false;
    this.stampOf[i] = this.stamp;
    return true;
  }
}

export function isUsable(c: Contact): boolean {
  return !c.deleted && c.type === 'Individual';
}

function pushRef(map: Map<string, EncodedRef | EncodedRef[]>, key: string, ref: EncodedRef): void {
  const cur = map.get(key);
  if (cur === undefined) map.set(key, ref);
  else if (typeof cur === 'number') map.set(key, [cur, ref]);
  else cur.push(ref);
}

export function refsOf(v: EncodedRef | EncodedRef[] | undefined): readonly EncodedRef[] {
  return v === undefined ? [] : typeof v === 'number' ? [v] : v;
}

function positionById(contacts: readonly Contact[], ids: Float64Array): PositionById {
  const n = contacts.length;
  let sorted = true;
  for (let i = 1; i < n; i++) {
    if (ids[i]! <= ids[i - 1]!) {
      sorted = false;
      break;
    }
  }
  if (!sorted) {
    const map = new Map<number, number>();
    for (let i = 0; i < n; i++) map.set(contacts[i]!.id, i); // the last of a repeated id, as Map.set did
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
 * What will be looked up, as Bloom filters: lets the index leave out what no look-up can
 * reach. A false positive only keeps an entry nobody looks up, so results do not change.
 */
export interface IndexLookups {
  /** Every key passed to `exact.get` or `mailbox.get` (the users' keys and their mailboxes). */
  readonly keys: StringFilter;
  /** Every local part typoHits will search domain typos for (the users' local parts). */
  readonly locals: StringFilter;
}

/** The look-ups buildPlan makes for these users' email keys. */
export function lookupsFor(userKeys: readonly string[]): IndexLookups {
  const keys = new StringFilter(userKeys.length * 2);
  const locals = new StringFilter(userKeys.length);
  for (const key of userKeys) {
    if (key === '') continue;
    keys.add(key, 0, key.length);
    const mb = mailboxOf(key);
    if (mb !== key) keys.add(mb, 0, mb.length);
    const at = key.lastIndexOf('@');
    if (at >= 0) locals.add(key, 0, at);
  }
  return { keys, locals };
}

/** Email rows of usable contacts: row → contact position and key (the fuzzy email indexes' ids). */
export interface EmailRows {
  readonly contact: Int32Array;
  readonly key: readonly string[];
}

/**
 * Numbers the email rows of the usable contacts as they come (the contacts in order, then
 * any address the --emails file adds) and passes each row, and each usable contact's names,
 * to a FuzzySink: the fuzzy indexes are built from exactly this feed, in this thread or not.
 */
export class ContactFeed {
  private rowContact = new Int32Array(1024);
  private readonly rowKey: string[] = [];
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

  /** An address appended to the contact at `pos` after it was fed (the --emails file). */
  addedEmail(pos: number, c: Contact, key: string): void {
    if (isUsable(c) && key !== '') this.row(pos, key);
  }

  rows(): EmailRows {
    return { contact: this.rowContact.subarray(0, this.rowKey.length), key: this.rowKey };
  }

  private row(pos: number, key: string): void {
    const r = this.rowKey.length;
    if (r === this.rowContact.length) {
      const bigger = new Int32Array(r * 2);
      bigger.set(this.rowContact);
      this.rowContact = bigger;
    }
    this.rowContact[r] = pos;
    this.rowKey.push(key);
    this.sink.email(r, key, 0, key.length);
  }
}

/** The exact-email part of the index: what stays in this thread whoever builds the fuzzy part. */
export interface ExactIndex {
  readonly byId: PositionById;
  readonly ids: Float64Array;
  readonly exact: ReadonlyMap<string, EncodedRef | EncodedRef[]>;
  readonly mailbox: ReadonlyMap<string, EncodedRef | EncodedRef[]>;
}

/**
 * @param lookups when given, everything that will be looked up: keys that no look-up can
 *   reach are left out of `exact` and `mailbox` (results are the same).
 * @param onProgress called now and then with the number of contacts gone through
 */
export function buildExactIndex(contacts: readonly Contact[], lookups?: IndexLookups, onProgress?: (done: number) => void): ExactIndex {
  const keyFilter = lookups?.keys ?? null;
  const n = contacts.length;
  const exact = new Map<string, EncodedRef | EncodedRef[]>();
  const mailbox = new Map<string, EncodedRef | EncodedRef[]>();
  const ids = new Float64Array(n);
  for (let pos = 0; pos < n; pos++) {
    if (onProgress && (pos & 65535) === 65535) onProgress(pos);
    const c = contacts[pos]!;
    ids[pos] = c.id;
    const emails = c.emails;
    for (let j = 0; j < emails.length; j++) {
      const e = emails[j]!;
      const key = e.key;
      if (key === '') continue;
      const ref = pos * 2 + (e.primary ? 1 : 0);
      // A key the filter lets through by mistake only adds an entry nobody looks up.
      if (!keyFilter || keyFilter.mayHave(key, 0, key.length)) pushRef(exact, key, ref);
      const mb = mailboxOf(key);
      if (mb !== key && (!keyFilter || keyFilter.mayHave(mb, 0, mb.length))) pushRef(mailbox, mb, ref);
    }
  }
  const order = (a: EncodedRef, b: EncodedRef) =>
    (b & 1) - (a & 1) || contacts[a >>> 1]!.id - contacts[b >>> 1]!.id;
  for (const v of exact.values()) if (typeof v !== 'number') v.sort(order);
  for (const v of mailbox.values()) if (typeof v !== 'number') v.sort(order);
  return { byId: positionById(contacts, ids), ids, exact, mailbox };
}

/**
 * Builds the whole index in this thread: the fuzzy part first (its buffers sized by a quick
 * first pass), then the exact part.
 * @param lookups when given, everything that will be looked up: keys that no look-up can
 *   reach are left out of `exact`, `mailbox` and `domainsByLocal` (results are the same).
 * @param onProgress called now and then with the number of contacts gone through
 */
export function buildContactIndex(contacts: readonly Contact[], lookups?: IndexLookups, onProgress?: (done: number) => void): ContactIndex {
  const n = contacts.length;
  // sizes, at most: the fuzzy indexes take their buffers from two pools allocated once
  let keys = 0;
  let keyChars = 0;
  let named = 0;
  let nameChars = 0;
  for (let pos = 0; pos < n; pos++) {
    const c = contacts[pos]!;
    if (!isUsable(c)) continue;
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
    feed.contact(pos, contacts[pos]!);
  }
  const fuzzy = builder.finish().indexes;
  const exact = buildExactIndex(contacts, lookups, onProgress ? (done) => onProgress((n + done) >>> 1) : undefined);
  return assembleContactIndex(contacts, exact, feed.rows(), fuzzy);
}

/** The index from its parts (built here, or the fuzzy part in a worker). */
export function assembleContactIndex(contacts: readonly Contact[], exactIx: ExactIndex, rows: EmailRows, fuzzy: FuzzyIndexes): ContactIndex {
  const keys = rows.key;
  const lookup = fuzzyLookupIndex({ count: keys.length, contact: rows.contact, key: (row) => keys[row]! }, fuzzy, contacts.length);
  const { lastsByFirst, firstsByLast } = fuzzy;
  return {
    ...lookup,
    contacts,
    byId: exactIx.byId,
    ids: exactIx.ids,
    exact: exactIx.exact,
    mailbox: exactIx.mailbox,
    sameNameAt(pos, name) {
      if (!hasName(name)) return false;
      const fs = firstsByLast.startOf(pos);
      const ls = lastsByFirst.startOf(pos);
      if (fs >= 0 && ls >= 0) return firstsByLast.equalsAt(fs, name.first) && lastsByFirst.equalsAt(ls, name.last);
      // a part too short to be indexed (an initial): fold it again
      const c = contacts[pos]!;
      return sameName(name, nameKey(c.firstName, c.lastName, c.displayName));
    },
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
    rowMarks: new Marks(rows.count),
    posMarks: new Marks(contacts),
  };
}
