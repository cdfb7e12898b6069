/**
 * Candidate scores in [0,1]: how sure ufmatch is that a contact is this user's.
 *   exact email, usable     0.90 (+0.05 primary, +0.05 same name)
 *   exact email, trashed or not an Individual  0.50 (+0.05, +0.05)
 *   alias (same mailbox)    0.85 (+0.05 same name)
 *   typo, 1 edit            0.80, 2 edits 0.70 (+0.10 same name);
 *     of someone with another first name (namesDiffer)  0.55, 0.45: below every name-only
 *     match, since a look-alike address of someone else (a family member's) is more likely theirs
 *   name only: same 0.70, swapped 0.65, one-letter typo 0.60
 */
import type { Candidate, CandidateBasis } from '../domain/decisions.js';
import type { NameRelation } from '../match/predicates.js';

export interface ScoreInput {
  readonly basis: CandidateBasis;
  readonly usable: boolean;
  readonly primary: boolean;
  readonly nameAgrees: boolean;
  /** For email-typo: both names known and different (predicates.namesDiffer). */
  readonly namesDiffer?: boolean;
  readonly distance?: number;
  readonly relation?: NameRelation;
}

export function candidateScore(s: ScoreInput): number {
  let v: number;
  switch (s.basis) {
    case 'existing-link':
      v = 1;
      break;
    case 'exact-email':
      v = (s.usable ? 0.9 : 0.5) + (s.primary ? 0.05 : 0) + (s.nameAgrees ? 0.05 : 0);
      break;
    case 'alias-email':
      v = 0.85 + (s.nameAgrees ? 0.05 : 0);
      break;
    case 'email-typo':
      v = s.namesDiffer ? (s.distance === 1 ? 0.55 : 0.45) : (s.distance === 1 ? 0.8 : 0.7) + (s.nameAgrees ? 0.1 : 0);
      break;
    case 'name-match':
      v = s.relation === 'same' ? 0.7 : s.relation === 'swapped' ? 0.65 : 0.6;
      break;
  }
  return Math.round(Math.min(1, Math.max(0, v)) * 100) / 100;
}

/** Best first; among equals, the lowest contact id (CiviCRM's own tie-break). */
export function sortCandidates(cs: Candidate[]): void {
  cs.sort((a, b) => b.score - a.score || a.contactId - b.contactId);
}
