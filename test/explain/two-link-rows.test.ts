/** explain for a user whose uf_id is on two rows of civicrm_uf_match (one domain). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

describe('explain: a uf_id on two link rows', () => {
  // found by a re-check: the fix handed over UPDATE … WHERE uf_id = 1, which changes both rows
  // and which the table's unique keys refuse (MariaDB: Duplicate entry '101-1'); the second row
  // was not shown at all
  it('shows the second row, and the fix starts by deleting the wrong rows by their id', async () => {
    const dir = tempDir('ufm-two-rows-');
    writeFileSync(join(dir, 'u.csv'), 'ID,user_login,user_email,first_name,last_name\n1,ann,ann@x.org,Ann,Lee\n');
    writeFileSync(join(dir, 'c.csv'), 'Contact ID,Contact Type,Display Name,First Name,Last Name,Email\n101,Individual,Ann Lee,Ann,Lee,ann@x.org\n104,Individual,Ann Other,Ann,Other,ann2@x.org\n');
    writeFileSync(join(dir, 'l.csv'), 'id,domain_id,uf_id,uf_name,contact_id\n1,1,1,ann.old@x.org,104\n2,1,1,ann@x.org,101\n');
    const args = ['--users', join(dir, 'u.csv'), '--contacts', join(dir, 'c.csv'), '--links', join(dir, 'l.csv')];
    const r = await runInProcess(['explain', '1', ...args]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('also uf_id 1 → contact 101, uf_name ann@x.org (links file line 3): a second row; CiviCRM uses the first');
    const fix = r.stdout.slice(r.stdout.indexOf('\nFix'));
    expect(fix).toMatch(/^\nFix\n {2}1\. User 1 has 2 rows in civicrm_uf_match for domain 1: CiviCRM uses the first, to contact 104 \(links file line 2\); the other, to contact 101 \(line 3\), still holds its contact and uf_name\. First delete the rows that are wrong, by their id/);
    expect(fix).toContain('SELECT id, contact_id, uf_name FROM civicrm_uf_match WHERE uf_id = 1 AND domain_id = 1;');
    const json = JSON.parse((await runInProcess(['explain', '1', ...args, '--json'])).stdout);
    expect(json.explanation.link.more_rows).toEqual([{ contact_id: 101, uf_name: 'ann@x.org', line: 3 }]);
  });
});
