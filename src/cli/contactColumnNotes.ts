/** The notes a scripted run prints about the contacts file's columns: what it sets aside, and what it lacks. */
import type { ContactColumns } from '../load/contacts.js';
import { printable } from '../runtime/printable.js';

/** Unknown contact types named one by one; the rest are counted. */
const TYPES_NAMED = 5;

/** At most this many column names are quoted in a note; the rest are counted. */
const NAMES_QUOTED = 10;

const quoted = (names: readonly string[]): string => {
  const shown = names.slice(0, NAMES_QUOTED).map((n) => `"${n}"`).join(', ');
  return names.length > NAMES_QUOTED ? `${shown} and ${names.length - NAMES_QUOTED} more` : shown;
};

export function contactColumnNotes(columns: ContactColumns, file: string): string[] {
  const notes: string[] = [];
  const related = columns.relatedEmails;
  if (related.length === 1) {
    notes.push(`${file}: column ${quoted(related)} holds a related contact's email, not the contact's own; CiviCRM does not match it, and neither does ufmatch`);
  } else if (related.length > 1) {
    notes.push(`${file}: columns ${quoted(related)} hold related contacts' emails, not the contact's own; CiviCRM does not match them, and neither does ufmatch`);
  }
  const unsure = columns.unsureEmails;
  if (unsure.length > 0) {
    notes.push(
      `${file}: ${unsure.length === 1 ? 'column' : 'columns'} ${quoted(unsure)} ${unsure.length === 1 ? 'is' : 'are'} taken as the contact's own ${unsure.length === 1 ? 'email' : 'emails'}; CiviCRM labels a related contact's fields "<relationship>-…" too (SearchKit "<join>: …"): if ${unsure.length === 1 ? 'it is one' : 'one is'}, export the contacts without it`,
    );
  }
  const other = columns.otherEmails;
  if (other.length > 0) {
    const one = other.length === 1;
    notes.push(
      `${file}: ${one ? 'column' : 'columns'} ${quoted(other)} ${one ? 'is' : 'are'} none of CiviCRM's email columns ("Email", "<location>-Email"): ${one ? 'a custom field' : 'custom fields'} for another person's address, not the contact's own; CiviCRM does not match ${one ? 'it' : 'them'}, and neither does ufmatch — if ${one ? 'it holds' : 'one holds'} the contact's own addresses, rename it "Other-Email"`,
    );
  }
  // (a cell's value: its control characters shown, not sent; at most a few, shifted columns make thousands)
  const types = columns.unknownTypes ?? [];
  for (const t of types.slice(0, TYPES_NAMED)) {
    notes.push(
      `${file}: contact type "${printable(t.value.length > 40 ? `${t.value.slice(0, 39)}…` : t.value)}" (${t.rows} ${t.rows === 1 ? 'row' : 'rows'}, first on line ${t.line}) is none of CiviCRM's (Individual, Organization, Household): such contacts are taken as not Individuals, which CiviCRM never matches — if it means one of them, export the contacts with CiviCRM's type names`,
    );
  }
  if (types.length > TYPES_NAMED) {
    const rest = types.slice(TYPES_NAMED);
    notes.push(`${file}: and ${rest.length} more contact types none of CiviCRM's (${rest.reduce((n, t) => n + t.rows, 0)} rows, first on line ${Math.min(...rest.map((t) => t.line))}): are the columns shifted?`);
  }
  if (columns.noType) {
    notes.push(`${file} has no contact type column ("Contact Type" or contact_type): every contact is taken as an Individual — export it with that column if some are Organizations or Households`);
  }
  if (columns.noTrash) {
    notes.push(`${file} has no trash column ("Contact is in Trash" or is_deleted): no contact is taken as in the trash — export it with that column if trashed contacts are in it`);
  }
  return notes;
}
