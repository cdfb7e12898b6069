/**
 * A replayed link's contact among the user's candidates. The plan keeps the best 20 contacts
 * carrying a placeholder email (ExactCarriers); a decisions file can link any of the others,
 * and links.csv, explain and the review all read the decided contact from the candidates.
 */
import type { Candidate, Decision, UserPlan } from '../domain/decisions.js';
import { nameKey, sameName } from '../match/names.js';
import type { ContactFacts } from './operatorRules.js';
import { candidateScore } from './scores.js';

/** The row with `d`'s contact among its candidates when it carries the user's email and was one of those not kept; else the row itself. */
export function withDecidedCandidate(r: UserPlan, d: Decision, facts: ContactFacts): UserPlan {
  const more = r.moreCandidates ?? 0;
  if (more === 0 || (d.action !== 'link' && d.action !== 'keep')) return r;
  const id = d.contactId;
  if (r.candidates.some((c) => c.contactId === id)) return r;
  const contact = facts(id)?.contact;
  const key = r.user.emailKey;
  const carried = contact?.emails.find((e) => e.key === key);
  if (contact === undefined || carried === undefined) return r;
  const usable = !contact.deleted && contact.type === 'Individual';
  const primary = contact.emails.some((e) => e.primary && e.key === key);
  const u = nameKey(r.user.firstName, r.user.lastName, r.user.displayName);
  const nameAgrees = sameName(u, nameKey(contact.firstName, contact.lastName, contact.displayName)); // false when the user has no name
  const c: Candidate = { contactId: id, score: candidateScore({ basis: 'exact-email', usable, primary, nameAgrees }), basis: 'exact-email', primaryEmail: primary, email: carried.email, usable, nameAgrees };
  // after every candidate that scores as high (the order links.csv and the review show)
  let at = 0;
  while (at < r.candidates.length && r.candidates[at]!.score >= c.score) at++;
  const candidates = [...r.candidates.slice(0, at), c, ...r.candidates.slice(at)];
  const { moreCandidates: _, ...rest } = r;
  return more > 1 ? { ...rest, candidates, moreCandidates: more - 1 } : { ...rest, candidates };
}
