/**
 * End to end: the built CLI (`node dist/cli.js explain …`) on the samples, for a healthy linked
 * user and one user per warning code (samples/README.md says which uf_id shows what), in text and
 * in --json. `npm test` builds first; run alone, this file rebuilds dist/ when it is older than src/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { guardedInsertSql } from '../../src/output/ufMatchSql.js';
import { WARNING_CODES, type WarningCode } from '../../src/domain/warnings.js';
import { tempDir } from '../helpers/tempDir.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const S = (f: string) => join(ROOT, 'samples', f);
const WP = ['--users', S('wordpress-users.csv'), '--contacts', S('contacts-ui.csv'), '--links', S('uf_match.csv'), '--emails', S('emails.csv')];
const DRUPAL = ['--users', S('drupal-users.csv'), '--contacts', S('contacts-api.csv')];
const JOOMLA = ['--users', S('joomla-users.csv'), '--contacts', S('contacts-api.csv')];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function staleOutputs(): string[] {
  return sources(join(ROOT, 'src')).filter((src) => {
    const js = join(ROOT, 'dist', relative(join(ROOT, 'src'), src)).replace(/\.tsx?$/, '.js');
    return !existsSync(js) || statSync(js).mtimeMs < statSync(src).mtimeMs;
  });
}

// A scratch working directory: explain must write nothing, anywhere.
const CWD = tempDir('ufmatch-explain-e2e-');

function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: CWD, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...env }, timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  if (staleOutputs().length === 0) return;
  // tsc emits even when another part of the tree has a type error; what matters here is fresh output
  spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  const still = staleOutputs();
  if (still.length > 0) throw new Error(`dist/ is older than ${still.slice(0, 3).join(', ')}: run npm run build`);
}, 120_000);

interface SampleCase {
  readonly ufId: number;
  readonly code: WarningCode | null;
  /** All the warning codes the user gets on the samples (samples/README.md). */
  readonly codes: readonly WarningCode[];
  readonly action: string;
  readonly contactId: number | null;
  /** Specific words (ids, emails, names) the text answer must contain. */
  readonly words: readonly string[];
  readonly sql?: string;
}

const WORDPRESS: readonly SampleCase[] = [
  { ufId: 1, code: null, codes: [], action: 'keep', contactId: 101, words: ['User 1 is linked to contact 101 (Fiona Gallagher) and the link is sound.', 'Nothing to fix in the link'] },
  { ufId: 36, code: 'contact-taken', codes: ['contact-taken'], action: 'review', contactId: 130, words: ['Contact 130 (Daniel Okafor)', 'Home-Email', 'already linked to user 16 (Daniel Okafor, daniel.okafor@outlook.com)'] },
  { ufId: 40, code: 'email-typo', codes: ['email-typo'], action: 'review', contactId: 140, words: ['rachel.moore@gmial.com', 'rachel.moore@gmail.com', 'contact 140 (Rachel Moore)', 'two letters swapped', 'from rachel.moore@gmial.com to rachel.moore@gmail.com'] },
  {
    ufId: 48,
    code: 'alias-email',
    codes: ['alias-email'],
    action: 'review',
    contactId: 149,
    words: ['sam.lee+civi@example.org', 'sam.lee@example.org', '+tag', 'contact 149'],
    sql: guardedInsertSql(1, 48, 'sam.lee+civi@example.org', 149).trimEnd(),
  },
  { ufId: 55, code: 'name-match', codes: ['name-match'], action: 'review', contactId: 156, words: ['Contact 156 (José Núñez)', 'josenunez77@hotmail.com', 'add jose.nunez@outlook.com to contact 156'] },
  { ufId: 38, code: 'duplicate-user-email', codes: ['duplicate-user-email'], action: 'review', contactId: null, words: ['User 52 (Kevin Doyle, Kevin.Doyle@eircom.net)', 'endless duplicates', 'delete user 52 in WordPress'] },
  { ufId: 31, code: 'deleted-match', codes: ['deleted-match'], action: 'review', contactId: 138, words: ['contact 138 (Bronwen Evans)', 'in the trash', 'Restore from Trash', 'cid=138'] },
  { ufId: 33, code: 'non-individual-match', codes: ['non-individual-match'], action: 'review', contactId: 105, words: ['contact 105 (Riverside Food Bank)', 'an Organization', 'Employee of'] },
  { ufId: 29, code: 'shared-email', codes: ['shared-email'], action: 'review', contactId: 135, words: ['contact 135 (Mark Henderson)', 'contact 136 (Lucy Henderson)', 'hendersons@btinternet.com'] },
  {
    ufId: 5,
    code: 'stale-link',
    codes: ['stale-link'],
    action: 'keep',
    contactId: 107,
    words: ['contact 107 (Howard Finch)', 'hfinch@btinternet.com', 'Add howard.finch@outlook.com to contact 107', 'NOT SOUND'],
    sql: "UPDATE civicrm_uf_match SET uf_name = 'howard.finch@outlook.com' WHERE uf_id = 5 AND domain_id = 1;",
  },
  {
    ufId: 11,
    code: 'orphan-link',
    codes: ['orphan-link'],
    action: 'keep',
    contactId: 141,
    words: ['contact 141', 'NOT IN THE CONTACTS EXPORT', 'cid=141'],
    sql: 'DELETE FROM civicrm_uf_match WHERE uf_id = 11 AND domain_id = 1;',
  },
  { ufId: 61, code: 'no-email', codes: ['no-email'], action: 'skip', contactId: null, words: ['User 61: Roger Grant (no email)', 'has no email', 'Ask the user for their email'] },
  { ufId: 63, code: 'invalid-email', codes: ['invalid-email'], action: 'skip', contactId: null, words: ['"maria.garcia@"', 'nothing after the @'] },
];

