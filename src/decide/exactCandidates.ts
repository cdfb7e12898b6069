/**
 * The contacts carrying a user's exact email, gathered for the plan without an object per
 * contact. A placeholder address (noemail@…, info@…) can sit on tens of thousands of contacts
 * and be shared by thousands of users: a candidate for each such pair was quadratic in time
 * and ran out of memory (3,000 users × 20,000 contacts). What the plan needs of them all is
 * counted or kept as it goes — CiviCRM's pick, the usable ones and the first of their ids,
 * the ones with the user's name, the best one no other user holds (and the best such with the
 * user's name) — and the candidates kept
 * are the MAX_CANDIDATES best of them plus those the plan decides by; the rest are counted.
 */
import type { Candidate } from '../domain/decisions.js';
import { refContact, refPrimary, type ContactIndex, type EncodedRef, type Marks } from '../match/contactIndex.js';
import { hasName, sameName, type NameKey } from '../match/names.js';
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

/** Who holds a contact (Claims.contactHolder): another user's uf_id, or null. */
export interface Holders {
  contactHolder(contactId: number, notUf: number): number | null;
}

const NO_IDS: readonly number[] = [];

/**
 * One gathering at a time, its results in its fields until the next (one instance serves every
 * user of a plan: no object per user but the candidates kept).
 */
export class ExactCarriers {
  /** Contacts carrying the email, each once. */
  count = 0;
  /** Of them, usable (not trashed, Individual). */
  usableCount = 0;
  /** CiviCRM's pick: the first usable one in its order (primary first, then lowest id). */
  pick: Carrier | null = null;
  /** The usable ones with the user's name: how many, and the first. */
  namedCount = 0;
  named: Carrier | null = null;
  /** The first trashed one and the first usable-but-not-Individual one, as positions (-1: none). */
  deleted = -1;
  nonIndividual = -1;
  /** Carriers not among the candidates kept. */
  notKept = 0;
  private readonly firstUsable: number[] = [];
  private readonly kept: Candidate[] = [];

  /**
   * @param carries marks every carrier's position (reset here): which contacts are candidates already
   */
  constructor(
    private readonly ix: ContactIndex,
    readonly carries: Marks,
  ) {}

  /** The first usable ids in CiviCRM's order, at most SHARED_IDS_LISTED (a fresh array). */
  usableIds(): readonly number[] {
    return this.firstUsable.length === 0 ? NO_IDS : this.firstUsable.slice();
  }

  /** Whether the contact at `pos` has the user's name (sameName), from the index's folded names. */
  agrees(uname: NameKey, pos: number): boolean {
    if (!hasName(uname)) return false;
    const ix = this.ix;
    return ix.contacts.usableAt(pos) ? ix.sameNameAt(pos, uname) : sameName(uname, ix.foldedNameAt(pos));
  }

