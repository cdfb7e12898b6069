/**
 * The loaded contacts, by position (their order in the export). A million contacts are not
 * kept as a million objects (load/contactTable.ts keeps them in columns): `at` builds the one
 * asked for, and the questions asked of every contact (its id, whether CiviCRM can match it)
 * are answered without building it.
 */
import type { Contact, ContactEmail } from './types.js';

export interface ContactList extends Iterable<Contact> {
  readonly length: number;
  /** The contact at `pos` (0 ≤ pos < length). */
  at(pos: number): Contact;
  idAt(pos: number): number;
  /** Not in the trash and an Individual: a contact CiviCRM's matching considers (SPEC §3 item 2). */
  usableAt(pos: number): boolean;
  deletedAt(pos: number): boolean;
  /** Its emails, without building the rest of it. */
  emailsAt(pos: number): readonly ContactEmail[];
  /** The address of the contact at `pos` whose key is `key`, as exported; undefined when it has none. */
  emailWithKey(pos: number, key: string): string | undefined;
  /** What a warning names the contact by: its id and display name (ContactRef), without building the rest. */
  refAt(pos: number): ContactRef;
  /** Its name for a person: the display name, else first and last name. */
  personNameAt(pos: number): string;
  /** Its primary address, else its first (as exported; '' when it has none), and whether that one is primary. */
  mainEmailAt(pos: number): { readonly email: string; readonly primary: boolean };
  /** Whether its primary address has the key `key`. */
  primaryKeyIs(pos: number, key: string): boolean;
}

/** A contact as warnings name it. */
export type ContactRef = Pick<Contact, 'id' | 'displayName'>;

/** ContactList's questions about a built contact (the list over built contacts, and the column store's overrides). */
export const personName = (c: Pick<Contact, 'displayName' | 'firstName' | 'lastName'>): string => c.displayName || `${c.firstName} ${c.lastName}`.trim();

export function mainEmail(emails: readonly ContactEmail[]): { readonly email: string; readonly primary: boolean } {
  const e = emails.find((x) => x.primary) ?? emails[0];
  return { email: e?.email ?? '', primary: !!e?.primary };
}

export const primaryKeyIs = (emails: readonly ContactEmail[], key: string): boolean => emails.some((e) => e.primary && e.key === key);

export function isUsable(c: Contact): boolean {
  return !c.deleted && c.type === 'Individual';
}

/** A ContactList over contacts already built (tests, small hand-made datasets): a copy of the array, which answers the list's questions too. */
export function contactList(contacts: readonly Contact[]): ContactList & readonly Contact[] {
  const list = contacts.slice();
  return Object.assign(list, {
    at: (pos: number) => list[pos]!,
    idAt: (pos: number) => list[pos]!.id,
    usableAt: (pos: number) => isUsable(list[pos]!),
    deletedAt: (pos: number) => list[pos]!.deleted,
    emailsAt: (pos: number) => list[pos]!.emails,
    emailWithKey: (pos: number, key: string) => list[pos]!.emails.find((e) => e.key === key)?.email,
    refAt: (pos: number) => list[pos]!,
    personNameAt: (pos: number) => personName(list[pos]!),
    mainEmailAt: (pos: number) => mainEmail(list[pos]!.emails),
    primaryKeyIs: (pos: number, key: string) => primaryKeyIs(list[pos]!.emails, key),
  });
}

/**
 * A contact's type and trash flag by id, undefined when the id is not in the list (the
 * --decisions file and the journal name contacts by id; the rules of decide/operatorRules.ts
 * ask these of the few contacts they name).
 */
export function contactFacts(contacts: ContactList): (id: number) => { readonly type: string; readonly deleted: boolean; readonly contact: Contact } | undefined {
  const byId = new Map<number, number>();
  for (let pos = 0; pos < contacts.length; pos++) {
    const id = contacts.idAt(pos);
    if (!byId.has(id)) byId.set(id, pos);
  }
  return (id) => {
    const pos = byId.get(id);
    if (pos === undefined) return undefined;
    const contact = contacts.at(pos);
    return { type: contact.type, deleted: contacts.deletedAt(pos), contact };
  };
}
