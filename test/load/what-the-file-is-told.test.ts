/**
 * Messages that name what is wrong instead of what a CSV reader trips on first (found by a
 * real-exports audit): a file that is not CSV at all (JSON, HTML, the mysql client's table), a
 * header repeated mid-file (two exports joined), a separator at the end of a line (it said to
 * quote a value), and a flag column offered as the "nearest match" for a missing Email column.
 */
import { describe, expect, it } from 'vitest';
import { loadContacts } from '../../src/load/contacts.js';
import { loadLinks } from '../../src/load/links.js';
import { loadUsers } from '../../src/load/users.js';
import { expectInputError, tempDir } from './helpers.js';

const tmp = tempDir();

describe('a file that is not CSV', () => {
  it.each([
    ['users.json', '[{"ID":"1","user_login":"z","user_email":"z@x.de"}]\n', /this is JSON, not CSV/],
    ['users-lines.json', '{"ID":1,"user_email":"z@x.de"}\n{"ID":2,"user_email":"y@x.de"}\n', /this is JSON, not CSV/],
    ['users-pretty.json', '[\n  {\n    "ID": "1",\n    "user_email": "z@x.de"\n  }\n]\n', /this is JSON, not CSV/],
    ['users.xls', '<html><body><table><tr><td>ID</td><td>user_email</td></tr></table></body></html>\n', /this is HTML or XML, not CSV/],
    ['users.xml', '\uFEFF<?xml version="1.0"?>\n<users><user id="1"/></users>\n', /this is HTML or XML, not CSV/],
    ['users.txt', '+----+----------------+\n| ID | user_email     |\n+----+----------------+\n|  1 | z@x.de         |\n+----+----------------+\n', /this is a table printed by the mysql client/],
  ])('%s is told for what it is', async (name, text, problem) => {
    const path = tmp.write(name, text);
    const e = await expectInputError(loadUsers(path), path, 1, problem);
    expect(e.remedy).toMatch(/CSV/);
  });

  it('a header cell starting with a bracket is CSV ("[ID]"), quoted or not, in UTF-8 or another encoding', async () => {
    for (const [name, text, encoding] of [
      ['bracket-quoted.csv', '"[ID]",user_login,user_email,ID\n1,z,z@x.de,1\n', undefined],
      ['bracket-plain.csv', '[ID],user_login,user_email,ID\n1,z,z@x.de,1\n', undefined],
      ['bracket-1252.csv', '[ID],user_login,user_email,ID,first_name\n1,z,z@x.de,1,Zo\xeb\n', 'windows-1252'],
    ] as const) {
      const path = tmp.write(name, Buffer.from(text, 'latin1'));
      expect((await loadUsers(path, { encoding })).users, name).toHaveLength(1);
    }
  });

  it('a CSV whose values hold brackets and angle brackets is CSV', async () => {
    const path = tmp.write('brackets.csv', 'ID,user_login,user_email,display_name\n1,z,z@x.de,"<b>Zoe</b> [admin]"\n');
    expect((await loadUsers(path)).users).toHaveLength(1);
  });
});

describe('lines a CSV reader misreads', () => {
  it('a header repeated mid-file: two exports joined', async () => {
    const users = tmp.write('two-users.csv', 'ID,user_login,user_email\n1,z,z@x.de\nID,user_login,user_email\n2,y,y@x.de\n');
    await expectInputError(loadUsers(users), users, 3, /this line repeats the header row: two exports joined into one file\?/);
    for (const bytes of [true, false]) {
      const contacts = tmp.write(`two-contacts-${bytes}.csv`, 'Contact ID,Contact Type,Email\n1,Individual,a@x.org\n\uFEFFContact ID,Contact Type,Email\n');
      await expectInputError(loadContacts(contacts, { bytes }), contacts, 3, /repeats the header row/);
    }
    const links = tmp.write('two-links.csv', 'uf_id,contact_id\n1,10\nuf_id,contact_id\n');
    await expectInputError(loadLinks(links), links, 3, /repeats the header row/);
  });

  it('a separator at the end of a line is said to be one, not an unquoted separator in a value', async () => {
    const one = tmp.write('trailing.csv', 'ID,user_login,user_email\n1,z,z@x.de,\n');
    const e = await expectInputError(loadUsers(one), one, 2, /row has 4 fields but the header has 3: the line ends with a comma after its last value, or a value holds an unquoted comma/);
    expect(e.remedy).toBe('remove the comma at the end of the line if it is one too many, else quote the value that holds a comma');
    const two = tmp.write('trailing2.csv', 'ID;user_login;user_email\n1;z;z@x.de;;\n');
    await expectInputError(loadUsers(two), two, 2, /the line ends with 2 semicolons after its last value/);
    const inValue = tmp.write('in-value.csv', 'ID,user_login,user_email\n1,z,z@x.de,x\n');
    await expectInputError(loadUsers(inValue), inValue, 2, /row has 4 fields but the header has 3$/);
  });

  it('a flag about email is no near match for a missing Email column', async () => {
    const path = tmp.write('raw-contact.csv', 'id,contact_type,display_name,do_not_email,is_deleted\n1,Individual,A,0,0\n');
    const e = await expectInputError(loadContacts(path), path, 1, /missing column "Email"/);
    expect(e.remedy).not.toMatch(/do_not_email/);
    const near = tmp.write('near-contact.csv', 'id,contact_type,do_not_email,e_mail_addr\n1,Individual,0,a@x.org\n');
    const n = await expectInputError(loadContacts(near), near, 1, /missing column "Email"/);
    expect(n.remedy).toMatch(/nearest match: "e_mail_addr" — rename it to "Email"/);
  });
});
