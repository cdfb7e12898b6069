/**
 * Loads the CiviCRM contacts export (SPEC §2.2), UI style or API/SearchKit style.
 *
 * Decisions where the spec is silent:
 * - Id column: `Contact ID`, older exports' `Internal Contact ID`, or `id`. It must hold a
 *   positive whole number; an id twice is an InputError naming both lines.
 * - Primary email column: `Email`, `email_primary.email` (or `Primary Email`, `Email Address`).
 *   Every other column whose normalised name ends in `email` is a non-primary email column
 *   (`Home-Email`, `Work-Email`, `Main-Email`, `email_billing.email`, …) except `Do Not Email`.
 *   Empty cells are skipped; an address repeated on a contact (same key) is kept once, the
 *   primary column winning. The primary email, when there is one, is `emails[0]`.
 * - A file with no email column at all is an InputError unless `requireEmailColumn: false`
 *   (the CLI passes that when `--emails` supplies the addresses): otherwise every user would
 *   silently become `create`.
 * - Contact type: no column → every contact is `Individual` (CiviCRM's default type); an empty
 *   cell → `Individual`; `individual`/`organization`/`household` in any case, and their labels in
 *   a few languages (contactType), → canonical spelling; anything else is kept as it stands (not
 *   an Individual: CiviCRM never matches it) and named in a note (ContactColumns.unknownTypes).
 * - Trash (`Contact is in Trash` / `is_deleted`): see trashFlag (1/Yes/true and translations =
 *   trashed, empty/0/No/false and translations = not); any other value is an InputError.
 * - Names are trimmed. A header-only file is an InputError.
 *
 * How: a plain UTF-8 file (what exports write; plainCsv.ts says exactly what that is) is read
 * as bytes straight into the table (contactBytes.ts), with these same rules; any other file
 * (another --encoding, UTF-16, …) goes through papaparse (csvStream.ts), and so does the rest
 * of a file from where it stops being plain (a quote inside a value, a ragged row, …),
 * papaparse also wording the errors. All ways give the same contacts; a property test
 * compares them on random files.
 */
import { fileSize } from '../runtime/fileSize.js';
import type { Contact, ContactEmail, InputInfo } from '../domain/types.js';
import { ContactTable } from './contactTable.js';
import { loadContactBytes } from './contactBytes.js';
import { continueCsv, DEFAULT_MAX_ROW_CHARS, streamCsv, type CsvProgress, type CsvResult, type CsvSink } from './csvStream.js';
import { resolveEncoding } from './decode.js';
import { InputError } from './errors.js';
import { badId, badTrashFlag, contactType, emailKey, findDuplicateId, parseId, severalAddresses, severalAddressesError, sqlNull, trashFlag } from './fields.js';
import { CONTACT_MARKERS, Header, normalizeHeader } from './headers.js';
import { refuseOwnOutput } from './ownOutputs.js';

export interface LoadedContacts {
  readonly contacts: ContactTable;
  readonly info: InputInfo;
  /** Columns set aside or missing, for a note. */
  readonly columns: ContactColumns;
}

export { loadEmails, type LoadEmailsOptions, type LoadedEmails } from './emails.js';

export interface LoadContactsOptions {
  encoding?: string;
  onProgress?: (progress: CsvProgress) => void;
  /** Default true: the file must have an email column. False when `--emails` is given. */
  requireEmailColumn?: boolean;
  /** Read size in bytes (tests). */
  highWaterMark?: number;
  /** Default true: read a plain UTF-8 file as bytes (contactBytes.ts); false: always with papaparse (tests compare the two). */
  bytes?: boolean;
  /** Called with each contact as soon as it is stored, and its position: read it from `contacts` without building it. */
  onStored?: (contacts: ContactTable, pos: number) => void;
  /** Keep the table's columns in shared memory (ContactTable's `shared`): a worker reads the contacts as they are stored. */
  sharedTable?: boolean;
}

const ID = ['Contact ID', 'Internal Contact ID', 'id'];
const PRIMARY_EMAIL = ['Email', 'email_primary.email', 'Primary Email', 'Email Address'];
/** `Do Not Email`, also a related contact's (`Employee of-Do Not Email`): a flag, not an address. */
const notAnAddress = (key: string): boolean => key.endsWith('donotemail');

