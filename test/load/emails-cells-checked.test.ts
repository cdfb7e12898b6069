/**
 * The --emails file's cells are held to the contacts file's rules: a cell with several
 * addresses and an is_primary that is neither yes nor no are input errors naming line and
 * column. (Both loaded silently: the first as one address no user has, so its user got
 * `create` without a warning; the second as "not primary", which can change CiviCRM's pick.)
 */
import { describe, expect, it } from 'vitest';
import { loadContacts } from '../../src/load/contacts.js';
import { loadEmails } from '../../src/load/emails.js';
import { expectInputError, tempDir } from './helpers.js';

const tmp = tempDir();
const contactsFile = () => tmp.write('c.csv', 'Contact ID,Contact Type,Email\n11,Individual,sean@x.ie\n12,Individual,\n');

describe('the --emails file', () => {
  it('refuses a cell holding several addresses, as the contacts file does', async () => {
    const { contacts } = await loadContacts(contactsFile());
    const path = tmp.write('several.csv', 'contact_id,email,is_primary\n11,sean.home@x.ie,0\n12,"sean@x.ie; x@y.org",0\n');
    const e = await expectInputError(loadEmails(path, contacts), path, 3, /"email" holds 2 addresses in one cell; civicrm_email keeps one address per row/);
    expect(e.column).toBe(2);
    expect(e.remedy).toMatch(/give each address a row of its own/);
  });

  it.each([
    ['1', true], ['0', false], ['', false], ['Yes', true], ['false', false], ['NULL', false], [' t ', true],
  ] as const)('reads is_primary %j as %s', async (cell, primary) => {
    const { contacts } = await loadContacts(contactsFile());
    await loadEmails(tmp.write(`p-${cell.trim() || 'empty'}.csv`, `contact_id,email,is_primary\n12,new@x.ie,${cell}\n`), contacts);
    expect(contacts.emailsAt(1).map((e) => [e.email, e.primary])).toEqual([['new@x.ie', primary]]);
  });

  it.each(['x', '2', 'primary'])('refuses is_primary %j (CiviCRM picks the primary address first)', async (cell) => {
    const { contacts } = await loadContacts(contactsFile());
    const path = tmp.write(`bad-${cell}.csv`, `email,contact_id,is_primary\n12,new@x.ie,${cell}\n`.replace('12,new@x.ie', 'new@x.ie,12'));
    const e = await expectInputError(loadEmails(path, contacts), path, 2, /"is_primary" is neither 1\/yes\/true \(primary\) nor 0\/no\/false\/empty/);
    expect(e.column).toBe(3);
  });
});
