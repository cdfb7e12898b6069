/** links.csv (SPEC §5.1): one row per user, in input order. */
import { decisionContact, warningCodes, type Plan, type UserPlan } from '../domain/decisions.js';
import { csvRow } from './csvCell.js';
import { fixed2 } from './fixed2.js';
import { textOf, type TextOut } from './textOut.js';

export const LINKS_HEADER = ['uf_id', 'uf_name', 'contact_id', 'action', 'reason', 'candidates', 'warnings', 'decided_by'] as const;
export const MAX_CANDIDATES_LISTED = 5;

const COMMA = 44;
const SEMICOLON = 59;
const QUOTE = 34;

export function linkContactId(r: UserPlan): number | null {
  return decisionContact(r.decision);
}

/** The candidates cell's value (as a CSV reader gives it back: unquoted). */
export function candidatesCell(r: UserPlan): string {
  return textOf((out) => candidates(r, out, false));
}

/**
 * The candidates cell, `id:score` joined by `;`: contact ids are positive whole numbers (the
 * loader refuses others) and scores lie in [0, 1], so the cell never needs the formula prefix.
 * With several, it is quoted, as csvCell quotes any cell holding `;`: LibreOffice opens a .csv
 * splitting at semicolons too, and would spread the list over the next columns.
 */
function candidates(r: UserPlan, out: TextOut, quoted = true): void {
  const cs = r.candidates;
  const n = Math.min(cs.length, MAX_CANDIDATES_LISTED);
  // the row's contact_id is always among them: when it ranks past the cut (a review's best
  // free candidate behind five held ones, or an operator's pick), it takes the last place
  const chosen = decisionContact(r.decision);
  let last = n - 1;
  if (chosen !== null && cs.length > n) {
    const at = cs.findIndex((c) => c.contactId === chosen);
    if (at >= n) last = at;
  }
  if (quoted && n > 1) out.char(QUOTE);
  for (let i = 0; i < n; i++) {
    const c = cs[i === n - 1 ? last : i]!;
    if (i > 0) out.char(SEMICOLON);
    out.num(c.contactId);
    out.char(58); // ':'
    out.text(fixed2(c.score));
  }
  if (quoted && n > 1) out.char(QUOTE);
}

/** The warnings cell: each code once, in order, joined by `;` (codes are lowercase words and hyphens), quoted when several (as the candidates). */
function codesCell(r: UserPlan, out: TextOut): void {
  const codes = warningCodes(r.warnings);
  if (codes.length > 1) out.char(QUOTE);
  for (let i = 0; i < codes.length; i++) {
    if (i > 0) out.char(SEMICOLON);
    out.text(codes[i]!);
  }
  if (codes.length > 1) out.char(QUOTE);
}

export function writeLinksCsv(plan: Plan, out: TextOut): void {
  out.text(csvRow(LINKS_HEADER));
  for (const r of plan.rows) {
    const d = r.decision;
    out.num(r.user.ufId);
    out.char(COMMA);
    out.cell(r.user.email);
    out.char(COMMA);
    out.cell(linkContactId(r));
    out.char(COMMA);
    // the action, reason and decided_by are words of the spec (lowercase letters and
    // hyphens): cells that never need quoting nor the formula prefix
    out.text(d.action);
    out.char(COMMA);
    out.text(d.reason);
    out.char(COMMA);
    candidates(r, out);
    out.char(COMMA);
    codesCell(r, out);
    out.char(COMMA);
    out.text(d.decidedBy);
    out.text('\r\n');
  }
}

/** links.csv as one string (tests, small plans). */
export function linksCsv(plan: Plan): string {
  return textOf((out) => writeLinksCsv(plan, out));
}