/** The names (normalised) of a contact's own email column without a "<location>-" prefix. */
const OWN_NAMES: ReadonlySet<string> = new Set(PRIMARY_EMAIL.map(normalizeHeader));
/**
 * Words in a custom email field's label that name someone other than the contact: a parent's,
 * an emergency contact's, an employer's address is theirs, and CiviCRM never matches it.
 */
const ANOTHER_PERSON =
  /\b(parents?|guardians?|emergency|spouse|partner|husband|wife|child(ren)?|kids?|sons?|daughters?|mother|father|mom|mum|dad|family|kin|relatives?|referees?|references?|manager|supervisor|employer|boss|assistant|secretary|carer|caregiver|doctor|physician|teacher|sponsor|mentor|friend|contact person)\b/i;
/**
 * Of those words, the ones no location type is named with: a "<label>-Email" prefix with one of
 * them is a custom relationship's (`Emergency Contact-Email`, `Parent-Email`). "Family",
 * "Partner", "Assistant" are left out: a site may name a location type so, and its emails are
 * the contact's own rows, which CiviCRM matches.
 */
const RELATED_LABEL =
  /\b(parents?|guardians?|emergency|spouse|husband|wife|child(ren)?|kids?|sons?|daughters?|mother|father|mom|mum|dad|kin|relatives?|friends?|referees?|references?|manager|supervisor|employer|boss|secretary|carer|caregiver|doctor|physician|teacher|sponsor|mentor|contact person)\b/i;
/** APIv4's joined email fields: `email_primary.email`, `email_billing.email`. */
const API_EMAIL = /^email_[a-z0-9_]+\.email$/i;

/** CiviCRM's own location types: "<location>-Email" is one of the contact's addresses. */
const LOCATION_TYPES: ReadonlySet<string> = new Set(['home', 'work', 'main', 'other', 'billing', 'primary']);

/** Labels of CiviCRM's core relationship types that do not end in "of", "for", "is" or "by" (the b-to-a side of some). */
const CORE_RELATIONSHIPS: ReadonlySet<string> = new Set([
  'benefits specialist',
  'case coordinator',
  'health services coordinator',
  'homeless services coordinator',
  'senior services coordinator',
  'supervisor',
]);

/**
 * Whose address an email column of CiviCRM's UI export holds. The export labels a location's
 * email "<location>-Email" (`Home-Email`) and a relationship's fields "<relationship>-[<location>-]<field>"
 * (`Employee of-Email`, `Spouse of-Home-Email`; CRM_Export_BAO_ExportProcessor::getOutputSpecificationLabel):
 * a related contact's address, which CiviCRM never matches to this contact.
 * - `own`: no prefix (`Email`, `email_billing.email`), or one of CiviCRM's location types;
 * - `related`: a second dash (relationship and location), a label ending in a word such as
 *   "of", "for", "is" or "by" (`Head of Household for`), a core relationship's other label
 *   (`Supervisor`, `Case Coordinator`), or a label naming another person (`Emergency Contact`,
 *   `Parent`, `Mentor`: RELATED_LABEL);
 * - `unsure`: any other prefix — a custom location type (`School-Email`) or a custom
 *   relationship of another label (`Buddy-Email`): taken as the contact's own, and said; so is any other name
 *   ending in "Email" (`Work Email`, SearchKit's `Contact Emails: Email`): SPEC §2.2 counts
 *   every email column;
 * - `other`: such a name with a word for another person in it (`Parent/Guardian Email`,
 *   `Emergency Contact Email`): a custom field holding someone else's address, no email row of
 *   the contact's, so CiviCRM never matches it — set aside, and said (a user linked by it was
 *   linked to the wrong person: the child's contact for the parent's account).
 */
export function emailColumnOwner(name: string): 'own' | 'related' | 'unsure' | 'other' {
  const m = /^(.*?)\s*-\s*e-?mail\s*$/i.exec(name);
  if (!m) {
    if (OWN_NAMES.has(normalizeHeader(name)) || API_EMAIL.test(name.trim())) return 'own';
    // a custom field naming another person ("Parent/Guardian Email"): set aside. Any other name
    // ("Work Email", "Secondary Email", SearchKit's "Contact Emails: Email") may hold the
    // contact's own rows, and SPEC §2.2 counts every email column: taken, and said
    return ANOTHER_PERSON.test(name) ? 'other' : 'unsure';
  }
  const before = (m[1] as string).trim().toLowerCase().replace(/\s+/g, ' ');
  if (before === '' || LOCATION_TYPES.has(before)) return 'own';
  // (a custom relationship's label naming a person — `Emergency Contact-Email`, `Parent-Email` — is
  // the related contact's address: taking it as the contact's own linked the parent's account to
  // the child's contact)
  if (before.includes('-') || /\s(of|for|is|by|to|with|from|at)$/.test(before) || CORE_RELATIONSHIPS.has(before) || RELATED_LABEL.test(before)) return 'related';
  return 'unsure';
}

