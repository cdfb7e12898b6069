import { describe, expect, it } from 'vitest';
import { ContactTable } from '../../src/load/contactTable.js';
import type { Contact } from '../../src/domain/types.js';
import { loadContacts, loadEmails } from '../../src/load/contacts.js';
import { expectInputError, fixture, tempDir } from './helpers.js';

const tmp = tempDir();

const emailsOf = (c: Contact | undefined) => (c?.emails ?? []).map((e) => [e.email, e.primary, e.source]);

describe('loadContacts: UI export', () => {
  it('reads ids, types, names, trash and every email column', async () => {
    const path = fixture('contacts-ui.csv');
    const r = await loadContacts(path);
    expect(r.info.rows).toBe(4);
    const [fiona, org, siobhan, nobody] = r.contacts;
    expect(fiona).toEqual({
      id: 101,
      type: 'Individual',
      displayName: 'Fiona Gallagher',
      firstName: 'Fiona',
      middleName: '',
      lastName: 'Gallagher',
      deleted: false,
      emails: [{ email: 'fiona@example.org', key: 'fiona@example.org', primary: true, source: 'Email' }], // Work-Email repeats it
      line: 2,
    });
    expect(org?.type).toBe('Organization');
    expect(siobhan).toMatchObject({ id: 104, middleName: 'Áine', lastName: "O'Brien", deleted: true });
    // Email empty; Home/Work/Main are non-primary; "Do Not Email" is not an address column.
    expect(emailsOf(siobhan)).toEqual([
      ['siobhan@example.org', false, 'Home-Email'],
      ['siobhan.work@example.org', false, 'Work-Email'],
      ['siobhan.main@example.org', false, 'Main-Email'],
    ]);
    expect(nobody).toMatchObject({ id: 105, type: 'Individual', deleted: true, emails: [] });
  });

  it('tab-separated UI export', async () => {
    const r = await loadContacts(fixture('contacts-tab.csv'));
    expect(r.contacts).toHaveLength(1);
    expect(emailsOf(r.contacts.at(0))).toEqual([['tab@example.org', true, 'Email']]);
  });

  it('older "Internal Contact ID" header', async () => {
    const p = tmp.write('internal.csv', 'Internal Contact ID,Email\n5,a@x.org\n');
    expect((await loadContacts(p)).contacts.at(0)?.id).toBe(5);
  });
});

describe('loadContacts: API / SearchKit export', () => {
  it('reads email_primary.email, other email_*.email columns and is_deleted (semicolon-separated)', async () => {
    const r = await loadContacts(fixture('contacts-api.csv'));
    const [sofia, house, zoe] = r.contacts;
    expect(sofia).toMatchObject({ id: 3, type: 'Individual', firstName: 'Sofia', lastName: 'Marchetti', deleted: false });
    expect(emailsOf(sofia)).toEqual([
      ['sofia@example.org', true, 'email_primary.email'],
      ['billing@example.org', false, 'email_billing.email'],
    ]);
    expect(house).toMatchObject({ id: 1, type: 'Household', deleted: false });
    expect(zoe).toMatchObject({ id: 2, displayName: 'Zoë Brontë', deleted: true, emails: [] });
  });

  it('plain "email" column is primary; no contact_type column → Individual', async () => {
    const p = tmp.write('api-min.csv', 'id,email\n9,Mixed@Case.org\n');
    const c = (await loadContacts(p)).contacts.at(0);
    expect(c).toMatchObject({ id: 9, type: 'Individual', deleted: false, displayName: '' });
    expect(c?.emails).toEqual([{ email: 'Mixed@Case.org', key: 'mixed@case.org', primary: true, source: 'email' }]);
  });
});

describe('loadContacts: errors and options', () => {
  it('no email column is an error unless requireEmailColumn is false', async () => {
    const p = tmp.write('noemail.csv', 'Contact ID,Display Name,E-mail Adress\n1,A\n'.replace('\n1,A\n', '\n1,A,x\n'));
    const e = await expectInputError(loadContacts(p), p, 1, /missing column "Email".*columns found: Contact ID, Display Name, E-mail Adress/);
    expect(e.remedy).toContain('nearest match: "E-mail Adress"');
    expect((await loadContacts(p, { requireEmailColumn: false })).contacts.at(0)?.emails).toEqual([]);
  });

  it('missing id column lists the columns found', async () => {
    const p = tmp.write('noid.csv', 'ContactID2,Email\n1,a@x.org\n');
    await expectInputError(loadContacts(p), p, 1, /missing column "Contact ID" \(or "Internal Contact ID", "id"\).*columns found: ContactID2, Email/);
  });

  it('unsorted ids with a duplicate name both lines', async () => {
    const p = tmp.write('dup.csv', 'id,email\n5,a@x.org\n3,b@x.org\n4,c@x.org\n3,d@x.org\n');
    await expectInputError(loadContacts(p), p, 5, /repeats the contact id of line 3/, ['d@x.org']);
  });
});

