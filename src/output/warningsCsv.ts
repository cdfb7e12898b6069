/** warnings.csv (SPEC §5.2): one row per warning. */
import type { Plan } from '../domain/decisions.js';
import type { Warning } from '../domain/warnings.js';
import { csvRow } from './csvCell.js';
import { fixed2 } from './fixed2.js';
import { cellRow, textOf, type TextOut } from './textOut.js';

export const WARNINGS_HEADER = ['code', 'uf_id', 'contact_id', 'other_uf_id', 'score', 'detail'] as const;

export function allWarnings(plan: Plan): Warning[] {
  const out: Warning[] = [];
  for (const r of plan.rows) for (const w of r.warnings) out.push(w);
  for (const w of plan.globalWarnings) out.push(w);
  return out;
}

function row(w: Warning, out: TextOut): void {
  cellRow(out, [w.code, w.ufId, w.contactId, w.otherUfId, fixed2(w.score), w.detail]);
}

export function writeWarningsCsv(plan: Plan, out: TextOut): void {
  out.text(csvRow(WARNINGS_HEADER));
  for (const r of plan.rows) for (const w of r.warnings) row(w, out);
  for (const w of plan.globalWarnings) row(w, out);
}

/** warnings.csv as one string (tests, small plans). */
export function warningsCsv(plan: Plan): string {
  return textOf((out) => writeWarningsCsv(plan, out));
}