const CONTEXT = 'a CiviCRM contacts export';

export interface ContactPlan {
  readonly id: number;
  readonly idName: string;
  readonly type: number;
  readonly display: number;
  readonly first: number;
  readonly middle: number;
  readonly last: number;
  readonly trash: number;
  readonly trashName: string;
  /** Email columns, primary first (if any); `primary` tells whether [0] is the primary one. */
  readonly emails: readonly number[];
  readonly sources: readonly string[];
  readonly primary: boolean;
  /** What the header leaves out or sets aside, for a note. */
  readonly columns: ContactColumns;
}

/** Columns of a contacts export ufmatch does not use as it might be expected to, for a note on stderr. */
export interface ContactColumns {
  /** Email columns of related contacts (emailColumnOwner), as named in the file: not this contact's addresses. */
  readonly relatedEmails: readonly string[];
  /** Email columns named "<prefix>-Email" whose prefix is neither a known location type nor a relationship's label: taken as the contact's own. */
  readonly unsureEmails: readonly string[];
  /** Columns whose name ends in "Email" but that are none of CiviCRM's email columns (emailColumnOwner's `other`): set aside. */
  readonly otherEmails: readonly string[];
  /** No contact type column: every contact is an Individual. */
  readonly noType: boolean;
  /** No trash column: no contact is in the trash. */
  readonly noTrash: boolean;
  /** Contact types none of CiviCRM's (contactType): each value, its rows, its first line. */
  readonly unknownTypes?: readonly { readonly value: string; readonly rows: number; readonly line: number }[];
}

/**
 * Another export given as the contacts file: a users export (its id and email columns would
 * pass for a contact's) or a civicrm_email export. Told by columns a contacts export does not
 * have, and only when it has none of a contact's own (type, trash, names).
 */
function refuseOtherExports(header: Header): void {
  refuseOwnOutput(header, '--contacts');
  const contactOwn = [...CONTACT_MARKERS, 'First Name', 'Last Name', 'Display Name'];
  if (header.has(['is_primary']) && !contactOwn.some((c) => header.has([c]))) {
    throw new InputError(header.file, header.line, 'this looks like a civicrm_email export (contact_id, email, is_primary), not a contacts export', 'give it with --emails, and the contacts export with --contacts');
  }
  if (header.has(['uf_id', 'CMS ID']) && !contactOwn.some((c) => header.has([c]))) {
    throw new InputError(header.file, header.line, 'this looks like a civicrm_uf_match export (uf_id, contact_id), not a contacts export', 'give it with --links, and the contacts export with --contacts');
  }
  if (header.has([...CONTACT_MARKERS, 'Contact ID'])) return;
  const users = header.has(['user_email']) || header.has(['user_login']) ? 'a WordPress users export (user_email)'
    : header.has(['uid', 'User ID']) && header.has(['mail', 'User mail']) ? 'a Drupal users export (uid, mail)'
    : header.has(['username']) && header.has(['email']) ? 'a Joomla users export (username, email)'
    : null;
  if (users) throw new InputError(header.file, header.line, `this looks like ${users}, not a CiviCRM contacts export`, 'give it with --users, and the contacts export with --contacts');
}

