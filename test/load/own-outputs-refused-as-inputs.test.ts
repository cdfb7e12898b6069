import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/runCli.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();
const SAMPLES = new URL('../../samples/', import.meta.url).pathname;
const sample = (name: string): string => join(SAMPLES, name);
const INPUTS: Record<string, string> = {
  '--users': sample('wordpress-users.csv'),
  '--contacts': sample('contacts-ui.csv'),
  '--links': sample('uf_match.csv'),
  '--emails': sample('emails.csv'),
};

/** A scripted run's outputs on the samples, and a journal as the review writes it (SPEC §5.6). */
let first: string;
beforeAll(async () => {
  first = join(tmp.dir, 'first');
  const r = await runInProcess(['--yes', ...Object.entries(INPUTS).flat(), '--out', first]);
  expect(r.code).toBe(0);
  tmp.write('first/decisions.csv', 'uf_id,email,action,contact_id,decided_at\n3,carol@example.org,link,103,2026-11-23T05:00:00Z\n');
});

async function runWith(option: string, file: string, out: string) {
  const args = Object.entries({ ...INPUTS, [option]: file }).flat();
  return runInProcess(['--yes', ...args, '--out', join(tmp.dir, out)]);
}

describe("ufmatch's own outputs given back as inputs", () => {
  it("links.csv as --links is refused (it would load as a uf_match export: every proposal and review row kept as an existing link)", async () => {
    const r = await runWith('--links', join(first, 'links.csv'), 'links-as-links');
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/links\.csv line 1: this is ufmatch's own links\.csv .*not a civicrm_uf_match export — give the civicrm_uf_match export with --links; .*decisions\.csv with --decisions/);
    expect(existsSync(join(tmp.dir, 'links-as-links', 'links.csv'))).toBe(false);
  });

  it('links.csv with some of its columns deleted in a spreadsheet is still refused as --links', async () => {
    const rows = readFileSync(join(first, 'links.csv'), 'utf8').trim().split('\r\n').map((l) => l.split(',').slice(0, 5).join(','));
    const trimmed = tmp.write('links-trimmed.csv', `${rows.join('\n')}\n`);
    expect(rows[0]).toBe('uf_id,uf_name,contact_id,action,reason');
    const r = await runWith('--links', trimmed, 'trimmed-as-links');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/this is ufmatch's own links\.csv/);
  });

  it('decisions.csv as --links is refused and pointed at --decisions', async () => {
    const r = await runWith('--links', join(first, 'decisions.csv'), 'journal-as-links');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/decisions\.csv line 1: this is ufmatch's decisions journal \(decisions\.csv\), not a civicrm_uf_match export — give it with --decisions, and the civicrm_uf_match export with --links/);
  });

  it.each([
    ['links.csv', '--users', /not a users export — give the users export with --users/],
    ['links.csv', '--contacts', /not a CiviCRM contacts export — give the CiviCRM contacts export with --contacts/],
    ['links.csv', '--emails', /not a civicrm_email export/],
    ['warnings.csv', '--links', /this is ufmatch's own warnings\.csv \(an output\), not a civicrm_uf_match export/],
    ['contacts-to-create.csv', '--contacts', /this is ufmatch's own contacts-to-create\.csv .*import that file into CiviCRM first/],
    ['decisions.csv', '--emails', /decisions journal .*give it with --decisions, and the civicrm_email export with --emails/],
  ])('%s as %s is refused, naming what it is', async (output, option, message) => {
    const r = await runWith(option, join(first, output), `${output}-as-${option.slice(2)}`);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('exports that share some of those columns still load: a contacts dump joined with uf_match, two custom fields of one name', async () => {
    const joined = tmp.write('joined.csv', 'id,contact_type,first_name,middle_name,last_name,email,is_deleted,uf_id\n1,Individual,Ann,,Lee,ann@x.org,0,5\n');
    const custom = tmp.write('custom.csv', 'Contact ID,Contact Type,Email,Code,Code,Action\n1,Individual,ann@x.org,a,b,c\n');
    for (const contacts of [joined, custom]) {
      const r = await runWith('--contacts', contacts, `loads-${contacts.length}`);
      expect(r.code, r.stderr).toBe(0);
    }
  });

  it('the inputs these outputs were made from still load (no export of CiviCRM or a CMS has those columns)', async () => {
    const r = await runInProcess(['--yes', ...Object.entries(INPUTS).flat(), '--out', join(tmp.dir, 'again')]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(tmp.dir, 'again', 'links.csv'), 'utf8')).toBe(readFileSync(join(first, 'links.csv'), 'utf8'));
  });
});
