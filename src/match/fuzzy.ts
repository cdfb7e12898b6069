/**
 * Indexed fuzzy look-ups for one user: alias, typo and name hits among usable contacts.
 * Each returns hits sorted by contact position, deduplicated, decided by predicates.ts.
 */
import { refContact, refPrimary, refsOf, type ContactIndex, type FuzzyLookupIndex } from './contactIndex.js';
import { mailboxOf } from './email.js';
import { groupHash } from './fuzzyIndex.js';
import type { NameKey } from './names.js';
import { typoOf, typoQuery, type NameRelation, type TypoMatch } from './predicates.js';

export interface AliasHit {
  readonly pos: number;
  readonly key: string;
  readonly primary: boolean;
}
export interface TypoHit extends TypoMatch {
  readonly pos: number;
  readonly key: string;
}
export interface NameHit {
  readonly pos: number;
  readonly relation: NameRelation;
}

const byPosThenKey = (a: { pos: number; key: string }, b: { pos: number; key: string }) =>
  a.pos - b.pos || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Contacts (usable) holding another spelling of the user's mailbox. */
export function aliasHits(ix: ContactIndex, userKey: string): AliasHit[] {
  return spellingsOf(ix, mailboxOf(userKey)).filter((h) => h.key !== userKey);
}

/**
 * Every address of a usable contact whose mailbox is `mb` (the mailbox itself among them), by
 * contact position then key: what aliasHits filters for each user of that mailbox.
 */
export function spellingsOf(ix: ContactIndex, mb: string): AliasHit[] {
  const hits: AliasHit[] = [];
  const marks = ix.posMarks;
  marks.begin();
  const consider = (ref: number) => {
    const pos = refContact(ref);
    // a contact comes once per address of the mailbox: all of them are read the first time
    if (!marks.mark(pos) || !ix.contacts.usableAt(pos)) return;
    for (const e of ix.contacts.emailsAt(pos)) if (e.key === mb || mailboxOf(e.key) === mb) hits.push({ pos, key: e.key, primary: e.primary });
  };
  for (const r of refsOf(ix.exact.get(mb))) consider(r);
  for (const r of refsOf(ix.mailbox.get(mb))) consider(r);
  // a contact with one address in two columns: once (the first, as it lists them)
  return dedupeByPosKey(hits.sort(byPosThenKey));
}

/** Contacts (usable) whose email is a likely typo of the user's. */
export function typoHits(ix: FuzzyLookupIndex, userKey: string): TypoHit[] {
  return typoHitsAmong(ix, userKey, typoCandidates(ix, userKey));
}

/**
 * The blocking step of typoHits: email rows (each once) whose local part, in the user's
 * domain, or whose domain, with the user's local part, is within EMAIL_TAU of the user's.
 * Needs only the indexes: a worker can run it without the keys.
 */
export function typoCandidates(ix: Pick<FuzzyLookupIndex, 'localsByDomain' | 'domainsByLocal' | 'rowMarks'>, userKey: string): number[] {
  const at = userKey.lastIndexOf('@');
  if (at < 0 || at === userKey.length - 1) return []; // no domain (as splitKey)
  const rows: number[] = [];
  const marks = ix.rowMarks;
  marks.begin();
  const visit = (row: number) => {
    if (marks.mark(row)) rows.push(row);
  };
  ix.localsByDomain.query(groupHash(userKey, at + 1, userKey.length), userKey.slice(0, at), visit);
  ix.domainsByLocal.query(groupHash(userKey, 0, at), userKey.slice(at + 1), visit);
  return rows;
}

/** typoHits given its candidate rows (typoCandidates): the typo rule decides, on the rows' keys. */
export function typoHitsAmong(ix: Pick<FuzzyLookupIndex, 'emailRowKey' | 'emailRowContact'>, userKey: string, rows: ArrayLike<number>): TypoHit[] {
  const hits = typoRowHitsAmong(ix, userKey, rows);
  return hits.length === 0 ? [] : hits.map(({ pos, key, part, distance }) => ({ pos, key, part, distance }));
}

/** typoHitsAmong's hits, in its order, each with its email row (a worker sends the rows). */
export function typoRowHitsAmong(ix: Pick<FuzzyLookupIndex, 'emailRowKey' | 'emailRowContact'>, userKey: string, rows: ArrayLike<number>): (TypoHit & { readonly row: number })[] {
  const q = typoQuery(userKey);
  if (q.at < 0 || q.at === userKey.length - 1) return [];
  const hits: (TypoHit & { readonly row: number })[] = [];
  // one address on thousands of contacts (a placeholder, typed wrong by many users) comes as
  // thousands of rows, the copies of a value one after another: the rule is decided once a run
  let lastKey: string | null = null;
  let lastMatch: TypoMatch | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const key = ix.emailRowKey(row);
    if (key !== lastKey) {
      lastKey = key;
      lastMatch = typoOf(q, key);
    }
    const m = lastMatch;
    if (m) hits.push({ pos: ix.emailRowContact[row]!, key, part: m.part, distance: m.distance, row });
  }
  return hits.length <= 1 ? hits : dedupeByPosKey(hits.sort(byPosThenKey));
}

function dedupeByPosKey<T extends { pos: number; key: string }>(sorted: T[]): T[] {
  const out: T[] = [];
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (!last || last.pos !== h.pos || last.key !== h.key) out.push(h);
  }
  return out;
}

/** Contacts (usable) with the same or near-same full name. */
export function nameHits(ix: FuzzyLookupIndex, name: NameKey): NameHit[] {
  if (name.first === '' || name.last === '') return [];
  const hits: NameHit[] = [];
  const marks = ix.posMarks;
  marks.begin();
  const first = name.first;
  const last = name.last;
  const check = (pos: number) => {
    if (!marks.mark(pos)) return;
    const rel = ix.nameRelationAt(pos, first, last);
    if (rel) hits.push({ pos, relation: rel });
  };
  ix.lastsByFirst.query(groupHash(first), last, check); // same, typo in last
  ix.firstsByLast.query(groupHash(last), first, check); // typo in first
  ix.lastsByFirst.query(groupHash(last), first, check); // swapped
  return hits.sort((a, b) => a.pos - b.pos);
}

/**
 * Exact-email refs for a key, in CiviCRM's order (primary first, then lowest id).
 * @param user the position of the user whose key it is, when the index was built with the
 *   users' look-ups (found by number then, no string hashed)
 */
export function exactRefs(ix: ContactIndex, key: string, user = -1): readonly number[] {
  return refsOf(user >= 0 && ix.exactForUser ? ix.exactForUser(user, key) : ix.exact.get(key));
}

export { refContact, refPrimary };