  /**
   * Gathers the carriers in one pass over the exact refs, and appends the candidates kept to
   * `out`, best first: the best `max`, then any of CiviCRM's pick, the one with the name and
   * the best one not held that are not among them.
   * @param holders who holds which contact: the best usable one no other user holds is kept (null: not wanted)
   * @param exclude a contact id left out (an existing link's contact, listed apart)
   */
  gather(refs: readonly EncodedRef[], key: string, uname: NameKey, holders: Holders | null, ufId: number, out: Candidate[], max = MAX_CANDIDATES, exclude = -1): void {
    const list = this.ix.contacts;
    const marks = this.carries;
    const kept = this.kept;
    const firstUsable = this.firstUsable;
    marks.begin();
    kept.length = 0;
    firstUsable.length = 0;
    let count = 0;
    let usableCount = 0;
    let namedCount = 0;
    let pick: Carrier | null = null;
    let named: Carrier | null = null;
    let deleted = -1;
    let nonIndividual = -1;
    let freePos = -1;
    let freeId = 0;
    let freeScore = 0;
    let freePrimary = false;
    // the best usable one with the user's name no other user holds: a review proposes it (plan.ts bestFree)
    let freeNamedPos = -1;
    let freeNamedId = 0;
    let freeNamedScore = 0;
    let freeNamedPrimary = false;
    for (let r = 0; r < refs.length; r++) {
      const ref = refs[r]!;
      const pos = refContact(ref);
      if (!marks.mark(pos)) continue; // a contact with the address in two columns
      const id = list.idAt(pos);
      if (id === exclude) continue;
      count++;
      const primary = refPrimary(ref);
      const nameAgrees = this.agrees(uname, pos);
      const ok = list.usableAt(pos);
      const score = candidateScore({ basis: 'exact-email', usable: ok, primary, nameAgrees });
      if (ok) {
        usableCount++;
        if (pick === null) pick = { id, pos, primary };
        if (nameAgrees && namedCount++ === 0) named = { id, pos, primary };
        if (firstUsable.length < SHARED_IDS_LISTED) firstUsable.push(id);
        if (holders !== null && (freePos < 0 || before(score, id, freeScore, freeId)) && holders.contactHolder(id, ufId) === null) {
          freePos = pos;
          freeId = id;
          freeScore = score;
          freePrimary = primary;
        }
        if (holders !== null && nameAgrees && (freeNamedPos < 0 || before(score, id, freeNamedScore, freeNamedId)) && holders.contactHolder(id, ufId) === null) {
          freeNamedPos = pos;
          freeNamedId = id;
          freeNamedScore = score;
          freeNamedPrimary = primary;
        }
      } else if (list.deletedAt(pos)) {
        if (deleted < 0) deleted = pos;
      } else if (nonIndividual < 0) nonIndividual = pos;
      // kept best first; a place among the first `max`, or none
      let at = kept.length;
      while (at > 0 && before(score, id, kept[at - 1]!.score, kept[at - 1]!.contactId)) at--;
      if (at >= max) continue;
      const c = this.candidate(pos, id, primary, ok, nameAgrees, score, key);
      if (at === kept.length) kept.push(c);
      else {
        kept.splice(at, 0, c);
        if (kept.length > max) kept.pop();
      }
    }
    // those the plan decides by, wherever they rank: CiviCRM's pick, the one with the name, the best
    // free one, and the best free one with the name (a review's proposal when several have it)
    if (count > kept.length) {
      if (pick !== null) this.need(pick.pos, pick.id, pick.primary, uname, key);
      if (namedCount === 1) this.need(named!.pos, named!.id, named!.primary, uname, key);
      if (freePos >= 0) this.need(freePos, freeId, freePrimary, uname, key);
      if (freeNamedPos >= 0) this.need(freeNamedPos, freeNamedId, freeNamedPrimary, uname, key);
    }
    for (let i = 0; i < kept.length; i++) out.push(kept[i]!);
    this.count = count;
    this.usableCount = usableCount;
    this.pick = pick;
    this.namedCount = namedCount;
    this.named = named;
    this.deleted = deleted;
    this.nonIndividual = nonIndividual;
    this.notKept = count - kept.length;
  }

  private need(pos: number, id: number, primary: boolean, uname: NameKey, key: string): void {
    const kept = this.kept;
    for (let i = 0; i < kept.length; i++) if (kept[i]!.contactId === id) return;
    const nameAgrees = this.agrees(uname, pos);
    kept.push(this.candidate(pos, id, primary, true, nameAgrees, candidateScore({ basis: 'exact-email', usable: true, primary, nameAgrees }), key));
  }

  private candidate(pos: number, id: number, primary: boolean, usable: boolean, nameAgrees: boolean, score: number, key: string): Candidate {
    return { contactId: id, score, basis: 'exact-email', primaryEmail: primary, email: this.ix.contacts.emailWithKey(pos, key) ?? key, usable, nameAgrees };
  }
}

/** Best first: the higher score, then the lower id (sortCandidates' order). */
function before(score: number, id: number, otherScore: number, otherId: number): boolean {
  return score > otherScore || (score === otherScore && id < otherId);
}
