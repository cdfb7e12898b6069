/**
 * Links to a contact that does not have the user's email: an operator's pick of a candidate
 * found by a typo, an alias or the name, or a decisions file's link to a contact not listed.
 * CiviCRM keeps such a link once it is in civicrm_uf_match (SPEC §3 item 1), but the contact
 * still lacks the address the user logs in with, so the next run on a fresh export calls the link `stale-link` — until someone corrects
 * the contact's address or adds the user's to it. summary.txt says which (a migration
 * rehearsal found these warnings on the second run, predicted nowhere in the first).
 */
import type { CandidateBasis, Plan, UserPlan } from './decisions.js';

/**
 * How the contact was found; `not-a-candidate`: a decisions file's link to a contact ufmatch did
 * not list (it lists every contact with the user's email).
 */
export type OtherAddressBasis = Extract<CandidateBasis, 'alias-email' | 'email-typo' | 'name-match'> | 'not-a-candidate';

export interface LinkToOtherAddress {
  readonly ufId: number;
  readonly contactId: number;
  /** How the contact was found: not by the user's email. */
  readonly basis: OtherAddressBasis;
}

/** The way the linked contact was found, when it was not by the user's exact email; null otherwise (or not a link). */
export function otherAddressBasis(r: Pick<UserPlan, 'decision' | 'candidates'>): OtherAddressBasis | null {
  const d = r.decision;
  if (d.action !== 'link') return null;
  const c = r.candidates.find((x) => x.contactId === d.contactId);
  // every contact with the user's email is a candidate (withDecidedCandidate adds a decided one past the cap)
  if (c === undefined) return 'not-a-candidate';
  return c.basis === 'alias-email' || c.basis === 'email-typo' || c.basis === 'name-match' ? c.basis : null;
}

/** The plan's links to contacts without the user's email, in the users' order. */
export function linksToOtherAddresses(plan: Pick<Plan, 'rows'>): LinkToOtherAddress[] {
  const out: LinkToOtherAddress[] = [];
  for (const r of plan.rows) {
    const basis = otherAddressBasis(r);
    if (basis !== null && r.decision.action === 'link') out.push({ ufId: r.user.ufId, contactId: r.decision.contactId, basis });
  }
  return out;
}
