/**
 * A `create` CiviCRM will not honour. contacts-to-create.csv is imported as new contacts, each
 * with the user's email as its primary address and an id above every existing one; at the
 * user's next login CiviCRM's email match picks the primary address first, then the lowest id
 * (SPEC §3 item 2). So where an existing usable contact already has the user's email as its
 * primary address, CiviCRM takes that one — links it, or finds it linked to another user and
 * creates yet another contact — and the imported contact stays unlinked. An operator's `c` on
 * a shared or taken address gets that far (ufmatch itself never proposes such a create).
 */
import type { Plan, UserPlan } from './decisions.js';

/**
 * The existing contact CiviCRM's email match takes for this user even once the contact ufmatch
 * creates for them is imported, or null (not a create, or no usable contact has the user's
 * email as its primary address: the imported contact is then the one found).
 */
export function emailPickOverCreate(r: Pick<UserPlan, 'decision' | 'candidates'>): number | null {
  if (r.decision.action !== 'create') return null;
  let pick: number | null = null;
  for (const c of r.candidates) {
    if (c.basis === 'exact-email' && c.usable && c.primaryEmail && (pick === null || c.contactId < pick)) pick = c.contactId;
  }
  return pick;
}

export interface PassedOverCreate {
  readonly ufId: number;
  /** The existing contact CiviCRM's email match takes instead. */
  readonly contactId: number;
}

/** The plan's creates CiviCRM will pass over (emailPickOverCreate), in the users' order. */
export function createsPassedOver(plan: Pick<Plan, 'rows'>): PassedOverCreate[] {
  const out: PassedOverCreate[] = [];
  for (const r of plan.rows) {
    const contactId = emailPickOverCreate(r);
    if (contactId !== null) out.push({ ufId: r.user.ufId, contactId });
  }
  return out;
}
