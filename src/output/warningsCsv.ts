/** warnings.csv (SPEC §5.2): one row per warning. */
import type { Plan } from '../domain/decisions.js';
import type { Warning } from '../domain/warnings.js';
import { csvRow } from './csvCell.js';

export const WARNINGS_HEADER = ['code', 'uf_id', 'contact_id', 'other_uf_id', 'score', 'detail'] as const;

export function allWarnings(plan: Plan): Warning[] {
  const out: Warning[] = [];
  for (const r of plan.rows) for (const w of r.warnings) out.push(w);
  for (const w of plan.globalWarnings) out.push(w);
  return out;
}

export function* warningsCsv(plan: Plan): Generator<string> {
  yield csvRow(WARNINGS_HEADER);
  const row = (w: Warning) => csvRow([w.code, w.ufId, w.contactId, w.otherUfId, w.score.toFixed(2), w.detail]);
  for (const r of plan.rows) for (const w of r.warnings) yield row(w);
  for (const w of plan.globalWarnings) yield row(w);
}