export function planContacts(header: Header, requireEmail: boolean): ContactPlan {
  refuseOtherExports(header);
  const id = header.require(ID, CONTEXT);
  const primary = header.find(PRIMARY_EMAIL);
  const named = header.filter((k) => k.endsWith('email') && !notAnAddress(k)).filter((i) => i !== primary);
  const owner = (i: number) => emailColumnOwner(header.names[i] ?? '');
  const related = named.filter((i) => owner(i) === 'related');
  const unsure = named.filter((i) => owner(i) === 'unsure');
  const custom = named.filter((i) => owner(i) === 'other');
  const others = named.filter((i) => !related.includes(i) && !custom.includes(i));
  const emails = primary === -1 ? others : [primary, ...others];
  const trash = header.find(['Contact is in Trash', 'is_deleted']);
  const type = header.find(['Contact Type', 'contact_type']);
  const namesOf = (cols: readonly number[]) => cols.map((i) => header.names[i] ?? '');
  if (requireEmail && emails.length === 0 && related.length > 0) {
    // the nearest match would be a related contact's column: not what to rename into "Email"
    throw new InputError(
      header.file,
      header.line,
      `no email column of the contacts' own: ${namesOf(related).map((n) => `"${n}"`).join(', ')} ${related.length === 1 ? "holds a related contact's" : "hold related contacts'"} emails`,
      'export the contacts with their own Email column (and location emails such as Home-Email), or give their addresses with --emails',
    );
  }
  if (requireEmail && emails.length === 0 && custom.length > 0) {
    // the nearest match would be the custom field set aside: say why it is not taken
    throw new InputError(
      header.file,
      header.line,
      `no email column of the contacts' own: ${namesOf(custom).map((n) => `"${n}"`).join(', ')} ${custom.length === 1 ? 'is a custom field' : 'are custom fields'} for another person's address, none of CiviCRM's email columns ("Email", "<location>-Email")`,
      `export the contacts with their own Email column (and location emails such as Home-Email), or give their addresses with --emails; if ${custom.length === 1 ? 'it holds' : 'one holds'} the contact's own addresses, rename it "Email"`,
    );
  }
  if (requireEmail && emails.length === 0) throw header.missing(PRIMARY_EMAIL, `${CONTEXT} (or give --emails)`);
  return {
    id,
    idName: header.names[id] ?? 'Contact ID',
    type,
    display: header.find(['Display Name', 'display_name']),
    first: header.find(['First Name', 'first_name']),
    middle: header.find(['Middle Name', 'middle_name']),
    last: header.find(['Last Name', 'last_name']),
    trash,
    trashName: trash >= 0 ? (header.names[trash] ?? 'Contact is in Trash') : '',
    emails,
    sources: emails.map((i) => header.names[i] ?? 'Email'),
    primary: primary !== -1,
    columns: { relatedEmails: namesOf(related), unsureEmails: namesOf(unsure), otherEmails: namesOf(custom), noType: type === -1, noTrash: trash === -1 },
  };
}

/**
 * One row as a transient Contact: its strings are the parser's (cut from the file's text),
 * fine for the table, which copies them, and for hooks that copy what they keep.
 */
function buildContact(path: string, plan: ContactPlan, f: string[], id: number, line: number, typeOf: (cell: string, line: number) => string): Contact {
  let deleted = false;
  if (plan.trash >= 0) {
    const flag = trashFlag(sqlNull(f[plan.trash] as string));
    if (flag === null) throw badTrashFlag(path, line, plan.trashName, plan.trash);
    deleted = flag;
  }
  const emails: ContactEmail[] = [];
  for (let k = 0; k < plan.emails.length; k++) {
    const email = sqlNull(f[plan.emails[k] as number] as string);
    if (email.length === 0) continue;
    const several = severalAddresses(email);
    if (several > 0) throw severalAddressesError(path, line, plan.sources[k] as string, plan.emails[k] as number, several);
    const key = emailKey(email);
    if (key === '' || hasKey(emails, key)) continue;
    emails.push({ email, key, primary: k === 0 && plan.primary, source: plan.sources[k] as string });
  }
  return {
    id,
    type: plan.type < 0 ? 'Individual' : typeOf(sqlNull(f[plan.type] as string), line),
    displayName: cell(f, plan.display),
    firstName: cell(f, plan.first),
    middleName: cell(f, plan.middle),
    lastName: cell(f, plan.last),
    deleted,
    emails,
    line,
  };
}

/** Trimmed cell, '' for an absent column or a table dump's NULL (`\N`, `NULL`). */
function cell(f: string[], i: number): string {
  return i < 0 ? '' : sqlNull(f[i] as string).trim();
}

function hasKey(emails: readonly ContactEmail[], key: string): boolean {
  for (let i = 0; i < emails.length; i++) if ((emails[i] as ContactEmail).key === key) return true;
  return false;
}

