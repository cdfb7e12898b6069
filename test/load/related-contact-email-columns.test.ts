/**
 * CiviCRM's UI export labels a relationship's fields "<relationship>-[<location>-]<field>":
 * `Employee of-Email` is the employer's address, not the contact's own, and CiviCRM never
 * matches a user to the contact by it. A scripted run says which columns it set aside, and
 * which columns (type, trash) the export lacks.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadContacts, emailColumnOwner } from '../../src/load/contacts.js';
import { contactColumnNotes } from '../../src/cli/contactColumnNotes.js';
import { runInProcess } from '../helpers/runCli.js';
import { expectInputError, tempDir } from './helpers.js';

const tmp = tempDir();

describe('emailColumnOwner', () => {
  it.each([
    ['Employee of-Email', 'related'],
    ['Spouse of-Home-Email', 'related'],
    ['Head of Household for-Work-Email', 'related'],
    ['Case Coordinator is-Email', 'related'],
    ['Supervised by-Email', 'related'],
    ['Co-worker of-Email', 'related'],
    ['Employee of-E-Mail', 'related'],
    // core relationship types' other labels, without "of/for/is/by"
    ['Supervisor-Email', 'related'],
    ['Case Coordinator-Email', 'related'],
    ['Benefits  Specialist-Email', 'related'],
    ['Email', 'own'],
    ['Home-Email', 'own'],
    ['work - e-mail', 'own'],
    ['Billing-Email', 'own'],
    ['Home-E-Mail', 'own'],
    ['email_primary.email', 'own'],
    ['email_billing.email', 'own'],
    ['E-Mail', 'own'],
    ['Primary Email', 'own'],
    // a custom location type, or a custom relationship: taken as the contact's own, and said
    ['Main Office-Email', 'unsure'],
    ['School-Email', 'unsure'],
    ['Buddy-Email', 'unsure'],
    // a custom relationship whose label names another person: theirs, not the contact's
    ['Emergency Contact-Email', 'related'],
    ['Parent-Email', 'related'],
    ['Guardian-Home-Email', 'related'],
    ['Mentor-Email', 'related'],
    ['Next of Kin-Email', 'related'],
    ['Friend-Email', 'related'],
    // a custom location type a site may name with a word for a person: the contact's own
    ['Family-Email', 'unsure'],
    ['Partner-Email', 'unsure'],
    ['Assistant-Email', 'unsure'],
    // a custom field naming another person: set aside
    ['Parent/Guardian Email', 'other'],
    ['Emergency Contact Email', 'other'],
    ["Employer's Email", 'other'],
    ['Spouse Email', 'other'],
    // any other name ending in "Email" may be the contact's own (SPEC §2.2 counts every email
    // column): taken, and said
    ['Work Email', 'unsure'],
    ['Secondary Email', 'unsure'],
    ['School Email', 'unsure'],
    ['Email Address', 'own'],
    // SearchKit's join labels: the contact's own rows, or a related contact's: taken, and said
    ['Contact Emails: Email', 'unsure'],
    ['Related Contacts: Email', 'unsure'],
    ['email_other.email', 'own'],
  ])('%s → %s', (name, owner) => {
    expect(emailColumnOwner(name)).toBe(owner);
  });
});

const CONTACTS =
  'Contact ID,Contact Type,Display Name,First Name,Last Name,Email,Employee of-Email,Spouse of-Home-Email,Employee of-Do Not Email,Home-Email,Contact is in Trash\n' +
  '10,Individual,Tom Baker,Tom,Baker,tom@example.org,boss@acme.example,wife@x.example,1,tom.home@example.org,0\n' +
  '11,Organization,Acme Ltd,,,info@acme.example,,,,,0\n';

describe('loadContacts sets related contacts’ email columns aside', () => {
  it.each([
    ['read as bytes', {}],
    ['read by papaparse', { bytes: false }],
  ])('%s: only the contact’s own columns are its addresses', async (_how, opts) => {
    const r = await loadContacts(tmp.write('related.csv', CONTACTS), opts);
    expect(r.contacts.at(0).emails.map((e) => e.email)).toEqual(['tom@example.org', 'tom.home@example.org']);
    expect(r.columns).toEqual({ relatedEmails: ['Employee of-Email', 'Spouse of-Home-Email'], unsureEmails: [], otherEmails: [], noType: false, noTrash: false });
  });

  it('a file whose only email columns are related contacts’ is refused for what it is, not told to rename one into "Email"', async () => {
    const path = tmp.write('only-related.csv', 'Contact ID,Contact Type,Employee of-Email,Spouse of-Home-Email\n10,Individual,boss@acme.example,\n');
    const e = await expectInputError(loadContacts(path), path, 1, /no email column of the contacts' own: "Employee of-Email", "Spouse of-Home-Email" hold related contacts' emails/, []);
    expect(e.remedy).toBe('export the contacts with their own Email column (and location emails such as Home-Email), or give their addresses with --emails');
  });

  it('a "<prefix>-Email" of no known location type nor relationship is the contact’s own, and the run says so', async () => {
    const contacts = tmp.write('buddy.csv', 'Contact ID,Contact Type,Email,Buddy-Email,Contact is in Trash\n10,Individual,tom@example.org,m@example.org,0\n');
    const r = await loadContacts(contacts);
    expect(r.contacts.at(0).emails.map((e) => e.email)).toEqual(['tom@example.org', 'm@example.org']);
    expect(r.columns.unsureEmails).toEqual(['Buddy-Email']);
    expect(contactColumnNotes(r.columns, 'buddy.csv')).toEqual([
      'buddy.csv: column "Buddy-Email" is taken as the contact\'s own email; CiviCRM labels a related contact\'s fields "<relationship>-…" too (SearchKit "<join>: …"): if it is one, export the contacts without it',
    ]);
  });
});

describe('a custom field whose name ends in "Email"', () => {
  const CUSTOM =
    'Contact ID,Contact Type,Display Name,First Name,Last Name,Email,Contact is in Trash,Parent/Guardian Email,Emergency Contact Email\n' +
    '20,Individual,Tim Child,Tim,Child,tim.child@school.example,0,pat.parent@example.org,gran@example.org\n' +
    '21,Individual,Zoe Other,Zoe,Other,zoe@example.org,0,,\n';

  it.each([
    ['read as bytes', {}],
    ['read by papaparse', { bytes: false }],
  ])('%s: is not one of the contact’s addresses', async (_how, opts) => {
    const r = await loadContacts(tmp.write('custom.csv', CUSTOM), opts);
    expect(r.contacts.at(0).emails.map((e) => e.email)).toEqual(['tim.child@school.example']);
    expect(r.columns.otherEmails).toEqual(['Parent/Guardian Email', 'Emergency Contact Email']);
    expect(r.columns.unsureEmails).toEqual([]);
  });

  it('does not link the parent’s account to the child’s contact, and the run says why', async () => {
    const contacts = tmp.write('custom-c.csv', CUSTOM);
    const users = tmp.write('custom-u.csv', 'ID,user_login,user_email,first_name,last_name\n1,pat,pat.parent@example.org,Pat,Parent\n2,gran,gran@example.org,Gran,Ma\n');
    const out = join(tmp.dir, 'out-custom');
    const r = await runInProcess(['--users', users, '--contacts', contacts, '--out', out, '--yes']);
    expect(r.code).toBe(0);
    const rows = readFileSync(join(out, 'links.csv'), 'utf8').trim().split('\r\n').slice(1);
    expect(rows).toEqual(['1,pat.parent@example.org,,create,no-match,,,auto', '2,gran@example.org,,create,no-match,,,auto']);
    expect(r.stderr).toContain(
      'columns "Parent/Guardian Email", "Emergency Contact Email" are none of CiviCRM\'s email columns ("Email", "<location>-Email"): custom fields for another person\'s address, not the contact\'s own; CiviCRM does not match them, and neither does ufmatch — if one holds the contact\'s own addresses, rename it "Other-Email"',
    );
  });

  it('a file whose only email column is a custom field is told so, not to rename it into "Email" unasked', async () => {
    const path = tmp.write('custom-only.csv', 'Contact ID,Contact Type,Parent Email\n10,Individual,p@example.org\n');
    const e = await expectInputError(loadContacts(path), path, 1, /no email column of the contacts' own: "Parent Email" is a custom field for another person's address, none of CiviCRM's email columns \("Email", "<location>-Email"\)/, []);
    expect(e.remedy).toBe('export the contacts with their own Email column (and location emails such as Home-Email), or give their addresses with --emails; if it holds the contact\'s own addresses, rename it "Email"');
  });
});

describe('a scripted run', () => {
  it("does not link a parent's account to the child's contact through a custom relationship's column (Emergency Contact-Email)", async () => {
    const contacts = tmp.write('emergency-c.csv', 'Contact ID,Contact Type,Display Name,First Name,Last Name,Email,Emergency Contact-Email,Contact is in Trash\n20,Individual,Kid Smith,Kid,Smith,kid@example.org,mom@example.org,No\n');
    const users = tmp.write('emergency-u.csv', 'ID,user_login,user_email,first_name,last_name\n1,mom,mom@example.org,Mary,Smith\n');
    const out = join(tmp.dir, 'out-emergency');
    const r = await runInProcess(['--users', users, '--contacts', contacts, '--out', out, '--yes']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'links.csv'), 'utf8').trim().split('\r\n').slice(1)).toEqual(['1,mom@example.org,,create,no-match,,,auto']);
  });

  it('does not link a user to the contact whose related contact has their email, and says why', async () => {
    const contacts = tmp.write('c.csv', CONTACTS);
    const users = tmp.write('u.csv', 'ID,user_login,user_email,first_name,last_name\n1,boss,boss@acme.example,Mary,Boss\n2,tom,tom.home@example.org,Tom,Baker\n');
    const out = join(tmp.dir, 'out-related');
    const r = await runInProcess(['--users', users, '--contacts', contacts, '--out', out, '--yes']);
    expect(r.code).toBe(0);
    const rows = readFileSync(join(out, 'links.csv'), 'utf8').trim().split('\r\n').slice(1);
    expect(rows[0]).toBe('1,boss@acme.example,,create,no-match,,,auto');
    expect(rows[1]).toMatch(/^2,tom\.home@example\.org,10,link,exact-email,/);
    expect(r.stderr).toContain('columns "Employee of-Email", "Spouse of-Home-Email" hold related contacts\' emails, not the contact\'s own');
  });

  it('says when the contacts export has no type or trash column', async () => {
    const contacts = tmp.write('bare.csv', 'Contact ID,Display Name,Email\n10,Tom Baker,tom@example.org\n');
    const users = tmp.write('u2.csv', 'ID,user_login,user_email\n1,tom,tom@example.org\n');
    const r = await runInProcess(['--users', users, '--contacts', contacts, '--out', join(tmp.dir, 'out-bare'), '--yes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('has no contact type column ("Contact Type" or contact_type): every contact is taken as an Individual');
    expect(r.stderr).toContain('has no trash column ("Contact is in Trash" or is_deleted): no contact is taken as in the trash');
  });
});

describe('contactColumnNotes', () => {
  it('says nothing of a complete export', () => {
    expect(contactColumnNotes({ relatedEmails: [], unsureEmails: [], otherEmails: [], noType: false, noTrash: false }, 'c.csv')).toEqual([]);
  });
  it('quotes at most 10 column names and counts the rest (1,000 custom location columns made a 16 KB line)', () => {
    const unsure = Array.from({ length: 1000 }, (_, j) => `Loc${j}-Email`);
    const [note] = contactColumnNotes({ relatedEmails: [], unsureEmails: unsure, otherEmails: [], noType: false, noTrash: false }, 'c.csv');
    expect(note).toContain('"Loc0-Email", "Loc1-Email", "Loc2-Email", "Loc3-Email", "Loc4-Email", "Loc5-Email", "Loc6-Email", "Loc7-Email", "Loc8-Email", "Loc9-Email" and 990 more are taken');
    expect(note!.length).toBeLessThan(400);
  });
  it('names one related column in the singular', () => {
    expect(contactColumnNotes({ relatedEmails: ['Employee of-Email'], unsureEmails: [], otherEmails: [], noType: false, noTrash: false }, 'c.csv')).toEqual([
      'c.csv: column "Employee of-Email" holds a related contact\'s email, not the contact\'s own; CiviCRM does not match it, and neither does ufmatch',
    ]);
  });
});
