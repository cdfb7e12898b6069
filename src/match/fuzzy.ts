/**
 * Indexed fuzzy look-ups for one user: alias, typo and name hits among usable contacts.
 * Each returns hits sorted by contact position, deduplicated, decided by predicates.ts.
 */
import { isUsable, refContact, refPrimary, refsOf, type ContactIndex } from './contactIndex.js';
import { mailboxOf, splitKey } from './email.js';
import { groupHash } from './fuzzyIndex.js';
import type { NameKey } from './names.js';
import { emailAlias, emailTypo, nameRelation, type NameRelation, type TypoMatch } from './predicates.js';

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
  const mb = mailboxOf(userKey);
  const hits: AliasHit[] = [];
  const seen = new Set<string>();
  const consider = (ref: number) => {
    const pos = refContact(ref);
    const c = ix.contacts[pos]!;
    if (!isUsable(c)) return;
    for (const e of c.emails) {
      if (emailAlias(userKey, e.key) && mailboxOf(e.key) === mb) {
        const id = `${pos}\u0000${e.key}`;
        if (!seen.has(id)) {
          seen.add(id);
          hits.push({ pos, key: e.key, primary: e.primary });
        }
      }
    }
  };
  for (const r of refsOf(ix.exact.get(mb))) consider(r);
  for (const r of refsOf(ix.mailbox.get(mb))) consider(r);
  return hits.sort(byPosThenKey);
}

/** Contacts (usable) whose email is a likely typo of the user's. */
export function typoHits(ix: ContactIndex, userKey: string): TypoHit[] {
  const [local, domain] = splitKey(userKey);
  if (domain === '') return [];
  const rows = new Set<number>();
  const collect = (row: number) => rows.add(row);
  ix.localsByDomain.query(groupHash(domain), local, collect);
  ix.domainsByLocal.query(groupHash(local), domain, collect);
  const hits: TypoHit[] = [];
  for (const row of rows) {
    const key = ix.emailRowKey[row]!;
    const m = emailTypo(userKey, key);
    if (m) hits.push({ pos: ix.emailRowContact[row]!, key, part: m.part, distance: m.distance });
  }
  return dedupeByPosKey(hits.sort(byPosThenKey));
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
export function nameHits(ix: ContactIndex, name: NameKey): NameHit[] {
  if (name.first === '' || name.last === '') return [];
  const cand = new Set<number>();
  const collect = (pos: number) => cand.add(pos);
  ix.lastsByFirst.query(groupHash(name.first), name.last, collect); // same, typo in last
  ix.firstsByLast.query(groupHash(name.last), name.first, collect); // typo in first
  ix.lastsByFirst.query(groupHash(name.last), name.first, collect); // swapped
  const hits: NameHit[] = [];
  for (const pos of cand) {
    const rel = nameRelation(name.first, name.last, ix.firstFold[pos]!, ix.lastFold[pos]!);
    if (rel) hits.push({ pos, relation: rel });
  }
  return hits.sort((a, b) => a.pos - b.pos);
}

/** Exact-email refs for a key, in CiviCRM's order (primary first, then lowest id). */
export function exactRefs(ix: ContactIndex, key: string): readonly number[] {
  return refsOf(ix.exact.get(key));
}

export { refContact, refPrimary };