export async function loadContacts(path: string, options: LoadContactsOptions = {}): Promise<LoadedContacts> {
  const bytes = fileBytes(path);
  const contacts = new ContactTable(bytes, options.sharedTable === true, Math.max(1024, Math.ceil(bytes / MIN_ROW_BYTES)));
  const requireEmail = options.requireEmailColumn ?? true;
  let plan: ContactPlan | null = null;
  // a type none of CiviCRM's three (nor their labels in a few languages): kept as it stands (not
  // an Individual, so never matched, as in CiviCRM), and said in a note with its count
  const unknownTypes = new Map<string, { rows: number; line: number }>();
  const typeOf = (cell: string, line: number): string => {
    const known = contactType(cell);
    if (known !== null) return known;
    const value = cell.trim();
    const seen = unknownTypes.get(value);
    if (seen) seen.rows++;
    else unknownTypes.set(value, { rows: 1, line });
    return value;
  };
  const sink: CsvSink = {
    header(fields, line) {
      plan = planContacts(new Header(path, fields, line), requireEmail);
    },
    row(fields, line) {
      const p = plan as ContactPlan;
      const id = parseId(fields[p.id] as string);
      if (id <= 0) throw badId(path, line, p.idName, p.id, fields[p.id]);
      const c = buildContact(path, p, fields, id, line, typeOf);
      contacts.append(c);
      options.onStored?.(contacts, contacts.length - 1);
    },
  };
  let result: CsvResult;
  if (options.bytes !== false && resolveEncoding(path, options.encoding) === 'utf-8') {
    const r = await loadContactBytes(path, contacts, {
      plan: (header) => (plan = planContacts(header, requireEmail)),
      contactType: typeOf,
      maxRowBytes: DEFAULT_MAX_ROW_CHARS,
      ...(options.highWaterMark ? { chunk: options.highWaterMark } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.onStored ? { onStored: options.onStored } : {}),
    });
    if (r && 'info' in r) return checked(path, contacts, r.info, r.headerLine, plan, unknownTypes);
    if (r) {
      // the file stopped being plain: papaparse reads the rest into the same table
      plan = r.plan;
      result = await continueCsv(path, options, sink, r.from);
    } else result = await streamCsv(path, { ...options, plain: false }, sink);
  } else {
    // the bytes are not wanted (tests), or not UTF-8: papaparse, which also says what is wrong
    result = await streamCsv(path, { ...options, plain: false }, sink);
  }
  return checked(path, contacts, { path, rows: result.rows, sha256: result.sha256 }, result.headerLine, plan, unknownTypes);
}

/** The checks on the whole file, however it was read: a header, rows, no id twice. */
function checked(path: string, contacts: ContactTable, info: InputInfo, headerLine: number, plan: ContactPlan | null, unknownTypes: ReadonlyMap<string, { rows: number; line: number }>): LoadedContacts {
  if (plan === null) throw new InputError(path, 1, 'no header row', 'export the contacts again');
  const { idName } = plan;
  if (info.rows === 0) {
    throw new InputError(path, headerLine + 1, 'no contacts: the file has a header but no data rows', 'export the contacts again, with their rows');
  }
  const dup = findDuplicateId(contacts.idColumn());
  if (dup) {
    const [a, b] = dup;
    throw new InputError(path, contacts.lineAt(b), `"${idName}" repeats the contact id of line ${contacts.lineAt(a)}`, 'each contact must appear once; remove the duplicate row or export again (a query with a row per email address: give the addresses with --emails as contact_id,email,is_primary instead)');
  }
  const types = [...unknownTypes].map(([value, { rows, line }]) => ({ value, rows, line }));
  return { contacts, info, columns: types.length > 0 ? { ...plan.columns, unknownTypes: types } : plan.columns };
}

/**
 * Bytes a contacts row takes, at fewest, for sizing the table at first: an id, a type, names
 * and an address with their delimiters rarely take fewer (the bench's rows take 84, real
 * exports with more columns several hundred); a file of shorter rows only makes it grow.
 */
export const MIN_ROW_BYTES = 48;

/** The file's size, a bound on its text in UTF-8 (the table's first arena); 0 when unknown. */
function fileBytes(path: string): number {
  return Math.min(fileSize(path), 1 << 28);
}
