/**
 * Tools that write CSV for Excel put "sep=;" (or "sep=,") on the first line, and Excel reads a
 * file so (PHP's fputcsv writes it quoted whole, "sep=;"); ufmatch skips that line in every input, read from the bytes or with papaparse, and
 * the rows keep their physical line numbers.
 */
import { describe, expect, it } from 'vitest';
import { loadContacts } from '../../src/load/contacts.js';
import { loadLinks } from '../../src/load/links.js';
import { loadUsers } from '../../src/load/users.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();

describe('a "sep=" line before the header', () => {
  it('users: skipped, the delimiter it names is used, lines count it', async () => {
    const p = tmp.write('users-sep.csv', 'sep=;\r\nID;user_login;user_email;display_name\r\n1;ada;ada@example.org;"Lovelace, Ada"\r\n2;bob;bob@example.org;Bob\r\n');
    const r = await loadUsers(p);
    expect(r.platform).toBe('wordpress');
    expect(r.users.map((u) => [u.ufId, u.email, u.line])).toEqual([
      [1, 'ada@example.org', 3],
      [2, 'bob@example.org', 4],
    ]);
  });

  it('contacts: cut from the bytes, with papaparse, and with papaparse past a quote inside a value', async () => {
    const head = 'sep=;\n"Contact ID";"Contact Type";"First Name";"Last Name";Email\n';
    const plain = tmp.write('contacts-sep.csv', `${head}7;Individual;Ada;Lovelace;ada@example.org\n9;Individual;Bob;Smith;bob@example.org\n`);
    const mixed = tmp.write('contacts-sep-mixed.csv', `${head}7;Individual;Ada;Lovelace;ada@example.org\n9;Individual;"Bob ""B""";Smith;bob@example.org\n`);
    for (const [p, options] of [[plain, {}], [plain, { plain: false }], [mixed, {}]] as const) {
      const r = await loadContacts(p, options);
      expect([...r.contacts].map((c) => [c.id, c.lastName, c.emails[0]?.key])).toEqual([
        [7, 'Lovelace', 'ada@example.org'],
        [9, 'Smith', 'bob@example.org'],
      ]);
    }
    expect([...(await loadContacts(mixed)).contacts][1]?.firstName).toBe('Bob "B"');
  });

  it('quoted whole, as PHP\'s fputcsv writes it: skipped too, and its delimiter used', async () => {
    const p = tmp.write('users-sep-quoted.csv', '"sep=;"\nID;user_login;user_email\n1;ada;ada@example.org\n');
    const r = await loadUsers(p);
    expect(r.users.map((u) => [u.ufId, u.email, u.line])).toEqual([[1, 'ada@example.org', 3]]);
  });

  it('links: skipped', async () => {
    const p = tmp.write('links-sep.csv', 'sep=,\nid,domain_id,uf_id,uf_name,contact_id\n1,1,5,ada@example.org,7\n');
    const r = await loadLinks(p);
    expect(r.links.map((l) => [l.ufId, l.contactId, l.line])).toEqual([[5, 7, 3]]);
  });
});
