/**
 * Decisions: what ufmatch (or the operator) settles for one user. Tagged by `action`.
 */
import type { Platform, User } from './types.js';
import type { Warning, WarningCode } from './warnings.js';

export const ACTIONS = ['keep', 'link', 'create', 'review', 'skip'] as const;
export type Action = (typeof ACTIONS)[number];

export const REASONS = [
  'existing-link',
  'exact-email',
  'exact-email+name',
  'no-match',
  'needs-review',
  'no-email',
  'invalid-email',
  'operator',
  'decisions-file',
] as const;
export type Reason = (typeof REASONS)[number];

export type DecidedBy = 'auto' | 'operator' | 'decisions-file';

interface DecisionBase {
  readonly decidedBy: DecidedBy;
}
export interface KeepDecision extends DecisionBase {
  readonly action: 'keep';
  readonly contactId: number;
  readonly reason: 'existing-link' | 'operator' | 'decisions-file';
}
export interface LinkDecision extends DecisionBase {
  readonly action: 'link';
  readonly contactId: number;
  readonly reason: 'exact-email' | 'exact-email+name' | 'operator' | 'decisions-file';
}
export interface CreateDecision extends DecisionBase {
  readonly action: 'create';
  readonly reason: 'no-match' | 'operator' | 'decisions-file';
}
export interface ReviewDecision extends DecisionBase {
  readonly action: 'review';
  /** Best candidate, or null. */
  readonly contactId: number | null;
  readonly reason: 'needs-review';
}
export interface SkipDecision extends DecisionBase {
  readonly action: 'skip';
  readonly reason: 'no-email' | 'invalid-email' | 'operator' | 'decisions-file';
}

export type Decision = KeepDecision | LinkDecision | CreateDecision | ReviewDecision | SkipDecision;

/** The contact a decision names: the one linked or kept, or a review's best candidate; null otherwise. */
export function decisionContact(d: Decision): number | null {
  return d.action === 'link' || d.action === 'keep' || d.action === 'review' ? d.contactId : null;
}

/** Same action on the same contact: how the review, its journal and the unwritten count compare decisions. */
export function sameDecision(a: Decision, b: Decision): boolean {
  return a.action === b.action && decisionContact(a) === decisionContact(b);
}

/** Why a contact is a candidate for a user. */
export type CandidateBasis =
  | 'existing-link'
  | 'exact-email'
  | 'alias-email'
  | 'email-typo'
  | 'name-match';

/** A contact that may be the user's, with a score in [0,1]. */
export interface Candidate {
  readonly contactId: number;
  readonly score: number;
  readonly basis: CandidateBasis;
  /** For exact-email: whether the matching email is the contact's primary one. */
  readonly primaryEmail: boolean;
  /** The contact's email that matched (or '' for name-match without email). */
  readonly email: string;
  /** Usable by CiviCRM: not trashed and an Individual. */
  readonly usable: boolean;
  readonly nameAgrees: boolean;
}

/** What CiviCRM's own sync would do with this user (SPEC §3), simulated in input order. */
export type CivicrmOutcome =
  /** An existing link for this uf_id: kept whatever the emails say ("matching"). */
  | { readonly kind: 'keep'; readonly contactId: number }
  /** Links the picked existing contact (counted as "created"). */
  | { readonly kind: 'link'; readonly contactId: number }
  /**
   * Picks a contact but the link fails on a unique key (uf_name held by another user): nothing
   * changes. `orphanOf`: the pick is the contact this batch created for that user's email
   * without linking it (then `contactId` is null: it is not in the export).
   */
  | { readonly kind: 'link-failed'; readonly contactId: number | null; readonly conflictUfId: number | null; readonly orphanOf: number | null }
  /**
   * No usable or free candidate: creates a new contact and links it (counted as "created").
   * `takenContactId`: CiviCRM's pick, found linked; `takenBy`: the user it is linked to then.
   */
  | { readonly kind: 'create'; readonly takenContactId: number | null; readonly takenBy: number | null }
  /**
   * Creates a new contact but the link fails (unique key). `repeats`: every later login or
   * page load creates another one (CiviCRM's pick is then a linked contact again, or the user
   * has no email to find it by); otherwise they pick this orphan, and only the link fails.
   */
  | { readonly kind: 'create-unlinked'; readonly conflictUfId: number | null; readonly takenContactId: number | null; readonly takenBy: number | null; readonly repeats: boolean }
  /** CiviCRM's batch leaves the user out: no email, on Drupal (`mail != ''`). */
  | { readonly kind: 'ignored'; readonly why: 'no-email' }
  /**
   * WordPress or Joomla, a user with no email and no first or last name: CiviCRM's Contact
   * create refuses the contact ("Mandatory key(s) missing"), an error that stops its
   * Synchronize Users batch at this user (and fails again at each of the user's page loads).
   */
  | { readonly kind: 'create-failed' };

export type CivicrmKind = CivicrmOutcome['kind'];

/**
 * Whether later attempts for this user find the orphan contact CiviCRM made for the email, so
 * that only the link fails again (no further contact): the failed link does not multiply.
 */
export function findsOrphanLater(o: CivicrmOutcome): boolean {
  return (o.kind === 'create-unlinked' && !o.repeats) || (o.kind === 'link-failed' && o.orphanOf !== null);
}

/** Everything ufmatch knows and proposes for one user. */
export interface UserPlan {
  readonly user: User;
  readonly candidates: readonly Candidate[];
  readonly warnings: readonly Warning[];
  readonly decision: Decision;
  /** What ufmatch proposed automatically (kept so undo / explain can show it). */
  readonly proposal: Decision;
  readonly civicrm: CivicrmOutcome;
  /**
   * How many more contacts were candidates than `candidates` keeps (at most MAX_CANDIDATES,
   * best first, the proposal among them): a placeholder email carried by thousands of
   * contacts. Absent when none was left out.
   */
  readonly moreCandidates?: number;
}

export interface Plan {
  readonly platform: Platform;
  readonly domainId: number;
  readonly rows: readonly UserPlan[];
  /** The uf_id of the user at which CiviCRM's Synchronize Users batch stops with an error (the first create-failed in its order), or null. */
  readonly civicrmBatchStopsAt?: number | null;
  /** Warnings not attached to a user in the export (orphan links to unknown users). */
  readonly globalWarnings: readonly Warning[];
}

export function warningCodes(ws: readonly Warning[]): WarningCode[] {
  const seen: WarningCode[] = [];
  for (const w of ws) if (!seen.includes(w.code)) seen.push(w.code);
  return seen;
}
