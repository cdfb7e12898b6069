/**
 * Which existing contact a new contact CiviCRM would make for a user duplicates: one rule for
 * summary.json's `duplicates_avoided` and explain's `duplicates_contact_id`, so that the two
 * count the same users (an audit found the summary counting a user whose only exact match is an
 * Organization, of whom explain rightly said no duplicate is made: a new Individual does not
 * duplicate an Organization).
 */
import type { UserPlan } from './decisions.js';
import type { Warning, WarningCode } from './warnings.js';

/** The warnings that name a contact the user probably is, strongest kind first. */
export const DUPLICATE_EVIDENCE: readonly WarningCode[] = ['deleted-match', 'alias-email', 'email-typo', 'name-match'];

export type DuplicateSource =
  /** CiviCRM found the user's own address on a contact another user holds. */
  | { readonly kind: 'taken'; readonly contactId: number }
  /** A warning names the contact (the best-scored; among equals the stronger kind). */
  | { readonly kind: 'warning'; readonly contactId: number; readonly warning: Warning }
  /** ufmatch's decision links the user to another contact. */
  | { readonly kind: 'decision'; readonly contactId: number };

/** The existing contact the new contact CiviCRM would make for this user duplicates, and what says so; null when CiviCRM makes none or nothing names one. */
export function duplicateSource(row: UserPlan): DuplicateSource | null {
  const o = row.civicrm;
  if (o.kind !== 'create' && o.kind !== 'create-unlinked') return null;
  // the user's own address on a contact another user holds: the new contact duplicates that one,
  // whatever look-alikes there are — or, when that one has another name, the contact carrying
  // the address with the user's name (Åsa's, not her husband's, whom CiviCRM picked)
  if (o.takenContactId !== null) {
    const taken = o.takenContactId;
    const own = row.candidates.find((c) => c.basis === 'exact-email' && c.nameAgrees && c.contactId !== taken);
    const takenAgrees = row.candidates.some((c) => c.contactId === taken && c.nameAgrees);
    return { kind: 'taken', contactId: own !== undefined && !takenAgrees ? own.contactId : taken };
  }
  let best: Warning | null = null;
  for (const w of row.warnings) {
    const rank = DUPLICATE_EVIDENCE.indexOf(w.code);
    if (rank < 0 || w.contactId === null) continue;
    if (best === null || w.score > best.score || (w.score === best.score && rank < DUPLICATE_EVIDENCE.indexOf(best.code))) best = w;
  }
  if (best !== null) return { kind: 'warning', contactId: best.contactId!, warning: best };
  const d = row.decision;
  if (d.action === 'link') return { kind: 'decision', contactId: d.contactId };
  return null;
}

/**
 * Whether CiviCRM would make a duplicate contact for this user that ufmatch's plan does not: a
 * new contact duplicating an existing one, or one whose link then fails (an orphan, repeated at
 * every login), while the plan links, holds for review or skips.
 */
export function duplicateAvoided(row: UserPlan): boolean {
  if (row.decision.action === 'create') return false;
  return row.civicrm.kind === 'create-unlinked' || (row.civicrm.kind === 'create' && duplicateSource(row) !== null);
}
