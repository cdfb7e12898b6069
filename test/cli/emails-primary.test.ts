/**
 * When the --emails file (civicrm_email, where CiviCRM's matching reads is_primary) marks
 * another address primary than the contacts export's primary column, the emails file wins and
 * the run says so on stderr: CiviCRM picks the contact whose matching email is primary, so
 * reading the wrong primary predicted a taken contact and a duplicate that CiviCRM never makes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runBinary } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

describe('--emails is_primary', () => {
  it('wins over the contacts export primary column, with a note', () => {
    const dir = tempDir('ufm-emails-primary-');
    const f = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const users = f('users.csv', 'ID,user_email,first_name,last_name\n1,fam@x.org,Bea,Bb\n5,a@x.org,A,Aa\n');
    const contacts = f('contacts.csv', 'Contact ID,Contact Type,First Name,Last Name,Email,Home-Email\n10,Individual,A,Aa,a@x.org,fam@x.org\n11,Individual,B,Bb,b@x.org,\n');
    const emails = f('emails.csv', 'contact_id,email,is_primary\n11,fam@x.org,1\n11,b@x.org,0\n');
    const links = f('links.csv', 'uf_id,contact_id,uf_name\n5,10,a@x.org\n');
    const out = join(dir, 'out');
    const r = runBinary(['--users', users, '--contacts', contacts, '--emails', emails, '--links', links, '--yes', '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("for 1 contact " + emails + "'s is_primary marks another address than the contacts export's primary column");
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(out, 'links.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const u1 = rows.find((x) => x.uf_id === '1')!;
    expect(u1.warnings.split(';')).not.toContain('contact-taken'); // CiviCRM links 11, whose primary it is
    expect(u1.candidates.startsWith('11:')).toBe(true);
    expect(JSON.parse(r.stdout).civicrm.duplicates_avoided).toBe(0);
  });
});
