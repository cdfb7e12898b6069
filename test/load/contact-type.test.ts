/**
 * `Contact Type` as exports write it: CiviCRM's three types in any case, and their labels in the
 * languages sites export in. Any other value is an input error naming line and column: kept as
 * it stood, "Einzelperson" or a typo made the contact "not an Individual", and every user
 * matching it went to review with a non-individual-match warning, the column never mentioned.
 */
import { describe, expect, it } from 'vitest';
import { loadContacts } from '../../src/load/contacts.js';
import { contactType } from '../../src/load/fields.js';
import { expectInputError, tempDir } from './helpers.js';

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
    it(`loads translated types and refuses others (${bytes ? 'read as bytes' : 'through papaparse'})`, async () => {
      const ok = tmp.write(`type-ok-${bytes}.csv`, 'Contact ID,Contact Type,Email\n1,Einzelperson,a@x.org\n2,Organisation,b@x.org\n3,household,c@x.org\n4,,d@x.org\n');
      const { contacts } = await loadContacts(ok, { bytes });
      expect([...contacts].map((c) => c.type)).toEqual(['Individual', 'Organization', 'Household', 'Individual']);
      const bad = tmp.write(`type-bad-${bytes}.csv`, 'Contact ID,Email,Contact Type\n1,a@x.org,Individual\n2,b@x.org,Indvidual\n');
      const e = await expectInputError(loadContacts(bad, { bytes }), bad, 3, /"Contact Type" is none of CiviCRM's contact types \(Individual, Organization, Household\)/);
      expect(e.column).toBe(3);
      expect(e.remedy).toMatch(/set that cell to Individual, Organization or Household/);
    });
  }
});
