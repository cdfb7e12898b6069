/**
 * `Contact Type` as exports write it: CiviCRM's three types in any case, and their labels in the
 * languages sites export in. Any other value is kept as it stands (not an Individual, which
 * CiviCRM never matches) and named in a note with its count and first line: before, a typo or
 * "Einzelperson" sent every user matching such a contact to review without a word about the
 * column; refusing it instead stopped runs on a site's renamed or translated types.
 */
import { describe, expect, it } from 'vitest';
import { loadContacts } from '../../src/load/contacts.js';
import { contactType } from '../../src/load/fields.js';
import { contactColumnNotes } from '../../src/cli/contactColumnNotes.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();

describe('the contact type', () => {
  it.each([
    ['Individual', 'Individual'], ['', 'Individual'], [' individual ', 'Individual'], ['ORGANIZATION', 'Organization'], ['Organisation', 'Organization'],
    ['household', 'Household'], ['Einzelperson', 'Individual'], ['Haushalt', 'Household'], ['Individu', 'Individual'], ['Foyer', 'Household'],
    ['Organización', 'Organization'], ['Nucleo  familiare', 'Household'], ['Persoon', 'Individual'],
  ] as const)('%j is %s', (cell, expected) => {
    expect(contactType(cell)).toBe(expected);
  });

  it.each(['Indvidual', 'Staff', 'Student', '1', 'Org'])('%j is none of them', (cell) => {
    expect(contactType(cell)).toBeNull();
  });

  for (const bytes of [true, false]) {
    it(`loads translated types, and keeps any other as it stands, noted (${bytes ? 'read as bytes' : 'through papaparse'})`, async () => {
      const ok = tmp.write(`type-ok-${bytes}.csv`, 'Contact ID,Contact Type,Email\n1,Einzelperson,a@x.org\n2,Organisation,b@x.org\n3,household,c@x.org\n4,,d@x.org\n');
      const loaded = await loadContacts(ok, { bytes });
      expect([...loaded.contacts].map((c) => c.type)).toEqual(['Individual', 'Organization', 'Household', 'Individual']);
      expect(loaded.columns.unknownTypes).toBeUndefined();
      const odd = tmp.write(`type-odd-${bytes}.csv`, 'Contact ID,Email,Contact Type\n1,a@x.org,Individual\n2,b@x.org,Persona\n3,c@x.org, Persona \n4,d@x.org,Indvidual\n');
      const r = await loadContacts(odd, { bytes });
      expect([...r.contacts].map((c) => c.type)).toEqual(['Individual', 'Persona', 'Persona', 'Indvidual']);
      expect(r.columns.unknownTypes).toEqual([{ value: 'Persona', rows: 2, line: 3 }, { value: 'Indvidual', rows: 1, line: 5 }]);
      expect(contactColumnNotes(r.columns, 'c.csv')).toContain(
        'c.csv: contact type "Persona" (2 rows, first on line 3) is none of CiviCRM\'s (Individual, Organization, Household): such contacts are taken as not Individuals, which CiviCRM never matches — if it means one of them, export the contacts with CiviCRM\'s type names',
      );
    });
  }

  it("the note shows a type's control characters instead of sending them, and names at most five types", async () => {
    const rows = ['Contact ID,Email,Contact Type', '1,a@x.org,"Per\u001b[31mson"', ...Array.from({ length: 8 }, (_, k) => `${k + 2},x${k}@x.org,Type${k}`)];
    const r = await loadContacts(tmp.write('types-many.csv', `${rows.join('\n')}\n`));
    const notes = contactColumnNotes(r.columns, 'c.csv');
    expect(notes.join('\n')).not.toContain('\u001b');
    expect(notes.filter((n) => n.includes('contact type "'))).toHaveLength(5);
    expect(notes).toContain('c.csv: and 4 more contact types none of CiviCRM\'s (4 rows, first on line 7): are the columns shifted?');
  });
});
