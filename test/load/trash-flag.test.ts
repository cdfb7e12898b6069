/**
 * `Contact is in Trash` / `is_deleted` as exports write it: 1/Yes/true and 0/No/false/empty,
 * also in the languages CiviCRM sites export in (Ja/Nein, Oui/Non, …). Any other value is an
 * input error naming the line and column: read as "not in the trash" (as it was), a trashed
 * contact exported as "Ja" was linked automatically.
 */
import { describe, expect, it } from 'vitest';
import { loadContacts } from '../../src/load/contacts.js';
import { trashFlag } from '../../src/load/fields.js';
import { expectInputError, tempDir } from './helpers.js';

const tmp = tempDir();

describe('the trash flag', () => {
  it.each([
    ['1', true], ['Yes', true], ['yes', true], [' TRUE ', true], ['y', true], ['Ja', true], ['Oui', true], ['Sí', true], ['sim', true], ['Tak', true],
    ['', false], ['0', false], ['No', false], ['false', false], ['n', false], ['Nein', false], ['non', false], ['Nee', false], ['Não', false], ['nej', false],
  ] as const)('%j is %s', (cell, expected) => {
    expect(trashFlag(cell)).toBe(expected);
  });

  it.each(['2', 'deleted', 'x', 'Ja!'])('%j is neither', (cell) => {
    expect(trashFlag(cell)).toBeNull();
  });

  for (const bytes of [true, false]) {
    it(`loads translated flags and refuses others (${bytes ? 'read as bytes' : 'through papaparse'})`, async () => {
      const ok = tmp.write(`trash-ok-${bytes}.csv`, 'Contact ID,Contact Type,Email,Contact is in Trash\n1,Individual,a@x.org,Ja\n2,Individual,b@x.org,Nein\n3,Individual,c@x.org,Oui\n4,Individual,d@x.org,\n');
      const { contacts } = await loadContacts(ok, { bytes });
      expect([...contacts].map((c) => c.deleted)).toEqual([true, false, true, false]);
      const bad = tmp.write(`trash-bad-${bytes}.csv`, 'Contact ID,Contact Type,Email,Contact is in Trash\n1,Individual,a@x.org,0\n2,Individual,b@x.org,deleted\n');
      const e = await expectInputError(loadContacts(bad, { bytes }), bad, 3, /"Contact is in Trash" is neither 1\/Yes\/true \(in the trash\) nor 0\/No\/false\/empty/);
      expect(e.column).toBe(4);
      expect(e.message).not.toMatch(/\bdeleted\b/); // the cell's value is not quoted
    });
  }
});
