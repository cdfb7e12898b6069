/**
 * A contact's email cell holding several addresses ("gina@home.example, gina@work.example": a
 * SearchKit column that groups a contact's emails, or a value the database itself holds) is
 * refused: read as one key it matched nothing, and its users were planned as new contacts
 * without a word (found by an input audit). Whether CiviCRM holds one row or several cannot be
 * told from the export, so no match can be predicted from it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContacts } from '../../src/load/contacts.js';
import { severalAddresses } from '../../src/load/fields.js';
import { runInProcess } from '../helpers/runCli.js';
import { expectInputError, tempDir } from './helpers.js';

const tmp = tempDir();

describe('severalAddresses', () => {
  it.each([
    ['gina@home.example, gina.cole@work.example', 2],
    ['hal@home.example;hal@work.example', 2],
    ['a@x.org b@y.org\tc@z.org', 3],
    ['gina@home.example', 0],
    ['gina@home.example, Gina Cole', 0],
    ['"a@b"@x.org', 0],
    ['', 0],
  ])('%j → %d', (cell, n) => {
    expect(severalAddresses(cell)).toBe(n);
  });
});

describe('a contacts file with several addresses in one email cell', () => {
  const CSV = 'id,contact_type,display_name,email,is_deleted\n20,Individual,Gina Cole,gina@home.example,0\n21,Individual,Hal Dunn,"hal@home.example; hal@work.example",0\n';

  it.each([
    ['read as bytes', {}],
    ['read by papaparse', { bytes: false }],
  ])('%s: is refused, naming line and column, not the addresses', async (_how, opts) => {
    const path = tmp.write(`several-${Object.keys(opts).length}.csv`, CSV);
    const e = await expectInputError(loadContacts(path, opts), path, 3, /"email" holds 2 addresses in one cell; CiviCRM keeps one address per email row/, ['hal@home.example', 'hal@work.example']);
    expect(e.column).toBe(4);
    expect(e.remedy).toContain('give the civicrm_email rows with --emails');
  });

  it('a scripted run exits 3 with one line', async () => {
    const contacts = tmp.write('several-run.csv', CSV);
    const users = tmp.write('several-users.csv', 'ID,user_login,user_email\n1,hal,hal@work.example\n');
    const r = await runInProcess(['--users', users, '--contacts', contacts, '--out', join(tmp.dir, 'out-several'), '--yes']);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n').filter((l) => !l.includes('no trash column'))).toEqual([
      `ufmatch: ${contacts} line 3 column 4: "email" holds 2 addresses in one cell; CiviCRM keeps one address per email row and matches the whole value — export one address per column (Email, Home-Email, Work-Email, …) or give the civicrm_email rows with --emails; if the database itself holds this value, correct it there`,
    ]);
  });
});
