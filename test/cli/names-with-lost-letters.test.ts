/**
 * A users export saved by a spreadsheet as "Windows-1252" has `?` for each letter that encoding
 * lacks ("B?a?ej Wi?niewski"). Such a name matches no contact's, so the name-match that held
 * the user for review vanished and ufmatch planned an automatic create — a duplicate with a
 * garbled name — without a word (spreadsheet audit). The run now says which lines.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usersWithLostLetters } from '../../src/load/lostLetters.js';
import { user } from '../helpers/build.js';
import { runInProcess } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

describe('names with letters lost to a single-byte save', () => {
  it('a ? between letters, in any name field; not a ? elsewhere', () => {
    const users = [
      user(1, 'a@x.org', { firstName: 'B?a?ej', lastName: 'Wi?niewski' }),
      user(2, 'b@x.org', { displayName: 'Who? Me' }),
      user(3, 'c@x.org', { lastName: 'Ma??ek' }),
      user(4, 'd@x.org', { firstName: 'Anna', lastName: 'Nowak' }),
    ];
    expect(usersWithLostLetters(users)).toEqual([users[0]!.line, users[2]!.line]);
  });

  it('a scripted run names the lines and what to do', async () => {
    const dir = tempDir('ufm-lost-');
    writeFileSync(join(dir, 'users.csv'), 'ID,user_login,user_email,first_name,last_name,display_name\r\n1,bw,bw@example.org,B?a?ej,Wi?niewski,B?a?ej Wi?niewski\r\n2,an,an@example.org,Anna,Nowak,Anna Nowak\r\n');
    writeFileSync(join(dir, 'contacts.csv'), 'id,contact_type,first_name,last_name,email,is_deleted\r\n301,Individual,Błażej,Wiśniewski,blazej@example.org,0\r\n');
    const r = await runInProcess(['--users', join(dir, 'users.csv'), '--contacts', join(dir, 'contacts.csv'), '--yes', '--out', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.replaceAll(join(dir, 'users.csv'), 'USERS')).toContain(
      `ufmatch: USERS: 1 user's name holds "?" between letters (line 2): letters lost when the file was saved in a single-byte encoding?`,
    );
  });
});
