/**
 * The exact index is built as the contacts load, before the --emails file is read: an
 * address that file adds, or makes primary, must rank as CiviCRM ranks it (primary first,
 * then lowest id) all the same — the plan equals the one built from the finished dataset.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/args.js';
import { silentProgress } from '../../src/cli/progress.js';
import { prepare } from '../../src/cli/scripted.js';
import { buildPlan } from '../../src/decide/plan.js';
import { tempDir } from '../helpers/tempDir.js';

const dir = tempDir('ufmatch-emails-index-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('addresses from the --emails file in the exact index', () => {
  it('one made primary, and one added as primary, are picked as primary', async () => {
    // 10 and 20 both carry shared@ as a non-primary address: CiviCRM would pick 10 (lowest id)
    // until the emails file makes it 20's primary. 30 has no address until the file adds
    // other@ as its primary; 40 has other@ as a non-primary one.
    const contacts = file('contacts.csv', 'Contact ID,Email,Home-Email\n10,,shared@example.org\n20,,shared@example.org\n30,,\n40,,other@example.org\n');
    const emails = file('emails.csv', 'contact_id,email,is_primary\n20,shared@example.org,1\n30,other@example.org,1\n');
    const users = file('users.csv', 'ID,user_email\n1,shared@example.org\n2,other@example.org\n');
    const o = parseCommandLine(['--users', users, '--contacts', contacts, '--emails', emails, '--yes', '--out', join(dir, 'out')]);
    const notes = new PassThrough();
    const io = { stdin: process.stdin, stdout: notes, stderr: notes, env: { ...process.env, UFMATCH_WORKERS: '0' } };
    const { loaded, plan } = await prepare(o, io as never, silentProgress);
    const picked = plan.rows.map((r) => (r.civicrm.kind === 'link' ? r.civicrm.contactId : null));
    expect(picked).toEqual([20, 30]);
    expect(plan).toEqual(buildPlan(loaded.data));
  });
});
