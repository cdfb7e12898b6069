/**
 * ufmatch's automatic decision for a user with a usable email and no existing link (SPEC §4):
 * strong warning → review; one usable exact candidate → link; several, one with the user's
 * name → link to it; none → create; anything else → review.
 */
import type { Decision } from '../domain/decisions.js';
import { isStrong, type Warning } from '../domain/warnings.js';

export interface AutomaticInput {
  readonly warnings: readonly Warning[];
  readonly usableCount: number;
  /** The contact to link when the email (or email + name) settles it. */
  readonly choice: { readonly contactId: number; readonly byName: boolean } | null;
  /** Best candidate not held by another user, for a review row. */
  readonly bestCandidate: number | null;
  /** Another user already holding this email (existing link or an earlier decision). */
  readonly emailHolder: number | null;
}

export function chooseAutomatic(input: AutomaticInput): Decision {
  const review: Decision = { action: 'review', contactId: input.bestCandidate, reason: 'needs-review', decidedBy: 'auto' };
  if (input.warnings.some((w) => isStrong(w.code))) return review;
  if (input.emailHolder !== null) return review;
  if (input.choice) {
    return {
      action: 'link',
      contactId: input.choice.contactId,
      reason: input.choice.byName ? 'exact-email+name' : 'exact-email',
      decidedBy: 'auto',
    };
  }
  if (input.usableCount === 0) return { action: 'create', reason: 'no-match', decidedBy: 'auto' };
  return review;
}
