/** contacts-to-create.csv (SPEC §5.3): the create rows, ready for CiviCRM's contact import. */
import type { Plan } from '../domain/decisions.js';
import { csvRow } from './csvCell.js';
import { cellRow, textOf, type TextOut } from './textOut.js';

export const CREATE_HEADER = ['uf_id', 'contact_type', 'first_name', 'middle_name', 'last_name', 'email'] as const;

export function writeContactsToCreateCsv(plan: Plan, out: TextOut): void {
  out.text(csvRow(CREATE_HEADER));
  for (const r of plan.rows) {
    if (r.decision.action !== 'create') continue;
    const u = r.user;
    // Names as the CMS passes them to CiviCRM (SPEC §3 item 4); the loaders fill them per platform.
    cellRow(out, [u.ufId, 'Individual', u.firstName, u.middleName, u.lastName, u.email.trim()]);
  }
}

/** contacts-to-create.csv as one string (tests, small plans). */
export function contactsToCreateCsv(plan: Plan): string {
  return textOf((out) => writeContactsToCreateCsv(plan, out));
}
