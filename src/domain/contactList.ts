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
}

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
  });
}

/** Whether a contact id is in the list (the --decisions file and the journal name contacts by id). */
export function hasContactId(contacts: ContactList): (id: number) => boolean {
  const ids = new Set<number>();
  for (let pos = 0; pos < contacts.length; pos++) ids.add(contacts.idAt(pos));
  return (id) => ids.has(id);
}
