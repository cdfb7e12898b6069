/**
 * Loads `--emails` (a `civicrm_email` export: `contact_id,email,is_primary`, other columns
 * ignored) and appends its rows to the contacts loaded before.
 *
 * Decisions where the spec is silent:
 * - `contact_id` and `email` are required; `is_primary` is optional (absent = not primary;
 *   y/yes/t/true/1 = primary). A contact_id that is not a positive whole number is an
 *   InputError; empty emails are skipped; a header-only file is fine (nothing added).
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
import type { Contact, ContactEmail, InputInfo } from '../domain/types.js';
import { positionById } from '../match/contactIndex.js';
import type { ContactTable } from './contactTable.js';
import { streamCsv, type CsvProgress } from './csvStream.js';
import { badId, emailKey, isYes, own, parseId, sqlNull } from './fields.js';
import { Header } from './headers.js';

export interface LoadEmailsOptions {
  encoding?: string;
  onProgress?: (progress: CsvProgress) => void;
  /** Read size in bytes (tests). */
  highWaterMark?: number;
  /** Called for each address appended to a contact (`pos`: its position in `contacts`), with the contact as it now is. */
  onAdded?: (pos: number, contact: Contact, key: string) => void;
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
  let added = 0;
  let unknownContacts = 0;
  let primaryOverrides = 0;
  /** Contacts whose primary an is_primary row of this file has set. */
  const primarySet = new Set<number>();
  const result = await streamCsv(path, options, {
    header(fields, line) {
      const header = new Header(path, fields, line);
      const context = 'an emails export (civicrm_email)';
      idCol = header.require(['contact_id'], context);
      idName = header.names[idCol] ?? idName;
      emailCol = header.require(['email'], context);
      primaryCol = header.find(['is_primary']);
    },
    row(fields, line, owned) {
      const id = parseId(fields[idCol] as string);
      if (id <= 0) throw badId(path, line, idName, idCol);
      const pos = byId.get(id);
      if (pos === undefined) {
        unknownContacts++;
        return;
      }
      const email = sqlNull(owned ? (fields[emailCol] as string) : own(fields[emailCol] as string));
      const key = emailKey(email);
      if (key === '') return;
      const primary = primaryCol >= 0 && isYes(fields[primaryCol] as string);
      const before = contacts.emailsAt(pos);
      const emails = before.slice();
      // an is_primary row sets the primary unless an earlier one of this file did
      const takes = primary && !primarySet.has(pos);
      const overrides = takes && before.length > 0 && before[0]!.primary && before[0]!.key !== key;
      if (takes) primarySet.add(pos);
      const isNew = addEmail(emails, email, key, takes);
      if (!changed(emails, before)) return;
      if (overrides) primaryOverrides++;
      contacts.setEmails(pos, emails);
      options.onChanged?.(pos);
      if (isNew) {
        added++;
        options.onAdded?.(pos, contacts.at(pos), key);
      }
    },
  });
  return { path, rows: result.rows, sha256: result.sha256, added, unknownContacts, primaryOverrides };
}

/**
 * Adds the address (once per key); `primary`: it becomes the contact's primary, the one before
 * it (if another) no longer is. True when a new address was appended.
 */
function addEmail(emails: ContactEmail[], email: string, key: string, primary: boolean): boolean {
  const first = emails[0];
  if (primary && first !== undefined && first.primary && first.key !== key) emails[0] = { ...first, primary: false };
  const existing = emails.findIndex((e) => e.key === key);
  if (existing !== -1) {
    if (primary && !emails[existing]!.primary) {
      const [e] = emails.splice(existing, 1) as [ContactEmail];
      emails.unshift({ ...e, primary: true });
    }
    return false;
  }
  if (primary) emails.unshift({ email, key, primary: true, source: SOURCE });
  else emails.push({ email, key, primary: false, source: SOURCE });
  return true;
}

/** Whether addEmail changed anything (a new address, or one made primary). */
function changed(now: readonly ContactEmail[], before: readonly ContactEmail[]): boolean {
  if (now.length !== before.length) return true;
  for (let i = 0; i < now.length; i++) if (now[i] !== before[i]) return true;
  return false;
}