describe('loadContacts: a row with many email columns', () => {
  it('keeps each address once however many columns repeat it (past 16, looked up in a set)', async () => {
    const cols = Array.from({ length: 24 }, (_, j) => `Loc${j}-Email`);
    const cells = cols.map((_, j) => (j === 20 ? 'A3@Example.org' : j === 22 ? 'a0@example.org' : j === 23 ? 'a19@example.org' : `a${j}@example.org`));
    const narrow = ['8', 'a3@example.org', ...cells.slice(0, 2), ...Array<string>(22).fill('')];
    const path = tmp.write('wide.csv', `Contact ID,Email,${cols.join(',')}\n7,main@example.org,${cells.join(',')}\n${narrow.join(',')}\n`);
    const { contacts } = await loadContacts(path);
    const keys = contacts.emailsAt(0).map((e) => e.key);
    expect(keys).toEqual(['main@example.org', ...Array.from({ length: 20 }, (_, j) => `a${j}@example.org`), 'a21@example.org']);
    expect(contacts.emailsAt(1).map((e) => e.key)).toEqual(['a3@example.org', 'a0@example.org', 'a1@example.org']);
  });
});

describe('loadEmails', () => {
  it('appends rows following the primary rules and counts unknown contacts', async () => {
    const { contacts } = await loadContacts(fixture('contacts-ui.csv'));
    const path = fixture('emails.csv');
    const r = await loadEmails(path, contacts);
    expect(r).toMatchObject({ path, rows: 8, added: 4, unknownContacts: 1, primaryOverrides: 1 });
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    const byId = new Map([...contacts].map((c) => [c.id, c]));
    // 101 has a primary from the contacts file, and the emails file (civicrm_email, where CiviCRM
    // reads is_primary) marks another: the emails file's wins; its own address is not repeated.
    expect(emailsOf(byId.get(101))).toEqual([
      ['fiona.home@example.org', true, 'emails-file'],
      ['fiona@example.org', false, 'Email'],
    ]);
    // 105 had no email: first is_primary row becomes primary (at [0]); a later one is not.
    expect(emailsOf(byId.get(105))).toEqual([
      ['nobody.primary@example.org', true, 'emails-file'],
      ['nobody@example.org', false, 'emails-file'],
      ['second.primary@example.org', false, 'emails-file'],
    ]);
    // 104 had only non-primary addresses: the existing one is promoted and moved first.
    expect(emailsOf(byId.get(104))).toEqual([
      ['siobhan.work@example.org', true, 'Work-Email'],
      ['siobhan@example.org', false, 'Home-Email'],
      ['siobhan.main@example.org', false, 'Main-Email'],
    ]);
    expect(emailsOf(byId.get(102))).toEqual([['info@riverside.example', true, 'Email']]);
  });

  it('works with unsorted contacts and without is_primary; header-only is fine', async () => {
    const c = tmp.write('unsorted.csv', 'id,email\n9,a@x.org\n2,b@x.org\n');
    const { contacts } = await loadContacts(c);
    const e = tmp.write('emails-min.csv', 'email,contact_id\nz@x.org,2\nq@x.org,77\n');
    expect(await loadEmails(e, contacts)).toMatchObject({ rows: 2, added: 1, unknownContacts: 1 });
    expect(emailsOf(contacts.at(1))).toEqual([
      ['b@x.org', true, 'email'],
      ['z@x.org', false, 'emails-file'],
    ]);
    const empty = tmp.write('emails-empty.csv', 'contact_id,email,is_primary\n');
    expect(await loadEmails(empty, contacts)).toMatchObject({ rows: 0, added: 0, unknownContacts: 0 });
  });

  it('a contact with thousands of rows keeps each address once, as spelt first, and is found by any of them', async () => {
    const c = tmp.write('catch-all.csv', 'id,email\n7,office@x.org\n');
    const { contacts } = await loadContacts(c);
    const rows = ['contact_id,email,is_primary'];
    for (let i = 0; i < 3000; i++) rows.push(`7,Staff${i}@X.org,0`);
    rows.push('7,staff5@x.org,0', '7,STAFF9@x.org,1', '7,office@x.org,0');
    const added: string[] = [];
    const e = tmp.write('catch-all-emails.csv', rows.join('\n') + '\n');
    expect(await loadEmails(e, contacts, { onAdded: (pos, usable, key) => void (usable && added.push(key)) })).toMatchObject({ rows: 3003, added: 3000 });
    expect(added).toHaveLength(3000);
    const emails = contacts.emailsAt(0);
    expect(emails).toHaveLength(3001);
    // a later is_primary row moves an address it already has to the front; the old primary stays, demoted
    expect(emails.slice(0, 2).map((x) => [x.email, x.primary])).toEqual([['Staff9@X.org', true], ['office@x.org', false]]);
    expect(emails.filter((x) => x.primary)).toHaveLength(1);
    expect(contacts.emailWithKey(0, 'staff5@x.org')).toBe('Staff5@X.org');
    expect(contacts.emailWithKey(0, 'staff2999@x.org')).toBe('Staff2999@X.org');
    expect(contacts.emailWithKey(0, 'office@x.org')).toBe('office@x.org');
    expect(contacts.emailWithKey(0, 'staff3000@x.org')).toBeUndefined();
  });

  it('bad contact_id and missing columns are InputErrors', async () => {
    const e = tmp.write('emails-bad.csv', 'contact_id,email\n1,a@x.org\nx,b@x.org\n');
    await expectInputError(loadEmails(e, new ContactTable()), e, 3, /"contact_id" is not a positive whole number/, ['b@x.org']);
    const m = tmp.write('emails-nocol.csv', 'contact,email\n1,a@x.org\n');
    await expectInputError(loadEmails(m, new ContactTable()), m, 1, /missing column "contact_id"/);
  });
});
