/**
 * SQL's NULL as database dumps write it — `NULL` (phpMyAdmin's CSV export) or `\N` (`mysql -B`,
 * `SELECT … INTO OUTFILE`) — is an empty cell: civicrm_uf_match.uf_name and Drupal 8's
 * users_field_data.mail are NULL where there is none.
 */
import { describe, expect, it } from 'vitest';
import { loadContacts } from '../../src/load/contacts.js';
import { loadEmails } from '../../src/load/emails.js';
import { loadLinks } from '../../src/load/links.js';
import { loadUsers } from '../../src/load/users.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();

describe('SQL NULL in dumps', () => {
  it('links: uf_name NULL or \\N is no uf_name, so several such links load (MySQL’s unique key allows many NULLs)', async () => {
    const p = tmp.write('links-null.csv', 'id,domain_id,uf_id,uf_name,contact_id,language\n1,1,4,NULL,104,NULL\n2,1,5,NULL,105,NULL\n3,1,6,\\N,106,\\N\n4,1,7,ann@example.org,107,en_US\n');
    const r = await loadLinks(p);
    expect(r.links.map((l) => l.ufName)).toEqual(['', '', '', 'ann@example.org']);
  });

  it('users: a Drupal 8 mail NULL is no email; a tab-separated \\N too', async () => {
    const csv = tmp.write('d8.csv', 'uid,langcode,name,mail,status\n1,en,admin,admin@example.org,1\n5,en,nomail,NULL,1\n');
    expect((await loadUsers(csv)).users.map((u) => [u.email, u.emailKey])).toEqual([['admin@example.org', 'admin@example.org'], ['', '']]);
    const tsv = tmp.write('d7.tsv', 'uid\tname\tmail\tstatus\n1\tadmin\tadmin@example.org\t1\n6\tnomail\t\\N\t1\n');
    expect((await loadUsers(tsv)).users.map((u) => u.email)).toEqual(['admin@example.org', '']);
  });

  it('users: NULL names are no names, and a quoted-looking real value is kept', async () => {
    const p = tmp.write('wp.csv', 'ID,user_login,user_email,first_name,last_name,display_name\n1,ann,ann@example.org,NULL,NULL,Ann Lee\n2,bob,bob@example.org,Null,Smith,Bob\n');
    const users = (await loadUsers(p)).users;
    expect([users[0]!.firstName, users[0]!.lastName]).toEqual(['Ann', 'Lee']); // from display_name
    expect([users[1]!.firstName, users[1]!.lastName]).toEqual(['Null', 'Smith']); // a name, not SQL
  });

  it('emails file: an email NULL adds nothing', async () => {
    const contacts = await loadContacts(tmp.write('c.csv', 'id,contact_type,email\n10,Individual,a@example.org\n'));
    const before = contacts.contacts.emailsAt(0).length;
    await loadEmails(tmp.write('e.csv', 'contact_id,email,is_primary\n10,NULL,0\n10,\\N,0\n'), contacts.contacts);
    expect(contacts.contacts.emailsAt(0).length).toBe(before);
  });
});

describe('SQL NULL in a contacts dump (mysql -B of civicrm_contact and civicrm_email)', () => {
  // found by an input audit: a middle name \N was shown as "\N", an email \N quoted as the
  // contact's address in warnings and in explain's advice
  const DUMP =
    'id\tcontact_type\tdisplay_name\tfirst_name\tmiddle_name\tlast_name\temail\tis_deleted\n' +
    '11\tIndividual\tBob Jones\tBob\t\\N\tJones\t\\N\t0\n' +
    '12\t\\N\tNULL\tAnn\tNULL\tLee\tann@example.org\t\\N\n' +
    '13\tIndividual\tNull Family\tNull\t\tFamily\tNULL\t0\n';

  it.each([
    ['read as bytes', {}],
    ['read by papaparse', { bytes: false }],
  ])('%s: \\N and NULL are empty cells, in every column (Null, a name, is kept)', async (_how, opts) => {
    const r = await loadContacts(tmp.write('contacts-null.tsv', DUMP), opts);
    const c = [0, 1, 2].map((i) => r.contacts.at(i));
    expect(c.map((x) => [x.type, x.displayName, x.firstName, x.middleName, x.lastName, x.deleted])).toEqual([
      ['Individual', 'Bob Jones', 'Bob', '', 'Jones', false],
      ['Individual', '', 'Ann', '', 'Lee', false],
      ['Individual', 'Null Family', 'Null', '', 'Family', false],
    ]);
    expect(c.map((x) => x.emails.map((e) => e.email))).toEqual([[], ['ann@example.org'], []]);
  });
});

describe('an empty uf_name is not a NULL one', () => {
  it('marks links whose uf_name cell is empty (the column present, not NULL)', async () => {
    const p = tmp.write('links-empty.csv', 'uf_id,uf_name,contact_id\n4,,104\n5,NULL,105\n6,  ,106\n7,a@x.org,107\n');
    const r = await loadLinks(p);
    expect(r.links.map((l) => l.emptyUfName ?? false)).toEqual([true, false, true, false]);
    const none = tmp.write('links-no-name.csv', 'uf_id,contact_id\n4,104\n');
    expect((await loadLinks(none)).links[0]!.emptyUfName).toBeUndefined();
  });
});
