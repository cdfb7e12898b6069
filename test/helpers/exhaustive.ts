/**
 * The reference: the same fuzzy rules checked against every contact, with no index.
 * Quadratic; used only by tests to prove that the blocking loses nothing.
 *
 * It stays a plain loop over every contact. A few things only save time without changing a
 * result: pure functions of a contact (its folded name, each address's mailbox) are computed
 * once and remembered; the set that skips an address repeated on one contact is made only
 * for contacts with several; an address whose mailbox cannot have the user's mailbox's
 * domain is skipped before mailboxOf; and an address is skipped before emailTypo, which could only
 * reject it, when its length differs from the user's by more than 2 or when neither its
 * domain nor its local part equals the user's (a typo changes one part by at most 2 edits and
 * leaves the other identical).
 */
import { isUsable, type ContactList } from '../../src/domain/contactList.js';
import type { Contact } from '../../src/domain/types.js';
import { mailboxOf } from '../../src/match/email.js';
import type { AliasHit, NameHit, TypoHit } from '../../src/match/fuzzy.js';
import { nameKey, type NameKey } from '../../src/match/names.js';
import { emailTypo, nameRelation } from '../../src/match/predicates.js';

/** The contacts as one array of objects, built once per list (a ContactTable builds its contacts on demand). */
const arrays = new WeakMap<ContactList, readonly Contact[]>();

function arrayOf(contacts: ContactList | readonly Contact[]): readonly Contact[] {
  if (Array.isArray(contacts)) return contacts as readonly Contact[];
  const list = contacts as ContactList;
  let a = arrays.get(list);
  if (a === undefined || a.length !== list.length) {
    a = [...list];
    arrays.set(list, a);
  }
  return a;
}

/** Folded names by position, per contacts array (names, trash and type never change after loading). */
const nameKeys = new WeakMap<readonly Contact[], (NameKey | null)[]>();

function nameKeysOf(contacts: readonly Contact[]): (NameKey | null)[] {
  let ks = nameKeys.get(contacts);
  if (ks === undefined || ks.length !== contacts.length) {
    ks = contacts.map((c) => (isUsable(c) ? nameKey(c.firstName, c.lastName, c.displayName) : null));
    nameKeys.set(contacts, ks);
  }
  return ks;
}

const byPosThenKey = (a: { pos: number; key: string }, b: { pos: number; key: string }) =>
  a.pos - b.pos || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Whether mailboxOf(key) can equal `mailbox` (whose domain, after its last '@', is
 * `mailboxDomain`, or null without one): mailboxOf keeps an address's domain, except that
 * gmail.com and googlemail.com both become gmail.com, and returns a key without an '@' past
 * its first character as it is. A necessary condition only; the caller compares mailboxes.
 */
function sameMailboxDomain(key: string, mailbox: string, mailboxDomain: string | null): boolean {
  const at = key.lastIndexOf('@');
  if (at <= 0) return key === mailbox;
  if (mailboxDomain === null) return false;
  const n = key.length - at - 1;
  if (mailboxDomain === 'gmail.com' && ((n === 9 && key.endsWith('gmail.com')) || (n === 14 && key.endsWith('googlemail.com')))) return true;
  return n === mailboxDomain.length && key.endsWith(mailboxDomain);
}

export function exhaustiveAliasHits(list: ContactList | readonly Contact[], userKey: string): AliasHit[] {
  const contacts = arrayOf(list);
  const hits: AliasHit[] = [];
  const userMailbox = mailboxOf(userKey);
  const mbAt = userMailbox.lastIndexOf('@');
  const mbDomain = mbAt < 0 ? null : userMailbox.slice(mbAt + 1);
  contacts.forEach((c, pos) => {
    if (!isUsable(c)) return;
    const seen = c.emails.length > 1 ? new Set<string>() : null;
    for (const e of c.emails) {
      if (!sameMailboxDomain(e.key, userMailbox, mbDomain)) continue; // the mailboxes differ
      // emailAlias(userKey, e.key): different keys, one mailbox
      if (!seen?.has(e.key) && userKey !== e.key && userMailbox === mailboxOf(e.key)) {
        seen?.add(e.key);
        hits.push({ pos, key: e.key, primary: e.primary });
      }
    }
  });
  return hits.sort(byPosThenKey);
}

export function exhaustiveTypoHits(list: ContactList | readonly Contact[], userKey: string): TypoHit[] {
  const contacts = arrayOf(list);
  const hits: TypoHit[] = [];
  const len = userKey.length;
  const at = userKey.lastIndexOf('@');
  const local = at < 0 ? userKey : userKey.slice(0, at);
  const domain = at < 0 ? '' : userKey.slice(at + 1);
  contacts.forEach((c, pos) => {
    if (!isUsable(c)) return;
    const seen = c.emails.length > 1 ? new Set<string>() : null;
    for (const e of c.emails) {
      const key = e.key;
      if (key.length > len + 2 || key.length < len - 2) continue; // emailTypo would say null
      // emailTypo compares parts only when the domains or the local parts are equal
      const kAt = key.lastIndexOf('@');
      const sameDomain = kAt >= 0 && key.length - kAt - 1 === domain.length && key.endsWith(domain);
      const sameLocal = kAt === local.length && key.startsWith(local);
      if (!sameDomain && !sameLocal) continue;
      if (seen) {
        if (seen.has(e.key)) continue;
        seen.add(e.key);
      }
      const m = emailTypo(userKey, e.key);
      if (m) hits.push({ pos, key: e.key, part: m.part, distance: m.distance });
    }
  });
  return hits.sort(byPosThenKey);
}

export function exhaustiveNameHits(list: ContactList | readonly Contact[], name: NameKey): NameHit[] {
  const contacts = arrayOf(list);
  const hits: NameHit[] = [];
  const keys = nameKeysOf(contacts);
  contacts.forEach((_c, pos) => {
    const k = keys[pos];
    if (!k) return; // not usable
    const rel = nameRelation(name.first, name.last, k.first, k.last);
    if (rel) hits.push({ pos, relation: rel });
  });
  return hits;
}
