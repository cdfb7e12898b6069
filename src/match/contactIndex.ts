/**
 * The indexes built once over the contacts: exact email keys, mailboxes (aliases),
 * and the fuzzy blocking indexes for email typos and names. Built in one pass; the
 * per-user look-ups never scan the contacts.
 */
import type { Contact } from '../domain/types.js';
import { mailboxOf, splitKey } from './email.js';
import { FuzzyIndex, groupHash } from './fuzzyIndex.js';
import { nameKey } from './names.js';

/** Shortest local part or domain (and first or last name) that fuzzy matching considers. */
export const MIN_FUZZY_LENGTH = 4;
export const MIN_NAME_LENGTH = 2;
export const EMAIL_TAU = 2;
export const NAME_TAU = 1;

/** An email row points at a contact (by position) and says whether it is primary: pos*2 + primary. */
export type EncodedRef = number;
export const refContact = (r: EncodedRef): number => r >>> 1;
export const refPrimary = (r: EncodedRef): boolean => (r & 1) === 1;

export interface ContactIndex {
  readonly contacts: readonly Contact[];
  /** contact id → position in `contacts`. */
  readonly byId: ReadonlyMap<number, number>;
  /** email key → refs, primary first then lowest contact id (CiviCRM's order). */
  readonly exact: ReadonlyMap<string, EncodedRef | EncodedRef[]>;
  /** mailbox → refs, only for keys whose mailbox differs from the key itself. */
  readonly mailbox: ReadonlyMap<string, EncodedRef | EncodedRef[]>;
  /** Email rows of usable contacts (not trashed, Individual), for fuzzy look-ups. */
  readonly emailRowContact: Int32Array;
  readonly emailRowKey: readonly string[];
  /** group = domain, value = local part. */
  readonly localsByDomain: FuzzyIndex;
  /** group = local part, value = domain. */
  readonly domainsByLocal: FuzzyIndex;
  /** Folded first / last names per contact position ('' when none or not usable). */
  readonly firstFold: readonly string[];
  readonly lastFold: readonly string[];
  /** group = first name, value = last name (ids are contact positions). */
  readonly lastsByFirst: FuzzyIndex;
  /** group = last name, value = first name. */
  readonly firstsByLast: FuzzyIndex;
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

export function buildContactIndex(contacts: readonly Contact[]): ContactIndex {
  const byId = new Map<number, number>();
  const exact = new Map<string, EncodedRef | EncodedRef[]>();
  const mailbox = new Map<string, EncodedRef | EncodedRef[]>();
  const rowContact: number[] = [];
  const rowKey: string[] = [];
  const localsByDomain = new FuzzyIndex(EMAIL_TAU, MIN_FUZZY_LENGTH);
  const domainsByLocal = new FuzzyIndex(EMAIL_TAU, MIN_FUZZY_LENGTH);
  const lastsByFirst = new FuzzyIndex(NAME_TAU, MIN_NAME_LENGTH);
  const firstsByLast = new FuzzyIndex(NAME_TAU, MIN_NAME_LENGTH);
  const firstFold: string[] = new Array(contacts.length);
  const lastFold: string[] = new Array(contacts.length);

  for (let pos = 0; pos < contacts.length; pos++) {
    const c = contacts[pos]!;
    byId.set(c.id, pos);
    const usable = isUsable(c);
    for (const e of c.emails) {
      if (e.key === '') continue;
      const ref = pos * 2 + (e.primary ? 1 : 0);
      pushRef(exact, e.key, ref);
      const mb = mailboxOf(e.key);
      if (mb !== e.key) pushRef(mailbox, mb, ref);
      if (usable) {
        const row = rowContact.length;
        rowContact.push(pos);
        rowKey.push(e.key);
        const [local, domain] = splitKey(e.key);
        if (domain !== '') {
          localsByDomain.add(groupHash(domain), local, row);
          domainsByLocal.add(groupHash(local), domain, row);
        }
      }
    }
    if (usable) {
      const k = nameKey(c.firstName, c.lastName, c.displayName);
      firstFold[pos] = k.first;
      lastFold[pos] = k.last;
      if (k.first !== '' && k.last !== '') {
        lastsByFirst.add(groupHash(k.first), k.last, pos);
        firstsByLast.add(groupHash(k.last), k.first, pos);
      }
    } else {
      firstFold[pos] = '';
      lastFold[pos] = '';
    }
  }
  const order = (a: EncodedRef, b: EncodedRef) =>
    (b & 1) - (a & 1) || contacts[a >>> 1]!.id - contacts[b >>> 1]!.id;
  for (const v of exact.values()) if (typeof v !== 'number') v.sort(order);
  for (const v of mailbox.values()) if (typeof v !== 'number') v.sort(order);
  localsByDomain.build();
  domainsByLocal.build();
  lastsByFirst.build();
  firstsByLast.build();
  return {
    contacts,
    byId,
    exact,
    mailbox,
    emailRowContact: Int32Array.from(rowContact),
    emailRowKey: rowKey,
    localsByDomain,
    domainsByLocal,
    firstFold,
    lastFold,
    lastsByFirst,
    firstsByLast,
  };
}
