/** links.csv (SPEC §5.1): one row per user, in input order. */
import { warningCodes, type Plan, type UserPlan } from '../domain/decisions.js';
import { csvRow } from './csvCell.js';

export const LINKS_HEADER = ['uf_id', 'uf_name', 'contact_id', 'action', 'reason', 'candidates', 'warnings', 'decided_by'] as const;
export const MAX_CANDIDATES_LISTED = 5;

export function linkContactId(r: UserPlan): number | null {
  const d = r.decision;
  return d.action === 'link' || d.action === 'keep' || d.action === 'review' ? d.contactId : null;
}

export function candidatesCell(r: UserPlan): string {
  return r.candidates
    .slice(0, MAX_CANDIDATES_LISTED)
    .map((c) => `${c.contactId}:${c.score.toFixed(2)}`)
    .join(';');
}

export function* linksCsv(plan: Plan): Generator<string> {
  yield csvRow(LINKS_HEADER);
  for (const r of plan.rows) {
    yield csvRow([
      r.user.ufId,
      r.user.email,
      linkContactId(r),
      r.decision.action,
      r.decision.reason,
      candidatesCell(r),
      warningCodes(r.warnings).join(';'),
      r.decision.decidedBy,
    ]);
  }
}
