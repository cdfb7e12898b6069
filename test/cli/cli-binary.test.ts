/**
 * The built binary end to end (npm test builds dist/ first): modes, exit codes, outputs.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { OUTPUT_FILES } from '../../src/output/writeOutputs.js';
import { runBinary } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const MAIN = ['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv', '--links', 'samples/uf_match.csv', '--emails', 'samples/emails.csv'];
const tmp = () => tempDir('ufm-cli-');
const oneLine = (s: string) => s.trimEnd().split('\n').length === 1 && !/\n\s+at /.test(s);

function linksRows(out: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(join(out, 'links.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
}

describe('ufmatch binary', () => {
  it('--help and --version exit 0', () => {
    const h = runBinary(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('ufmatch explain QUERY');
    const v = runBinary(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^ufmatch \d+\.\d+\.\d+/);
  });

  it('a scripted run writes every SPEC §5 output, mode 0600, and the text summary on stdout (where --json puts summary.json instead)', () => {
    const out = tmp();
    const r = runBinary([...MAIN, '--yes', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('ufmatch: 1 link of other domains ignored (--domain-id 1)\n'); // notes stay on stderr
    expect(r.stdout).toContain("CiviCRM's own sync would report: Checked 42 user records.");
    expect(r.stdout).toContain(`Outputs in ${out}`);
    for (const f of OUTPUT_FILES) expect(statSync(join(out, f)).mode & 0o777, f).toBe(0o600);
    expect(linksRows(out)).toHaveLength(42);
  });

  it('--json prints summary.json to stdout', () => {
    const out = tmp();
    const r = runBinary([...MAIN, '--yes', '--json', '--out', out]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ checked: 42, keep: 8, link: 7, create: 7, review: 17, skip: 3, platform: 'wordpress', domain_id: 1 });
    expect(s).toEqual(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')));
  });

  it('--strict exits 1 when reviews remain, 0 when none do', () => {
    expect(runBinary([...MAIN, '--yes', '--strict', '--out', tmp()]).code).toBe(1);
    const dir = tmp();
    writeFileSync(join(dir, 'u.csv'), 'ID,user_email\n1,a@example.org\n2,b@example.org\n');
    writeFileSync(join(dir, 'c.csv'), 'Contact ID,Contact Type,Email\n10,Individual,a@example.org\n');
    const r = runBinary(['--users', join(dir, 'u.csv'), '--contacts', join(dir, 'c.csv'), '--yes', '--strict', '--out', join(dir, 'out')]);
    expect(r.code).toBe(0);
  });

  it('without --yes and without a terminal: exit 2 naming --yes', () => {
    const r = runBinary([...MAIN, '--out', tmp()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--yes');
    expect(oneLine(r.stderr)).toBe(true);
  });

  it.each([
    [['--yes'], 2, '--users'],
    [['--users', 'x.csv', '--contacts', 'y.csv', '--platform', 'typo3', '--yes'], 2, '--platform'],
    [['--users', 'x.csv', '--contacts', 'y.csv', '--bogus'], 2, 'bogus'],
    [['--users', 'samples/nope.csv', '--contacts', 'samples/contacts-ui.csv', '--yes'], 3, 'samples/nope.csv'],
  ])('%j exits %i with one line naming %s', (args, code, text) => {
    const r = runBinary([...(args as string[]), '--out', tmp()]);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(text);
    expect(oneLine(r.stderr)).toBe(true);
  });

  it('refuses an --out that would overwrite an input', () => {
    const dir = tmp();
    const users = join(dir, 'links.csv');
    writeFileSync(users, readFileSync('samples/wordpress-users.csv'));
    const before = readFileSync(users, 'utf8');
    const r = runBinary(['--users', users, '--contacts', 'samples/contacts-ui.csv', '--yes', '--out', dir]);
    expect(r.code).toBe(2);
    expect(readFileSync(users, 'utf8')).toBe(before);
  });

  it('--decisions replays decisions and reports the stale ones without applying them', () => {
    const out = tmp();
    const dec = join(out, 'earlier-decisions.csv');
    writeFileSync(
      dec,
      'uf_id,email,action,contact_id,decided_at\n' +
        '40,rachel.moore@gmial.com,link,140,2026-11-20T10:00:00Z\n' + // settles the gmial.com typo
        '42,someone.else@example.org,link,143,2026-11-20T10:01:00Z\n' + // email changed since
        '44,jonh.peters@outlook.com,link,99999,2026-11-20T10:02:00Z\n', // contact gone
    );
    const r = runBinary([...MAIN, '--yes', '--decisions', dec, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 decision applied, 2 not applied');
    expect(r.stderr).toContain('line 3');
    expect(r.stderr).toContain('line 4');
    const rows = linksRows(out);
    expect(rows.find((x) => x.uf_id === '40')).toMatchObject({ action: 'link', contact_id: '140', reason: 'decisions-file', decided_by: 'decisions-file' });
    expect(rows.find((x) => x.uf_id === '42')).toMatchObject({ action: 'review', decided_by: 'auto' });
    expect(readFileSync(join(out, 'uf_match.sql'), 'utf8')).toContain("SELECT 1, 40, 'rachel.moore@gmial.com', 140 FROM DUAL");
  });

  it('--domain-id chooses the links of another domain', () => {
    const out = tmp();
    const r = runBinary([...MAIN, '--yes', '--domain-id', '2', '--json', '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).domain_id).toBe(2);
    expect(r.stderr).toContain('of other domains ignored (--domain-id 2)');
  });

  it('a folder where one output goes: exit 3, one line, and every previous output as it was', () => {
    const out = tmp();
    expect(runBinary([...MAIN, '--yes', '--out', out]).code).toBe(0);
    const before = Object.fromEntries(OUTPUT_FILES.filter((f) => f !== 'uf_match.sql').map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    rmSync(join(out, 'uf_match.sql'));
    mkdirSync(join(out, 'uf_match.sql'));
    // another run, whose outputs differ from the first's in every file
    const r = runBinary(['--users', 'samples/drupal-users.csv', '--contacts', 'samples/contacts-ui.csv', '--yes', '--out', out]);
    expect(r.code).toBe(3);
    expect(oneLine(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/uf_match\.sql: a folder stands where the output file goes — nothing was overwritten/);
    for (const [f, text] of Object.entries(before)) expect(readFileSync(join(out, f), 'utf8'), f).toBe(text);
    expect(readdirSync(out).sort()).toEqual([...OUTPUT_FILES].sort());
  });

  it('--out that cannot be made ends at once with one line (no endless mkdir under /proc), and an empty --out is a usage error', () => {
    const r = runBinary([...MAIN, '--yes', '--out', '/proc/ufmatch-no/such']);
    expect(r.code).toBe(3);
    expect(oneLine(r.stderr), r.stderr).toBe(true);
    const e = runBinary([...MAIN, '--yes', '--out', '']);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('--out is given an empty value');
  });

  it('says on stderr which links uf_match.sql had to leave out, and why it says so in the file', () => {
    const dir = tmp();
    const long = `${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(20)}.org`; // 146 characters, a valid address
    writeFileSync(join(dir, 'users.csv'), `ID,user_login,user_email\n1,ann,ann@example.org\n4294967296,big,big@example.org\n3,long,${long}\n`);
    writeFileSync(join(dir, 'contacts.csv'), `id,contact_type,email,is_deleted\n10,Individual,ann@example.org,0\n11,Individual,big@example.org,0\n12,Individual,${long},0\n`);
    const out = join(dir, 'out');
    const r = runBinary(['--users', join(dir, 'users.csv'), '--contacts', join(dir, 'contacts.csv'), '--yes', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('ufmatch: 2 links left out of uf_match.sql (uf_id 4294967296, 3): civicrm_uf_match cannot hold them; see the comments at its top\n');
    expect(readFileSync(join(out, 'uf_match.sql'), 'utf8').match(/^-- left out: uf_id (\d+)/gm)).toEqual(['-- left out: uf_id 4294967296', '-- left out: uf_id 3']);
  });

  it('a --yes run into a folder holding a review journal says that it does not apply it, and how to', () => {
    const out = tmp();
    writeFileSync(join(out, 'decisions.csv'), 'uf_id,email,action,contact_id,decided_at\n40,rachel.moore@gmial.com,link,140,2026-11-21T10:00:00.000Z\n');
    const r = runBinary([...MAIN, '--yes', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`ufmatch: ${join(out, 'decisions.csv')} holds 1 decision from a review, which --yes does not apply: add --decisions ${join(out, 'decisions.csv')} to replay it`);
    expect(linksRows(out).find((x) => x.uf_id === '40')).toMatchObject({ decided_by: 'auto' });
  });
});