describe('ufmatch explain (built CLI) on the WordPress samples', () => {
  it('has a case for every warning code', () => {
    const covered = new Set(WORDPRESS.map((c) => c.code));
    expect(WARNING_CODES.filter((c) => !covered.has(c))).toEqual([]);
  });

  it.each(WORDPRESS.map((c) => [c.ufId, c.code ?? 'healthy', c] as const))('uf_id %i (%s): text', (_id, _code, c) => {
    const r = cli(['explain', String(c.ufId), ...WP]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toContain('\x1b');
    expect(r.out.startsWith(`User ${c.ufId}: `)).toBe(true);
    if (c.code) expect(r.out).toContain(`  ${c.code}`);
    else expect(r.out).toContain('Warnings (0)');
    for (const w of c.words) expect(r.out).toContain(w);
    if (c.sql) expect(r.out).toContain(c.sql.split('\n').join('\n       ')); // each SQL line indented under its step
    expect(r.out).toContain('What CiviCRM does on WordPress');
    expect(r.out).toContain('at registration, at profile update and on any CiviCRM page');
    expect(r.out).toMatch(/\nFix\n {2}1\. /);
  });

  it.each(WORDPRESS.map((c) => [c.ufId, c.code ?? 'healthy', c] as const))('uf_id %i (%s): --json', (_id, _code, c) => {
    const r = cli(['explain', String(c.ufId), ...WP, '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.result).toBe('one');
    const e = j.explanation;
    expect(e.user.uf_id).toBe(c.ufId);
    expect(e.warnings.map((w: { code: string }) => w.code)).toEqual(c.codes);
    expect(e.decision.action).toBe(c.action);
    expect(e.decision.contact_id).toBe(c.contactId);
    expect(e.civicrm.platform).toBe('wordpress');
    expect(e.fix.length).toBeGreaterThan(0);
    if (c.code) expect(e.fix.some((s: { code: string | null }) => s.code === c.code)).toBe(true);
    if (c.sql) expect(e.fix.map((s: { sql: string | null }) => s.sql)).toContain(c.sql);
  });

  it('a name fragment with one hit is explained in full (no links file)', () => {
    const r = cli(['explain', 'nunez', '--users', S('wordpress-users.csv'), '--contacts', S('contacts-ui.csv')]);
    expect(r.code, r.err).toBe(0);
    expect(r.out.startsWith('User 55: Jose Nunez <jose.nunez@outlook.com>')).toBe(true);
    expect(r.out).toContain('name-match');
  });

  it('an email shared by two users lists both (uf_id 38 and 52)', () => {
    const r = cli(['explain', 'kevin.doyle@eircom.net', '--users', S('wordpress-users.csv'), '--contacts', S('contacts-ui.csv')]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('2 users match "kevin.doyle@eircom.net" (by email)');
    expect(r.out).toMatch(/\n {2}38 +kdoyle +kevin\.doyle@eircom\.net +Kevin Doyle +review/);
    expect(r.out).toMatch(/\n {2}52 +\S+ +Kevin\.Doyle@eircom\.net +Kevin Doyle +review/);
  });

  it('an email in other case and with spaces finds the user', () => {
    const r = cli(['explain', '  ANNA.BERG@example.org ', ...WP]);
    expect(r.code, r.err).toBe(0);
    expect(r.out.startsWith('User 18: Anna Berg')).toBe(true);
  });

  it('an unknown query exits 1 with one line and the nearest matches', () => {
    const r = cli(['explain', 'rachel.mooore@gmail.com', ...WP]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const line = r.err.split('\n').filter((l) => l.startsWith('ufmatch: no user'));
    expect(line).toHaveLength(1);
    expect(line[0]).toMatch(/^ufmatch: no user matches "rachel\.mooore@gmail\.com"; nearest: 40 rachel\.moore@gmial\.com \(rachelm84\); .+; .+$/);
  });

  it('uf_id 77 (not in the users export) exits 1 and explains its orphan link', () => {
    const r = cli(['explain', '77', ...WP]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('ufmatch: no user matches "77"');
    expect(r.out).toContain('contact 113 (Colin Marsh)');
    expect(r.out).toContain('DELETE FROM civicrm_uf_match WHERE uf_id = 77 AND domain_id = 1;');
  });

  it('--domain-id 2: uf_id 14 keeps its domain-2 link to 160, stale', () => {
    const r = cli(['explain', '14', ...WP, '--domain-id', '2', '--json']);
    expect(r.code, r.err).toBe(0);
    const e = JSON.parse(r.out).explanation;
    expect(e.decision).toMatchObject({ action: 'keep', contact_id: 160 });
    expect(e.warnings.map((w: { code: string }) => w.code)).toEqual(['stale-link']);
    expect(e.link.domain_id).toBe(2);
    expect(e.fix.map((s: { sql: string | null }) => s.sql)).toContain('UPDATE civicrm_uf_match SET contact_id = 120 WHERE uf_id = 14 AND domain_id = 2;');
  });

  it('wrote nothing into its working directory', () => {
    expect(readdirSync(CWD)).toEqual([]);
  });
});

describe('ufmatch explain (built CLI): platform wording', () => {
  it('Drupal: at registration and at every login', () => {
    const r = cli(['explain', '6', ...DRUPAL]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('What CiviCRM does on Drupal');
    expect(r.out).toContain('at registration and at every login');
    expect(r.out).toContain('ben.cartre@gmail.com');
    expect(r.out).toContain('contact 14');
    expect(r.out).toContain("at the user's next login");
  });

  it('Joomla: when the user first opens a CiviCRM page or form (not "only", which the repeats would contradict); endless duplicates for 488', () => {
    const r = cli(['explain', '488', ...JOOMLA, '--json']);
    expect(r.code, r.err).toBe(0);
    const e = JSON.parse(r.out).explanation;
    expect(e.civicrm.runs).toBe('when the user first opens a CiviCRM page or form (no hook at registration or login)');
    expect(JSON.stringify(e)).not.toContain('only when the user first opens');
    expect(e.civicrm.consequence).toBe('creates-orphans');
    expect(e.civicrm.repeats).toBe(true);
    expect(e.civicrm.text).toContain('again each time the user opens a CiviCRM page or form');
    expect(e.warnings.map((w: { code: string }) => w.code)).toEqual(['duplicate-user-email']);
    expect(e.warnings[0].other_uf_id).toBe(487);
  });
});
