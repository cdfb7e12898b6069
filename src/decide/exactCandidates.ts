/**
 * The contacts carrying a user's exact email, gathered for the plan without an object per
 * contact. A placeholder address (noemail@…, info@…) can sit on tens of thousands of contacts
 * and be shared by thousands of users: a candidate for each such pair was quadratic in time
 * and ran out of memory (3,000 users × 20,000 contacts). What the plan needs of them all is
 * counted or kept as it goes — CiviCRM's pick, the usable ones and the first of their ids,
 * the ones with the user's name, the best one no other user holds — and the candidates kept
 * are the MAX_CANDIDATES best of them plus those the plan decides by; the rest are counted.
 */
import type { Candidate } from '../domain/decisions.js';
import { refContact, refPrimary, type ContactIndex, type EncodedRef, type Marks } from '../match/contactIndex.js';
import { candidateScore } from './scores.js';

/** At most this many candidates are kept per user, best first (the proposal always among them); the others are counted. */
export const MAX_CANDIDATES = 20;

/** At most this many contact ids are listed in a shared-email warning (CiviCRM's order); the others are counted. */
export const SHARED_IDS_LISTED = 10;

/** A usable contact carrying the email. */
export interface Carrier {
  readonly id: number;
  readonly pos: number;
  readonly primary: boolean;
}

export interface ExactCarriers {
  /** Contacts carrying the email, each once. */
  readonly count: number;
  /** Of them, usable (not trashed, Individual). */
  readonly usableCount: number;
  /** CiviCRM's pick: the first usable one in its order (primary first, then lowest id). */
  readonly pick: Carrier | null;
  /** The usable ones with the user's name: how many, and the first. */
  readonly namedCount: number;
  readonly named: Carrier | null;
  /** The first usable ids in CiviCRM's order, at most SHARED_IDS_LISTED. */
  readonly usableIds: readonly number[];
  /** The first trashed one and the first usable-but-not-Individual one, as positions (-1: none). */
  readonly deleted: number;
  readonly nonIndividual: number;
  /** The candidates kept, best first: the best MAX_CANDIDATES and those the plan may decide by. */
  readonly kept: Candidate[];
  /** Carriers not in `kept`. */
  readonly notKept: number;
  /** Whether the contact at a position carries the email (valid until the next gathering). */
  readonly carries: Marks;
}

/** Which usable contacts another user holds (Claims.contactHolder), for the best free one. */
export type HeldBy = (contactId: number) => boolean;

/**
 * Gathers the carriers in one pass over the exact refs.
 * @param agrees whether the contact at a position has the user's name
 * @param held whether a contact is held by another user; the best usable one not held is kept
 * @param marks reset here; marks every carrier's position
 * @param exclude a contact id left out (an existing link's contact, listed apart)
 */
export function gatherExact(
  ix: ContactIndex,
  refs: readonly EncodedRef[],
  key: string,
  agrees: (pos: number) => boolean,
  held: HeldBy | null,
  marks: Marks,
  max = MAX_CANDIDATES,
  exclude = -1,
): ExactCarriers {
  const list = ix.contacts;
  marks.begin();
  const kept: Candidate[] = [];
  const usableIds: number[] = [];
  let count = 0;
  let usableCount = 0;
  let namedCount = 0;
  let pick: Carrier | null = null;
  let named: Carrier | null = null;
  let deleted = -1;
  let nonIndividual = -1;
  let free: { id: number; pos: number; primary: boolean; score: number } | null = null;
  const make = (pos: number, id: number, primary: boolean, usable: boolean, nameAgrees: boolean, score: number): Candidate => ({
    contactId: id,
    score,
    basis: 'exact-email',
    primaryEmail: primary,
    email: list.emailWithKey(pos, key) ?? key,
    usable,
    nameAgrees,
  });
  for (let r = 0; r < refs.length; r++) {
    const ref = refs[r]!;
    const pos = refContact(ref);
    if (!marks.mark(pos)) continue; // a contact with the address in two columns
    const id = list.idAt(pos);
    if (id === exclude) continue;
    count++;
    const primary = refPrimary(ref);
    const nameAgrees = agrees(pos);
    const ok = list.usableAt(pos);
    const score = candidateScore({ basis: 'exact-email', usable: ok, primary, nameAgrees });
    if (ok) {
      usableCount++;
      if (pick === null) pick = { id, pos, primary };
      if (nameAgrees && namedCount++ === 0) named = { id, pos, primary };
      if (usableIds.length < SHARED_IDS_LISTED) usableIds.push(id);
      if (held !== null && (free === null || before(score, id, free.score, free.id)) && !held(id)) free = { id, pos, primary, score };
    } else if (list.deletedAt(pos)) {
      if (deleted < 0) deleted = pos;
    } else if (nonIndividual < 0) nonIndividual = pos;
    // kept best first; a place among the first `max`, or none
    let at = kept.length;
    while (at > 0 && before(score, id, kept[at - 1]!.score, kept[at - 1]!.contactId)) at--;
    if (at >= max) continue;
    kept.splice(at, 0, make(pos, id, primary, ok, nameAgrees, score));
    if (kept.length > max) kept.pop();
  }
  // those the plan decides by, wherever they rank: CiviCRM's pick, the one with the name, the best free one
  const need = (c: { id: number; pos: number; primary: boolean } | null) => {
    if (c === null || kept.some((k) => k.contactId === c.id)) return;
    const nameAgrees = agrees(c.pos);
    kept.push(make(c.pos, c.id, c.primary, true, nameAgrees, candidateScore({ basis: 'exact-email', usable: true, primary: c.primary, nameAgrees })));
  };
  need(pick);
  if (namedCount === 1) need(named);
  need(free);
  return { count, usableCount, pick, namedCount, named, usableIds, deleted, nonIndividual, kept, notKept: count - kept.length, carries: marks };
}

/** Best first: the higher score, then the lower id (sortCandidates' order). */
function before(score: number, id: number, otherScore: number, otherId: number): boolean {
  return score > otherScore || (score === otherScore && id < otherId);
}
