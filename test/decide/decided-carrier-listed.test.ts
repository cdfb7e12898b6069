/**
 * A decisions file that links a contact carrying the user's email beyond the 20 the plan keeps
 * (a placeholder on 25 contacts): the contact joins the candidates, so links.csv lists it and
 * explain says the file links it (found by the review of the change that bounded candidates).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/runCli.js';
import { tempDir } from '../load/helpers.js';

const tmp = tempDir();

describe('a replayed link to a carrier the plan did not keep', () => {
  const contacts = ['Contact ID,Contact Type,Display Name,First Name,Last Name,Email,Contact is in Trash'];
  for (let id = 1; id <= 25; id++) contacts.push(`${id},Individual,P${id} Q${id},P${id},Q${id},${id === 25 ? 'Info@X.org' : 'info@x.org'},0`);
  const c = tmp.write('contacts.csv', contacts.join('\n') + '\n');
  const u = tmp.write('users.csv', 'ID,user_login,user_email,first_name,last_name\n1,ann,info@x.org,Ann,Lee\n');
  const d = tmp.write('decisions.csv', 'uf_id,email,action,contact_id,decided_at\n1,info@x.org,link,25,2026-11-22T10:00:00Z\n');

  it('is among the candidates links.csv writes, and counted out of the rest', async () => {
    const out = join(tmp.dir, 'out');
    const r = await runInProcess(['--users', u, '--contacts', c, '--decisions', d, '--out', out, '--yes']);
    expect(r.code).toBe(0);
    const row = readFileSync(join(out, 'links.csv'), 'utf8').split('\n')[1]!;
    expect(row).toMatch(/^1,info@x\.org,25,link,decisions-file,"1:0\.95;2:0\.95;3:0\.95;4:0\.95;25:0\.95",/);
  });

  it('explain says the decisions file links it', async () => {
    const r = await runInProcess(['explain', '1', '--users', u, '--contacts', c, '--decisions', d]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The decisions file links contact 25');
    expect(r.stdout).toContain('Candidate contacts (25; 21 listed)');
  });
});
