/**
 * The contacts as explain reads them: by id, and the few whole-export questions it asks (who
 * carries this email key; who has this name), answered from the ContactList as it is, without
 * building every contact. At a million contacts, a Map of built contacts cost explain about
 * 300 MB and most of a second; only the contacts an explanation names are built now.
 */
import { type ContactList } from '../domain/contactList.js';
import type { Contact } from '../domain/types.js';
import { positionById } from '../match/contactIndex.js';
import { nameKey, sameName, type NameKey } from '../match/names.js';

export interface ContactDirectory {
  get(id: number): Contact | undefined;
  /** Every contact carrying the email key (usable or not), in id order. */
  withEmailKey(key: string): Contact[];
  /** The usable contacts with the name (sameName), in id order. */
  withName(name: NameKey): Contact[];
}

export function contactDirectory(contacts: ContactList): ContactDirectory {
  const n = contacts.length;
  const ids = new Float64Array(n);
  for (let pos = 0; pos < n; pos++) ids[pos] = contacts.idAt(pos);
  const byId = positionById(ids);
  const byIdOrder = (a: Contact, b: Contact) => a.id - b.id;
  return {
    get(id) {
      const pos = byId.get(id);
      return pos === undefined ? undefined : contacts.at(pos);
    },
    withEmailKey(key) {
      const out: Contact[] = [];
      if (key === '') return out;
      for (let pos = 0; pos < n; pos++) if (contacts.emailWithKey(pos, key) !== undefined) out.push(contacts.at(pos));
      return out.sort(byIdOrder);
    },
    withName(name) {
      const out: Contact[] = [];
      for (let pos = 0; pos < n; pos++) {
        if (!contacts.usableAt(pos)) continue;
        const c = contacts.at(pos);
        if (sameName(name, nameKey(c.firstName, c.lastName, c.displayName))) out.push(c);
      }
      return out.sort(byIdOrder);
    },
  };
}

