/**
 * What an operator's decision may not do, whether it comes from a key in the TUI or from a
 * line of a decisions file: one set of rules, so that a replayed journal or a hand-written
 * decisions file can never make what the review itself refuses. Code-tagged; the TUI words
 * a refusal with its keys, the replay with its file's line.
 */
import { decisionContact, type Action, type Decision, type UserPlan } from '../domain/decisions.js';
import type { Contact } from '../domain/types.js';

export type Refusal =
  /** The user has a link in CiviCRM, which CiviCRM keeps whatever the emails say (SPEC §3 item 1). */
  | { readonly code: 'has-link'; readonly contactId: number }
  /** A keep for a user with no existing link to that contact. */
  | { readonly code: 'not-linked'; readonly contactId: number | null }
  /** CiviCRM links no user without a valid email (no link, no new contact). */
  | { readonly code: 'no-email' }
  | { readonly code: 'invalid-email' }
  | { readonly code: 'contact-gone'; readonly contactId: number | null }
  /** CiviCRM links users to Individuals not in the trash. */
  | { readonly code: 'contact-unusable'; readonly contactId: number; readonly type: string; readonly deleted: boolean };

/** What the rules need to know of a contact, by id; undefined when it is not in the export. */
export interface ContactFacts {
  /** `contact`: the contact itself, when the caller has it (a replayed link's candidate is built from it). */
  (id: number): { readonly type: string; readonly deleted: boolean; readonly contact?: Contact } | undefined;
}

/** Whether ufmatch skips the user for want of a valid email (it links no user by an address nobody can write to). */
export function withoutValidEmail(p: Decision): boolean {
  return p.action === 'skip' && (p.reason === 'no-email' || p.reason === 'invalid-email');
}

/** The rules on the user alone: why a decision of `action` (on `contactId`) cannot be this user's, or null. */
export function userRefusal(r: Pick<UserPlan, 'proposal'>, action: Action, contactId: number | null): Refusal | null {
  const p = r.proposal;
  if (p.action === 'keep') return action === 'keep' && contactId === p.contactId ? null : { code: 'has-link', contactId: p.contactId };
  if (action === 'keep') return { code: 'not-linked', contactId };
  if (withoutValidEmail(p) && (action === 'link' || action === 'create')) return { code: p.reason === 'no-email' ? 'no-email' : 'invalid-email' };
  return null;
}

/** The rule on the contact a link names: in the export, an Individual, not in the trash. */
export function contactRefusal(contactId: number | null, facts: ContactFacts): Refusal | null {
  const f = contactId === null ? undefined : facts(contactId);
  if (contactId === null || f === undefined) return { code: 'contact-gone', contactId };
  if (f.deleted || f.type !== 'Individual') return { code: 'contact-unusable', contactId, type: f.type, deleted: f.deleted };
  return null;
}

/** Why `d` cannot be this user's decision, or null. ufmatch's own proposal is always allowed. */
export function refusalOf(r: Pick<UserPlan, 'proposal'>, d: Decision, facts: ContactFacts): Refusal | null {
  const contactId = decisionContact(d);
  if (d.action === r.proposal.action && contactId === decisionContact(r.proposal)) return null; // ufmatch's own proposal
  return userRefusal(r, d.action, contactId) ?? (d.action === 'link' ? contactRefusal(contactId, facts) : null);
}
