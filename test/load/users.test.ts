import { describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/types.js';
import { UsageError } from '../../src/load/errors.js';
import { loadUsers } from '../../src/load/users.js';
import { expectInputError, fixture, tempDir } from './helpers.js';

const tmp = tempDir();

const pick = (u: User) => ({ ufId: u.ufId, first: u.firstName, middle: u.middleName, last: u.lastName, blocked: u.blocked });

describe('loadUsers: WordPress', () => {
  it('detects the platform and reads every column', async () => {
    const path = fixture('wordpress-users.csv');
    const r = await loadUsers(path);
    expect(r.platform).toBe('wordpress');
    expect(r.info.path).toBe(path);
    expect(r.info.rows).toBe(4);
    expect(r.info.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.users[0]).toEqual({
      ufId: 1,
      email: 'Admin@Example.org ',
      emailKey: 'admin@example.org',
      username: 'admin',
      firstName: 'Ada',
      middleName: '',
      lastName: 'Lovelace',
      displayName: 'Ada Lovelace',
      blocked: false,
      registered: '2016-04-11 09:12:45',
      lastLogin: '',
      roles: 'administrator',
      line: 2,
    });
    expect(r.users.map(pick)).toEqual([
      { ufId: 1, first: 'Ada', middle: '', last: 'Lovelace', blocked: false },
      { ufId: 2, first: 'Bob', middle: '', last: 'Stone', blocked: false }, // empty first/last → display_name
      { ufId: 3, first: '', middle: '', last: '', blocked: true }, // display_name = login; user_status 1
      { ufId: 4, first: '', middle: '', last: '', blocked: false }, // display_name 'Dan' is the login 'dan'
    ]);
    expect(r.users[1]?.roles).toBe('editor,subscriber');
    expect(r.users[3]?.email).toBe('');
    expect(r.users[3]?.emailKey).toBe('');
  });

  it('wp-cli export without first/last columns splits display_name', async () => {
    const r = await loadUsers(fixture('wordpress-cli.csv'));
    expect(r.platform).toBe('wordpress');
    expect(r.users.map(pick)).toEqual([
      { ufId: 7, first: 'Maria', middle: '', last: 'van der Berg', blocked: false },
      { ufId: 8, first: 'José', middle: '', last: 'García López', blocked: false },
      { ufId: 9, first: '', middle: '', last: '', blocked: false },
    ]);
  });

  it('CRLF, BOM and semicolons: no stray \\r in the last column', async () => {
    const text = '\uFEFFID;user_login;user_email;roles\r\n1;ada;ada@example.org;editor\r\n2;bob;bob@example.org;subscriber\r\n';
    const p = tmp.write('wp-crlf.csv', text);
    const r = await loadUsers(p, { highWaterMark: 5 });
    expect(r.users.map((u) => u.roles)).toEqual(['editor', 'subscriber']);
    expect(r.users.map((u) => u.line)).toEqual([2, 3]);
  });
});

describe('loadUsers: Drupal', () => {
  it('detects the platform, skips uid 0, converts timestamps, reads status', async () => {
    const r = await loadUsers(fixture('drupal-users.csv'));
    expect(r.platform).toBe('drupal');
    expect(r.info.rows).toBe(4);
    expect(r.users.map((u) => [u.ufId, u.username, u.email, u.blocked, u.registered, u.lastLogin, u.line])).toEqual([
      [1, 'admin', 'admin@example.org', false, '2019-02-10 09:00:00', '2025-05-02 08:14:00', 3],
      [2, 'sofia_m', 'Sofia@Example.org', true, '2019-03-01 18:22:00', '', 4],
      [3, 'arjun', 'arjun@example.org', true, '2019-04-14 12:40:00', '2019-04-14 12:40:01', 5],
    ]);
    for (const u of r.users) expect([u.firstName, u.middleName, u.lastName, u.displayName]).toEqual(['', '', '', '']);
    expect(r.users[1]?.emailKey).toBe('sofia@example.org');
  });
});

describe('loadUsers: Joomla', () => {
  it('detects the platform and splits name', async () => {
    const r = await loadUsers(fixture('joomla-users.csv'));
    expect(r.platform).toBe('joomla');
    expect(r.users.map(pick)).toEqual([
      { ufId: 475, first: 'Super', middle: '', last: 'User', blocked: false },
      { ufId: 476, first: 'Sofia', middle: 'Anna', last: 'Marchetti', blocked: false },
      { ufId: 477, first: 'Liam', middle: 'Paul', last: 'Thornton', blocked: true },
    ]);
    expect(r.users[1]?.displayName).toBe('Marchetti, Sofia Anna');
    expect(r.users[1]?.lastLogin).toBe('');
    expect(r.users[0]?.registered).toBe('2020-01-08 09:31:12');
    expect(r.users[2]?.username).toBe('liamt');
  });

  it('--platform joomla does not need username', async () => {
    const p = tmp.write('joomla-min.csv', 'id,name,email\n5,Ann Lee,ann@example.org\n');
    const r = await loadUsers(p, { platform: 'joomla' });
    expect(r.users[0]).toMatchObject({ ufId: 5, firstName: 'Ann', lastName: 'Lee', username: '' });
    await expectInputError(loadUsers(p), p, 1, /missing column "username" needed for a users export/);
  });
});

describe('loadUsers: platform choice errors', () => {
  it('--platform naming another platform than the export says which export it is', async () => {
    const path = fixture('wordpress-users.csv');
    const e = await expectInputError(loadUsers(path, { platform: 'drupal' }), path, 1, /--platform drupal, but this is a WordPress users export \(ID, user_email\)/);
    expect(e.remedy).toBe('drop --platform, or give it as --platform wordpress');
  });

  it('a generic export (ID, Username, Email, First Name, Last Name) fits Joomla: --platform wordpress says how to read it as WordPress, and as Joomla its names are used', async () => {
    const p = tmp.write('generic-users.csv', 'ID,Username,Email,First Name,Last Name,Display Name,Role\n1,annl,ann9@x.org,Ann,Lee,Ann Lee,subscriber\n');
    const e = await expectInputError(loadUsers(p, { platform: 'wordpress' }), p, 1, /--platform wordpress, but this is a Joomla users export \(id, email, username\)/);
    expect(e.remedy).toBe('nearest match: "Email" — rename it to "user_email" if that is the column and it is a WordPress export; if it is a Joomla one, drop --platform, or give it as --platform joomla');
    const r = await loadUsers(p);
    expect(r.platform).toBe('joomla');
    expect(r.users[0]).toMatchObject({ ufId: 1, username: 'annl', firstName: 'Ann', lastName: 'Lee' });
    // without First/Last Name, the Display Name is split as WordPress's is
    const d = tmp.write('generic-display.csv', 'ID,Username,Email,Display Name,Role\n3,bo,bo@x.org,Bo Park,subscriber\n');
    expect((await loadUsers(d)).users[0]).toMatchObject({ firstName: 'Bo', lastName: 'Park' });
    // a real Joomla export's name column wins over a first name alone (first and last together win: richer-name-columns.test.ts)
    const q = tmp.write('joomla-with-first.csv', 'id,name,username,email,first_name\n2,"Kowalski, Ewa",ewa,ewa@x.org,Eve\n');
    expect((await loadUsers(q)).users[0]).toMatchObject({ firstName: 'Ewa', lastName: 'Kowalski' });
  });

  it('--platform overrides detection but its columns must exist (with nearest match; a column holding the name counts)', async () => {
    const p = tmp.write('wp-misspelt.csv', 'ID,user_mail,login\n1,a@x.org,a\n');
    const e = await expectInputError(loadUsers(p, { platform: 'wordpress' }), p, 1, /missing column "user_email" needed for WordPress users; columns found: ID, user_mail, login/);
    expect(e.remedy).toContain('nearest match: "user_mail" — rename it to "user_email"');
    const q = tmp.write('joomla-ish.csv', 'id,contact_email,username\n1,a@x.org,a\n');
    const f = await expectInputError(loadUsers(q, { platform: 'joomla' }), q, 1, /missing column "email" needed for Joomla users/);
    expect(f.remedy).toContain('nearest match: "contact_email" — rename it to "email" if that is the column');
  });

  it('an unknown --platform is a usage error', async () => {
    await expect(loadUsers(fixture('wordpress-users.csv'), { platform: 'typo3' as never })).rejects.toBeInstanceOf(UsageError);
  });

  it('a header fitting two platforms asks for --platform', async () => {
    const p = tmp.write('ambiguous.csv', 'ID,user_email,email,username\n1,a@x.org,a@x.org,a\n');
    const e = await expectInputError(loadUsers(p), p, 1, /fits both WordPress and Joomla/);
    expect(e.remedy).toContain('--platform wordpress|joomla');
    expect((await loadUsers(p, { platform: 'joomla' })).platform).toBe('joomla');
  });

  it('an unrecognised header names the closest platform, the columns found and the nearest match', async () => {
    const p = tmp.write('unknown.csv', 'uid,e-mail_address,name\n1,a@x.org,a\n');
    const e = await expectInputError(loadUsers(p), p, 1, /missing column "mail" needed for a users export .*columns found: uid, e-mail_address, name/);
    expect(e.remedy).toMatch(/^nearest match: "/);
  });

  it('non-numeric, zero and negative ids name the line and column', async () => {
    const p = tmp.write('zero.csv', 'ID,user_email\n1,a@x.org\n0,b@x.org\n');
    const e = await expectInputError(loadUsers(p), p, 3, /"ID" is not a positive whole number/, ['b@x.org']);
    expect(e.column).toBe(1);
    const q = tmp.write('neg.csv', 'user_email,ID\na@x.org,-4\n');
    expect((await expectInputError(loadUsers(q), q, 2, /not a positive whole number/)).column).toBe(2);
  });

  it('ids with spaces and leading zeros are read as numbers', async () => {
    const p = tmp.write('spaces.csv', 'ID,user_email\n 7 ,a@x.org\n007 ,b@x.org\n');
    await expectInputError(loadUsers(p), p, 3, /repeats the id of line 2/);
  });
});

describe('loadUsers: files that are not users exports, and Drupal translations', () => {
  const tmp2 = tempDir();

  it.each([
    ['Contact ID,Contact Type,Display Name,Email,Contact is in Trash\n1,Individual,Ann,a@x.org,0\n', 'a CiviCRM contacts export', '--contacts'],
    ['id,contact_type,display_name,email_primary.email,is_deleted\n1,Individual,Ann,a@x.org,0\n', 'a CiviCRM contacts export', '--contacts'],
    ['id,domain_id,uf_id,uf_name,contact_id,language\n1,1,5,a@x.org,10,en\n', 'a civicrm_uf_match export (uf_id, contact_id)', '--links'],
    ['id,contact_id,location_type_id,email,is_primary\n1,10,1,a@x.org,1\n', 'a civicrm_email export (contact_id, email)', '--emails'],
  ])('%#: says which option the file belongs to', async (csv, what, option) => {
    const p = tmp2.write(`other-${option}.csv`, csv);
    await expectInputError(loadUsers(p), p, 1, new RegExp(`this looks like ${what.replace(/[()]/g, '\\$&')}, not a users export`));
    await loadUsers(p).catch((e: Error) => expect(e.message).toContain(`give it with ${option}`));
    // with --platform too
    await expectInputError(loadUsers(p, { platform: 'drupal' }), p, 1, new RegExp(`this looks like ${what.replace(/[()]/g, '\\$&')}`));
  });

  it('Drupal 8 users_field_data with user translation: the default_langcode 0 rows are translations of the same account', async () => {
    const p = tmp2.write('d8-translated.csv', 'uid,langcode,name,mail,status,default_langcode\n1,en,admin,admin@x.org,1,1\n2,es,ana,ana@x.org,1,1\n2,en,ana,ana@x.org,1,0\n3,en,bo,bo@x.org,1,1\n');
    const r = await loadUsers(p);
    expect(r.users.map((u) => [u.ufId, u.line])).toEqual([[1, 2], [2, 3], [3, 5]]);
  });

  it('an account exported with translation rows only (a language filter) is read from its first one, in its place', async () => {
    const p = tmp2.write('d8-translations-only.csv', 'uid,langcode,name,mail,status,default_langcode\n1,en,admin,admin@x.org,1,1\n4,fr,zoe,zoe@x.org,1,0\n4,de,zoe,zoe@x.org,1,0\n3,en,bo,bo@x.org,1,1\n');
    const r = await loadUsers(p);
    expect(r.users.map((u) => [u.ufId, u.line, u.email])).toEqual([[1, 2, 'admin@x.org'], [4, 3, 'zoe@x.org'], [3, 5, 'bo@x.org']]);
  });
});

describe('loadUsers: drush user:information --format=csv', () => {
  it('its field labels (User ID, User name, User mail, User status, User roles) are Drupal’s uid, name, mail, status and roles', async () => {
    const p = tmp.write('drush.csv', '"User ID","User name","User mail","User roles","User status"\n1,admin,admin@example.org,"authenticated, administrator",active\n7,jo,jo@example.org,authenticated,blocked\n');
    const r = await loadUsers(p);
    expect(r.platform).toBe('drupal');
    expect(r.users.map((u) => [u.ufId, u.username, u.email, u.blocked, u.roles])).toEqual([
      [1, 'admin', 'admin@example.org', false, 'authenticated, administrator'],
      [7, 'jo', 'jo@example.org', true, 'authenticated'],
    ]);
  });
});
