/**
 * One case per file in test/fixtures/bad/ (plus the ones that must be generated: a missing
 * file, an unreadable file, a 10 MB field). Each must give an InputError whose message is one
 * line naming the file and (where the problem has one) the line, with a remedy and without the
 * row's personal data — or, where stated, a documented accepted outcome.
 */
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContactTable } from '../../src/load/contactTable.js';
import { loadContacts, loadEmails } from '../../src/load/contacts.js';
import { loadLinks } from '../../src/load/links.js';
import { loadUsers } from '../../src/load/users.js';
import { bad, expectInputError, tempDir } from './helpers.js';

const tmp = tempDir();
const PEOPLE = ['ada@example.org', 'bob@example.org', 'eve@example.org', 'Ada Lovelace', 'Bob Stone', 'admin'];

describe('bad inputs', () => {
  it('empty file', async () => {
    const p = bad('empty.csv');
    await expectInputError(loadUsers(p), p, 1, /the file is empty/);
    await expectInputError(loadLinks(p), p, 1, /the file is empty/);
  });

  it('a Drupal {users} dump holding only the anonymous uid 0 is no users, as a header-only file is (every output was replaced by an empty one)', async () => {
    const u = tmp.write('drupal-anonymous-only.csv', 'uid,name,mail,status\n0,,,0\n');
    await expectInputError(loadUsers(u), u, 2, /no users: the file holds only Drupal's anonymous account \(uid 0\), which is not a user/);
    const twice = tmp.write('drupal-anonymous-twice.csv', 'uid,name,mail,status\n0,,,0\n0,,,0\n');
    await expectInputError(loadUsers(twice), twice, 2, /no users: the file holds only Drupal's anonymous account/);
    const withOne = tmp.write('drupal-anonymous-and-one.csv', 'uid,name,mail,status\n0,,,0\n1,admin,admin@example.org,1\n');
    expect((await loadUsers(withOne)).users.map((x) => x.ufId)).toEqual([1]);
  });

  it('header only: users and contacts are errors; links and emails are fine (0 rows)', async () => {
    const u = bad('header-only-users.csv');
    await expectInputError(loadUsers(u), u, 2, /no users: the file has a header but no data rows/);
    const c = bad('header-only-contacts.csv');
    await expectInputError(loadContacts(c), c, 2, /no contacts: the file has a header but no data rows/);
    const links = tmp.write('links-header.csv', 'uf_id,contact_id\n');
    expect((await loadLinks(links)).links).toEqual([]);
    const emails = tmp.write('emails-header.csv', 'contact_id,email,is_primary\n');
    expect(await loadEmails(emails, new ContactTable())).toMatchObject({ rows: 0, added: 0, unknownContacts: 0 });
  });

  it('no header (first row is data): reported without echoing the row', async () => {
    const p = bad('no-header.csv');
    await expectInputError(loadUsers(p), p, 1, /no header row: the first line looks like data/, PEOPLE);
    await expectInputError(loadContacts(p), p, 1, /no header row/, PEOPLE);
  });

  it('missing required column: columns found + nearest match', async () => {
    const p = bad('missing-column.csv');
    const e = await expectInputError(loadUsers(p), p, 1, /missing column "user_email".*columns found: ID, user_login, user_mail, display_name/, PEOPLE);
    expect(e.remedy).toContain('nearest match: "user_mail"');
  });

  it('duplicate column names', async () => {
    const p = bad('duplicate-columns.csv');
    await expectInputError(loadUsers(p), p, 1, /duplicate column: columns 3 \("user_email"\) and 4 \("User Email"\)/, PEOPLE);
  });

  it('ragged rows: more and fewer fields than the header', async () => {
    const more = bad('ragged-more-fields.csv');
    await expectInputError(loadUsers(more), more, 3, /row has 4 fields but the header has 3/, PEOPLE);
    const fewer = bad('ragged-fewer-fields.csv');
    await expectInputError(loadUsers(fewer), fewer, 3, /row has 2 fields but the header has 3/, PEOPLE);
  });

  it('a row of one field, a line of spaces and a DOS end-of-file mark are each worded for what they are', async () => {
    for (const highWaterMark of [3, 1 << 16]) {
      const opts = { highWaterMark };
      const one = tmp.write('one-field.csv', 'ID,user_login,user_email\n1,a,a@x.org\nzz\n');
      await expectInputError(loadUsers(one, opts), one, 3, /row has 1 field but the header has 3/, []);
      const spaces = tmp.write('spaces.csv', 'ID,user_login,user_email\n1,a,a@x.org\n   \n2,b,b@x.org\n');
      const e = await expectInputError(loadUsers(spaces, opts), spaces, 3, /the line holds only blanks, not a row/, []);
      expect(e.remedy).toBe('remove that line');
      const ctrlZ = tmp.write('ctrl-z.csv', 'ID,user_login,user_email\n1,a,a@x.org\n\x1a');
      await expectInputError(loadUsers(ctrlZ, opts), ctrlZ, 3, /the line holds only blanks, not a row/, []);
    }
  });

  it('a links export in CiviCRM’s labels, or a drush users export, given to the wrong option says which option it belongs to', async () => {
    const sk = tmp.write('searchkit-links.csv', 'UF Match ID,Domain ID,CMS ID,CMS Unique Identifier,Contact ID\n1,1,12,a@x.org,105\n');
    await expectInputError(loadUsers(sk), sk, 1, /this looks like a civicrm_uf_match export \(uf_id, contact_id\), not a users export/, []);
    await expectInputError(loadContacts(sk), sk, 1, /this looks like a civicrm_uf_match export \(uf_id, contact_id\), not a contacts export/, []);
    const um = tmp.write('uf-match.csv', 'id,domain_id,uf_id,uf_name,contact_id\n1,1,12,a@x.org,105\n');
    await expectInputError(loadContacts(um), um, 1, /civicrm_uf_match export/, []);
    const drush = tmp.write('drush.csv', '"User ID","User name","User mail"\n1,admin,a@x.org\n');
    await expectInputError(loadContacts(drush), drush, 1, /this looks like a Drupal users export \(uid, mail\), not a CiviCRM contacts export/, []);
  });

  it('unterminated quote', async () => {
    const p = bad('unterminated-quote.csv');
    await expectInputError(loadUsers(p), p, 2, /quoted field starting on this line is never closed/, PEOPLE);
  });

  it('NUL bytes', async () => {
    const p = bad('nul-bytes.csv');
    await expectInputError(loadUsers(p), p, 2, /looks binary/, PEOPLE);
  });

  it('binary garbage', async () => {
    const p = bad('binary-garbage.csv');
    const bytes = readFileSync(p);
    const nul = bytes.indexOf(0);
    const line = 1 + bytes.subarray(0, nul).filter((b) => b === 10).length;
    await expectInputError(loadUsers(p), p, line, /looks binary/);
  });

  it('invalid UTF-8 without --encoding; loads with --encoding windows-1252', async () => {
    const p = bad('invalid-utf8.csv');
    const e = await expectInputError(loadUsers(p), p, 3, /not valid UTF-8/, ['Jos', 'jose@example.org']);
    expect(e.remedy).toContain('--encoding windows-1252');
    const ok = await loadUsers(p, { encoding: 'windows-1252' });
    expect(ok.users[1]).toMatchObject({ firstName: 'José', lastName: 'García' });
  });

  it('UTF-16: with BOM it is decoded (accepted outcome); without BOM its NULs say UTF-16LE', async () => {
    const withBom = await loadUsers(bad('utf16le-bom.csv'));
    expect(withBom.platform).toBe('wordpress');
    expect(withBom.users.map((u) => [u.ufId, u.email])).toEqual([[1, 'ada@example.org']]);
    const p = bad('utf16le-no-bom.csv');
    const e = await expectInputError(loadUsers(p), p, 1, /looks like UTF-16LE text without a byte-order mark/);
    expect(e.remedy).toBe('give --encoding utf-16le');
    expect((await loadUsers(p, { encoding: 'utf-16le' })).users).toHaveLength(1);
  });

  it('a 10 MB single field is refused quickly (rows are capped at 1 MiB)', async () => {
    const ten = 'x'.repeat(10 * 1024 * 1024);
    const quoted = tmp.write('10mb-quoted.csv', `ID,user_email,display_name\n1,a@x.org,"${ten}"\n2,b@x.org,ok\n`);
    const t0 = performance.now();
    await expectInputError(loadUsers(quoted), quoted, 2, /longer than 1 MiB/);
    const plain = tmp.write('10mb-plain.csv', `ID,user_email,display_name\n1,a@x.org,ok\n2,b@x.org,${ten}\n`);
    await expectInputError(loadUsers(plain), plain, 3, /longer than 1 MiB/);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('a row over the cap with a quote still open names both causes: a quote never closed, or a value that long', async () => {
    const two = 'x'.repeat(2 * 1024 * 1024);
    const value = tmp.write('2mb-value.csv', `ID,user_email,display_name\n1,a@x.org,"<img src=""data:${two}"">"\n2,b@x.org,ok\n`);
    const e = await expectInputError(loadUsers(value), value, 2, /longer than 1 MiB$/);
    expect(e.remedy).toBe('a quote (") is probably never closed, or a value is that long (an embedded image?): check the quotes on this line, or export the file without that column');
  });

  it('a field just under the cap is accepted', async () => {
    const big = 'y'.repeat(1000 * 1000);
    const p = tmp.write('1mb.csv', `ID,user_email,display_name\n1,a@x.org,"${big}"\n`);
    expect((await loadUsers(p)).users[0]?.displayName.length).toBe(big.length);
  });

  it('duplicate uf_id rows name both lines', async () => {
    const p = bad('duplicate-uf-id.csv');
    await expectInputError(loadUsers(p), p, 4, /uf_id in "ID" repeats the id of line 2/, PEOPLE);
  });

  it('duplicate Contact ID rows name both lines', async () => {
    const p = bad('duplicate-contact-id.csv');
    await expectInputError(loadContacts(p), p, 5, /"Contact ID" repeats the contact id of line 3/, PEOPLE);
  });

  it('non-numeric ids (users, contacts, links)', async () => {
    const u = bad('non-numeric-uf-id.csv');
    expect((await expectInputError(loadUsers(u), u, 3, /"ID" is not a positive whole number/, PEOPLE)).column).toBe(1);
    const c = bad('non-numeric-contact-id.csv');
    expect((await expectInputError(loadContacts(c), c, 3, /"Contact ID" is not a positive whole number/, PEOPLE)).column).toBe(1);
    const l = bad('non-numeric-link-id.csv');
    expect((await expectInputError(loadLinks(l), l, 3, /"contact_id" is not a positive whole number/)).column).toBe(2);
  });

  it('a directory', async () => {
    const p = bad('directory.csv');
    await expectInputError(loadUsers(p), p, null, /is a directory/);
  });

  it('a missing file', async () => {
    const p = bad('does-not-exist.csv');
    await expectInputError(loadContacts(p), p, null, /file not found/);
  });

  it('an unreadable file (chmod 000; as root, read as user "nobody" via seteuid)', async () => {
    const dir = join(tmp.dir, 'locked');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(tmp.dir, 0o755);
    const p = tmp.write('locked/users.csv', 'ID,user_email\n1,a@x.org\n');
    chmodSync(p, 0o000);
    const isRoot = process.getuid?.() === 0;
    // Root ignores file modes, so drop the effective uid to "nobody" (65534) around the load.
    if (isRoot) process.seteuid?.(65534);
    try {
      await expectInputError(loadUsers(p), p, null, /permission denied/);
    } finally {
      if (isRoot) process.seteuid?.(0);
      chmodSync(p, 0o600);
    }
  });
});
