/**
 * explain's contacts (contactDirectory) answer from the loaded ContactList, column store or
 * not, exactly what a Map of every built contact answered: a contact by id, every contact
 * carrying an email key, and the usable contacts with a name, in id order.
 */
import { describe, expect, it } from 'vitest';
import { contactList } from '../../src/domain/contactList.js';
import type { Contact } from '../../src/domain/types.js';
import { contactDirectory } from '../../src/explain/contactDirectory.js';
import { ContactTable } from '../../src/load/contactTable.js';
import { nameKey, sameName } from '../../src/match/names.js';
import { contact } from '../helpers/build.js';

const contacts: Contact[] = [
  contact(40, ['Ann@Example.org', 'ann.b@work.org'], { firstName: 'Ann', lastName: 'Berg', displayName: 'Ann Berg' }),
  contact(12, 'ann@example.org', { firstName: 'Ann', lastName: 'Berg', displayName: 'Ann Berg', deleted: true }),
  contact(7, [{ email: 'bo@x.org', primary: true }], { firstName: 'Ann', lastName: 'Berg', displayName: 'Ann Berg' }),
  contact(99, 'ann@example.org', { type: 'Organization', displayName: 'Berg AB' }),
  contact(3, [], { firstName: 'Berg', lastName: 'Ann', displayName: '' }),
];

function table(cs: readonly Contact[]): ContactTable {
  const t = new ContactTable();
  for (const c of cs) t.append(c);
  return t;
}

describe('contactDirectory', () => {
  for (const [name, list] of [
    ['a column store', table(contacts)],
    ['built contacts', contactList(contacts)],
  ] as const) {
    it(`answers as a Map of every built contact would, over ${name}`, () => {
      const dir = contactDirectory(list);
      const byId = new Map(contacts.map((c) => [c.id, c]));
      for (const id of [40, 12, 7, 99, 3, 5, 1000]) expect(dir.get(id)).toEqual(byId.get(id));
      const byIdOrder = (a: Contact, b: Contact) => a.id - b.id;
      for (const key of ['ann@example.org', 'ann.b@work.org', 'bo@x.org', 'nobody@x.org']) {
        expect(dir.withEmailKey(key)).toEqual(contacts.filter((c) => c.emails.some((e) => e.key === key)).sort(byIdOrder));
      }
      expect(dir.withEmailKey('')).toEqual([]);
      const k = nameKey('Ann', 'Berg', 'Ann Berg');
      const named = contacts.filter((c) => !c.deleted && c.type === 'Individual' && sameName(k, nameKey(c.firstName, c.lastName, c.displayName))).sort(byIdOrder);
      expect(named.map((c) => c.id)).toEqual([7, 40]); // not 3 (swapped), 12 (trashed), 99 (an Organization)
      expect(dir.withName(k)).toEqual(named);
    });
  }
});
