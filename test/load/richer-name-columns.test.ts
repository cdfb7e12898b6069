/**
 * SPEC §5.3: contacts-to-create.csv's names follow the platform rules of §3 item 4, "filled from
 * richer columns when the export has them". Drupal passes CiviCRM no name and Joomla a split of
 * its `name`; an export with a profile's first and last name beside the account has them used
 * (for contacts-to-create.csv and for comparing names), a row with those cells empty keeps the
 * platform's own (the split, or none).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/types.js';
import { loadUsers } from '../../src/load/users.js';
import { runInProcess } from '../helpers/runCli.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();
const names = (u: User) => [u.firstName, u.middleName, u.lastName];

describe('richer name columns', () => {
  it('Drupal: field_first_name / field_last_name are read; without them a Drupal user has no name', async () => {
    const p = tmp.write('d.csv', 'uid,name,mail,status,field_first_name,field_last_name\n1,admin,admin@example.org,1,Ada,Lovelace\n2,bob,bob@example.org,1,,\n');
    const r = await loadUsers(p);
    expect(r.platform).toBe('drupal');
    expect(r.users.map(names)).toEqual([['Ada', '', 'Lovelace'], ['', '', '']]);
    const plain = await loadUsers(tmp.write('d0.csv', 'uid,name,mail,status\n1,admin,admin@example.org,1\n'));
    expect(plain.users.map(names)).toEqual([['', '', '']]);
  });

  it('Joomla: first/middle/last name columns win over the split of `name`, where they are filled', async () => {
    const p = tmp.write('j.csv', 'id,name,username,email,block,first_name,middle_name,last_name\n1,Johnny,jsmith,j@x.org,0,John,Paul,Smith\n2,"Maria de la Cruz Lopez",mdlc,m@x.org,0,Maria,,de la Cruz López\n3,"Doe, Jane",jd,jd@x.org,0,,,\n');
    const r = await loadUsers(p);
    expect(r.platform).toBe('joomla');
    expect(r.users.map(names)).toEqual([['John', 'Paul', 'Smith'], ['Maria', '', 'de la Cruz López'], ['Jane', '', 'Doe']]);
  });

  it('Joomla: a user without an email whose `name` CiviCRM cannot split is still one its Contact create refuses', async () => {
    const p = tmp.write('j2.csv', 'id,name,username,email,block,first_name,last_name\n1,,jx,,0,Jo,Ex\n');
    const r = await loadUsers(p);
    expect(names(r.users[0]!)).toEqual(['Jo', '', 'Ex']);
    expect(r.users[0]!.noNameForCivicrm).toBe(true);
  });

  it('a Drupal create row carries the profile names into contacts-to-create.csv, and a contact of that name is a name-match', async () => {
    const users = tmp.write('du.csv', 'uid,name,mail,status,field_first_name,field_last_name\n1,admin,admin@example.org,1,Ada,Lovelace\n2,bob,bob@example.org,1,Bob,Ray\n');
    const contacts = tmp.write('dc.csv', 'Contact ID,Contact Type,Display Name,First Name,Last Name,Email,Contact is in Trash\n10,Individual,Ada Lovelace,Ada,Lovelace,ada@other.org,0\n');
    const out = join(tmp.dir, 'out-d');
    const r = await runInProcess(['--users', users, '--contacts', contacts, '--out', out, '--yes']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'contacts-to-create.csv'), 'utf8')).toBe('uf_id,contact_type,first_name,middle_name,last_name,email\r\n2,Individual,Bob,,Ray,bob@example.org\r\n');
    expect(readFileSync(join(out, 'links.csv'), 'utf8')).toContain('1,admin@example.org,10,review,needs-review,10:0.70,name-match,auto');
  });
});
