/**
 * Loads `--emails` (a `civicrm_email` export: `contact_id,email,is_primary`, other columns
 * ignored) and appends its rows to the contacts loaded before.
 *
 * Decisions where the spec is silent:
 * - `contact_id` and `email` are required; `is_primary` is optional (absent = not primary;
 *   1/yes/true = primary, 0/no/false/empty = not, as the trash flag is read: yesNoFlag; any
 *   other value is an InputError, since CiviCRM's pick depends on it). A contact_id that is
 *   not a positive whole number is an InputError, and so is a cell holding several addresses
 *   (as in the contacts file); empty emails are skipped; a header-only file is fine.
 * - Rows for contacts not in the contacts file are ignored and counted (`unknownContacts`).
 * - An address the contact already has (same key) is not added twice. If that row says
 *   primary and the contact has no primary yet, the existing entry becomes the primary.
 * - A contact has at most one primary: the first `is_primary` row of the emails file, which
 *   is civicrm_email itself, where CiviCRM's matching reads is_primary; else the contacts
 *   file's primary column. When the two name different addresses (exports taken at different
 *   times), the emails file's wins and the contact is counted (`primaryOverrides`) for a note.
 *   Later primaries of the emails file are added as non-primary. The primary email stays at
 *   `emails[0]`.
 */
import type { ContactEmail, InputInfo } from '../domain/types.js';
import { positionById } from '../match/contactIndex.js';
import type { ContactTable } from './contactTable.js';
import { streamCsv, type CsvProgress } from './csvStream.js';
import { InputError } from './errors.js';
import { badId, emailKey, own, parseId, severalAddresses, sqlNull, yesNoFlag } from './fields.js';
import { refuseOwnOutput } from './ownOutputs.js';
import { Header } from './headers.js';

export interface LoadEmailsOptions {
  encoding?: string;
  onProgress?: (progress: CsvProgress) => void;
  /** Read size in bytes (tests). */
  highWaterMark?: number;
  /** Called for each address appended to a contact (`pos`: its position in `contacts`; `usable`: not trashed, an Individual). */
  onAdded?: (pos: number, usable: boolean, key: string) => void;
  /** Called whenever the emails of the contact at `pos` change (an address added, or one made primary). */
  onChanged?: (pos: number) => void;
}

export interface LoadedEmails extends InputInfo {
  /** Emails appended to contacts (new addresses). */
  readonly added: number;
  /** Rows whose contact_id is not in the contacts file: ignored. */
  readonly unknownContacts: number;
  /** Contacts whose primary address the emails file set to another than the contacts file's primary column. */
  readonly primaryOverrides: number;
}

const SOURCE = 'emails-file';

export async function loadEmails(path: string, contacts: ContactTable, options: LoadEmailsOptions = {}): Promise<LoadedEmails> {
  const byId = positionById(contacts.idColumn()); // ids are unique: the loader refused repeats
  let idCol = -1;
  let idName = 'contact_id';
  let emailCol = -1;
  let primaryCol = -1;
  let emailName = 'email';
  let primaryName = 'is_primary';
  /** is_primary read (SQL's NULL and an empty cell: not primary); anything but yes or no is an InputError: CiviCRM's pick depends on it. */
  const primaryFlag = (cell: string, line: number): boolean => {
    const flag = yesNoFlag(sqlNull(cell));
    if (flag === null) throw new InputError(path, line, `"${primaryName}" is neither 1/yes/true (primary) nor 0/no/false/empty`, 'export the emails again, or set that cell to 1 or 0', primaryCol + 1);
    return flag;
  };
  let added = 0;
  let unknownContacts = 0;
  let primaryOverrides = 0;
  /** Contacts whose primary an is_primary row of this file has set. */
  const primarySet = new Set<number>();
  /**
   * The email lists this load made (a copy of the contact's, on its first row here), changed in
   * place by later rows, with their keys: a contact with 10,000 rows (a catch-all address
   * book) was copied and searched whole for each of them.
   */
  const lists = new Map<number, { emails: ContactEmail[]; keys: Set<string> }>();
  const result = await streamCsv(path, options, {
    header(fields, line) {
      const header = new Header(path, fields, line);
      refuseOwnOutput(header, '--emails');
      const context = 'an emails export (civicrm_email)';
      idCol = header.require(['contact_id'], context);
      idName = header.names[idCol] ?? idName;
      emailCol = header.require(['email'], context);
      primaryCol = header.find(['is_primary']);
      emailName = header.names[emailCol] ?? emailName;
      primaryName = primaryCol >= 0 ? (header.names[primaryCol] ?? primaryName) : primaryName;
    },
    row(fields, line, owned) {
      const id = parseId(fields[idCol] as string);
      if (id <= 0) throw badId(path, line, idName, idCol, fields[idCol]);
      const pos = byId.get(id);
      if (pos === undefined) {
        unknownContacts++;
        return;
      }
      const email = sqlNull(owned ? (fields[emailCol] as string) : own(fields[emailCol] as string));
      const key = emailKey(email);
      if (key === '') return;
      const several = severalAddresses(email);
      if (several > 0) {
        throw new InputError(path, line, `"${emailName}" holds ${several} addresses in one cell; civicrm_email keeps one address per row, and CiviCRM matches the whole value`, 'give each address a row of its own; if the database itself holds this value, correct it there', emailCol + 1);
      }
      const primary = primaryCol >= 0 && primaryFlag(fields[primaryCol] as string, line);
      let mine = lists.get(pos);
      if (mine === undefined) {
        const emails = contacts.emailsAt(pos).slice();
        mine = { emails, keys: new Set(emails.map((e) => e.key)) };
        lists.set(pos, mine);
      }
      const emails = mine.emails;
      // an is_primary row sets the primary unless an earlier one of this file did
      const takes = primary && !primarySet.has(pos);
      const overrides = takes && emails.length > 0 && emails[0]!.primary && emails[0]!.key !== key;
      if (takes) primarySet.add(pos);
      const change = addEmail(emails, mine.keys, email, key, takes);
      if (change === 'none') return;
      if (overrides) primaryOverrides++;
      contacts.setEmails(pos, emails);
      options.onChanged?.(pos);
      if (change === 'added') {
        added++;
        options.onAdded?.(pos, contacts.usableAt(pos), key);
      }
    },
  });
  return { path, rows: result.rows, sha256: result.sha256, added, unknownContacts, primaryOverrides };
}

/**
 * Adds the address (once per key; `keys` holds the list's keys); `primary`: it becomes the
 * contact's primary, the one before it (if another) no longer is. Says what changed: an
 * address appended, only which one is primary, or nothing.
 */
function addEmail(emails: ContactEmail[], keys: Set<string>, email: string, key: string, primary: boolean): 'added' | 'primary' | 'none' {
  const first = emails[0];
  let change: 'primary' | 'none' = 'none';
  if (primary && first !== undefined && first.primary && first.key !== key) {
    emails[0] = { ...first, primary: false };
    change = 'primary';
  }
  if (keys.has(key)) {
    const existing = emails.findIndex((e) => e.key === key);
    if (primary && !emails[existing]!.primary) {
      const [e] = emails.splice(existing, 1) as [ContactEmail];
      emails.unshift({ ...e, primary: true });
      change = 'primary';
    }
    return change;
  }
  keys.add(key);
  if (primary) emails.unshift({ email, key, primary: true, source: SOURCE });
  else emails.push({ email, key, primary: false, source: SOURCE });
  return 'added';
}
