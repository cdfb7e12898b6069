/**
 * ufmatch's own outputs given back as an input. links.csv has `uf_id` and `contact_id`, so it
 * would load as a civicrm_uf_match export: every row with a contact — proposals and review
 * rows included — would become an existing link, kept, and none of them would reach
 * uf_match.sql. decisions.csv has both columns too. They are told by columns no export of
 * CiviCRM or a CMS has (SPEC §5's headers), and refused as inputs whichever option they come by.
 */
import { InputError } from './errors.js';
import { normalizeHeader, type Header } from './headers.js';

interface OwnOutput {
  /** Columns that together say which output it is (all of them must be there). */
  readonly marks: readonly string[];
  /** Columns the output never has: with one of them, the file is an export after all. */
  readonly unless?: readonly string[];
  /** Columns of its own, no export has: with `marks`, any one of them says it is this output. */
  readonly anyOf?: readonly string[];
  readonly what: string;
  /** What to do instead, given the export the option wants (`the civicrm_uf_match export with --links`). */
  readonly remedy: (wanted: string) => string;
}

/** The export each input option wants. */
const EXPORT_OF: Readonly<Record<string, string>> = {
  '--users': 'a users export',
  '--contacts': 'a CiviCRM contacts export',
  '--links': 'a civicrm_uf_match export',
  '--emails': 'a civicrm_email export',
};

const CARRY_OVER = "to carry an earlier review's decisions over, give its decisions.csv with --decisions";

const OWN_OUTPUTS: readonly OwnOutput[] = [
  {
    // (any of its own columns: a copy with some deleted in a spreadsheet is still not an export)
    marks: ['uf_id', 'contact_id'],
    anyOf: ['reason', 'candidates', 'decided_by'],
    what: "ufmatch's own links.csv (an output: its rows are ufmatch's plan, not links CiviCRM holds)",
    remedy: (wanted) => `give ${wanted}; ${CARRY_OVER}`,
  },
  {
    marks: ['uf_id', 'contact_id'],
    anyOf: ['action', 'decided_at'],
    what: "ufmatch's decisions journal (decisions.csv)",
    remedy: (wanted) => `give it with --decisions, and ${wanted}`,
  },
  {
    marks: ['code', 'uf_id', 'contact_id', 'other_uf_id', 'score', 'detail'],
    what: "ufmatch's own warnings.csv (an output)",
    remedy: (wanted) => `give ${wanted}`,
  },
  {
    marks: ['uf_id', 'contact_type', 'first_name', 'middle_name', 'last_name', 'email'],
    // (a contacts export joined with uf_match has these and its own id: `id` or `contact_id`)
    unless: ['id', 'contact_id', 'Contact ID'],
    what: "ufmatch's own contacts-to-create.csv (an output: contacts not yet in CiviCRM)",
    remedy: (wanted) => `give ${wanted}; import that file into CiviCRM first if its contacts should count, then export them again`,
  },
];

/** Throws an InputError when the header is one of ufmatch's outputs; `option` is the one it came by (`--links`). */
export function refuseOwnOutput(header: Header, option: keyof typeof EXPORT_OF & string): void {
  const wanted = EXPORT_OF[option] ?? 'the export';
  // (by the normalised names, not Header.find: that refuses two columns of one name, which an
  // export may have among columns no loader reads)
  const has = (name: string): boolean => header.keys.includes(normalizeHeader(name));
  for (const o of OWN_OUTPUTS) {
    if (o.marks.every(has) && (o.anyOf === undefined || o.anyOf.some(has)) && !(o.unless ?? []).some(has)) {
      throw new InputError(header.file, header.line, `this is ${o.what}, not ${wanted}`, o.remedy(`${wanted.replace(/^an? /, 'the ')} with ${option}`));
    }
  }
}
