/**
 * Issue 6 §3: nothing leaks. Hostile values (formula starts, quotes, backslashes, SQL, line
 * breaks, an over-long address) flow through the real pipeline (the built CLI, with a
 * decisions file that tries to force links to invalid addresses, which a replay refuses as the
 * review does; their SQL literals are loaded from a plan built in-process instead):
 * - every cell of every CSV written that starts with = + - @ tab or CR carries the `'` prefix,
 *   and every CSV parses back to the values written;
 * - every output is mode 0600, and an --out folder ufmatch creates is 0700;
 * - uf_match.sql is plain ASCII, every value is a safe literal, and it loads into MariaDB
 *   (CiviCRM's three unique keys) without an error, storing each uf_name byte for byte; a
 *   second load inserts nothing;
 * - stderr names no email or name from the inputs.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan, UserPlan } from '../../src/domain/decisions.js';
import { ufMatchSql } from '../../src/output/ufMatchSql.js';
import { OUTPUT_FILES } from '../../src/output/writeOutputs.js';
import { ensureBuilt, runCli, sample, SAMPLE_ARGS, tempDir } from './helpers.js';
import { startMariadb, type Mariadb } from './mariadb.js';

const tmp = tempDir('ufmatch-leaks-');
const FORMULA = /^[=+\-@\t\r]/;
const LONG = `${'a'.repeat(64)}@${'b'.repeat(60)}.example.org`; // valid, 137 characters

/** A CSV field, quoted when needed (the inputs are written by hand, not by ufmatch). */
const q = (v: string | number): string => (typeof v === 'number' || !/[",\r\n]/.test(v) ? String(v) : `"${v.replace(/"/g, '""')}"`);
const csv = (header: string, rows: (string | number)[][]): string => `${header}\n${rows.map((r) => r.map(q).join(',')).join('\n')}\n`;

interface HostileUser {
  readonly id: number;
  readonly email: string;
  readonly first?: string;
  readonly last?: string;
  /** Contact carrying the same email (an automatic link when the email is valid). */
  readonly contact?: number;
  /** Link forced by the decisions file (the matcher skips an invalid email). */
  readonly forced?: number;
}

const USERS: readonly HostileUser[] = [
  // formula starts in the email (uf_name) and names
  { id: 11, email: '=HYPERLINK("http://evil.example","x")', first: '=HYPERLINK("http://evil.example","click")', last: '+SUM(1,2)' },
  { id: 12, email: '+1@example.org', first: '-2+3', last: '@cmd' },
  { id: 13, email: '-dash@example.org', contact: 113 },
  { id: 14, email: '@at.example.org' },
  { id: 15, email: '\ttab@example.org', first: 'Tab', last: 'User' },
  { id: 16, email: '\rcr@example.org', first: 'Cr', last: 'User' },
  // SQL-hostile but valid addresses: linked automatically
  { id: 21, email: "O'Brien@Example.org", contact: 121 },
  { id: 22, email: "x'or'1'='1@example.org", contact: 122 },
  { id: 23, email: '`{|}~$&*=?^/@example.org', contact: 123 },
  { id: 24, email: "a'--b/*c@example.org", contact: 124 },
  { id: 25, email: LONG, contact: 125 },
  // invalid addresses a decisions file tries to link: refused (the review refuses them too), so
  // they reach the database only through the in-process plan of the last MariaDB test
  { id: 31, email: 'back\\slash@example.org', forced: 131 },
  { id: 32, email: "x');DROP TABLE civicrm_contact;--@example.org", forced: 132 },
  { id: 33, email: '"john\\"doe"@example.org', forced: 133 },
  { id: 34, email: 'zoë@example.org', forced: 134 },
  { id: 35, email: 'two\r\nlines@example.org', forced: 135 },
  { id: 36, email: "\\'; SELECT SLEEP(5); -- '@example.org", forced: 136 },
];

/** Rows already in the database, not in the export: their uf_names must stop our inserts. */
const DB_ROWS = [
  { ufId: 900, ufName: "X'OR'1'='1@EXAMPLE.ORG", contact: 900 }, // same as user 22, other case
  { ufId: 901, ufName: 'ZOË@example.org', contact: 901 }, // same as user 34 under utf8mb4_unicode_ci
];

const CONTACT_NAMES: Record<number, [string, string, string]> = {
  113: ['=cmd|\' /C calc\'!A0', '@SUM(A1)', '-1'],
  121: ['Siobhan O\'Brien', 'Siobhan', "O'Brien"],
};

describe('hostile values through the pipeline', () => {
  let out: string;
  let stderr: string;
  let usersCsv: string;

  beforeAll(() => {
    ensureBuilt();
    const dir = join(tmp, 'in');
    mkdirSync(dir);
    usersCsv = join(dir, 'users.csv');
    writeFileSync(usersCsv, csv('ID,user_login,user_email,display_name,first_name,last_name', USERS.map((u) => [u.id, `login${u.id}`, u.email, '', u.first ?? '', u.last ?? ''])));
    const contacts = USERS.flatMap((u) => (u.contact ? [[u.contact, u.email.trim()]] : u.forced ? [[u.forced, `someone${u.forced}@example.net`]] : []));
    contacts.push([120, 'eve@example.org'], [126, 'shared@example.org'], [127, 'shared@example.org']);
    writeFileSync(
      join(dir, 'contacts.csv'),
      csv(
        'Contact ID,Contact Type,Display Name,First Name,Last Name,Email,Contact is in Trash',
        contacts.map(([id, email]) => {
          const [display, first, last] = CONTACT_NAMES[id as number] ?? ['=HYPERLINK("http://evil.example","contact")', '+Plus', '-Minus'];
          return [id!, 'Individual', display, first, last, email!, 'No'];
        }),
      ),
    );
    // an existing link whose uf_name is a formula (stale-link: uf_name differs)
    writeFileSync(join(dir, 'links.csv'), csv('id,domain_id,uf_id,uf_name,contact_id,language', [[1, 1, 13, '=2+2@example.org', 113, 'en_GB']]));
    writeFileSync(
      join(dir, 'decisions.csv'),
      csv('uf_id,email,action,contact_id,decided_at', USERS.filter((u) => u.forced).map((u) => [u.id, u.email, 'link', u.forced!, '2025-01-01T00:00:00Z'])),
    );
    out = join(tmp, 'out', 'nested');
    const r = runCli(['--users', usersCsv, '--contacts', join(dir, 'contacts.csv'), '--links', join(dir, 'links.csv'), '--decisions', join(dir, 'decisions.csv'), '--yes', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    stderr = r.stderr;
  });

  function parse(name: string): string[][] {
    const text = readFileSync(join(out, name), 'utf8');
    const res = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n', skipEmptyLines: true });
    expect(res.errors).toEqual([]);
    return res.data;
  }

  it('every CSV cell starting with = + - @ tab or CR is prefixed with an apostrophe', () => {
    const prefixed = new Set<string>();
    for (const name of OUTPUT_FILES.filter((f) => f.endsWith('.csv'))) {
      for (const row of parse(name)) {
        for (const cell of row) {
          expect(cell, `${name}: ${JSON.stringify(cell)}`).not.toMatch(FORMULA);
          if (cell.startsWith("'") && FORMULA.test(cell.slice(1))) prefixed.add(cell[1]!);
        }
      }
    }
    // each of the six dangerous starts was met (so the check above is not vacuous)
    expect([...prefixed].sort()).toEqual(['\t', '\r', '+', '-', '=', '@'].sort());
  });

  it('links.csv parses back to the users\' emails exactly (modulo the documented prefix), in input order', () => {
    const rows = parse('links.csv');
    expect(rows[0]).toEqual(['uf_id', 'uf_name', 'contact_id', 'action', 'reason', 'candidates', 'warnings', 'decided_by']);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(USERS.map((u) => u.id));
    for (const [i, u] of USERS.entries()) {
      const cell = rows[i + 1]![1]!;
      expect(cell).toBe(FORMULA.test(u.email) ? `'${u.email}` : u.email);
    }
  });

  it('the decisions file cannot link a user whose email is invalid, as the review cannot; the valid hostile addresses linked by themselves', () => {
    const rows = parse('links.csv').slice(1);
    const byId = new Map(rows.map((r) => [Number(r[0]), r]));
    for (const u of USERS) {
      if (u.forced) expect(byId.get(u.id)!.slice(2, 5), `user ${u.id}`).toEqual(['', 'skip', 'invalid-email']);
      if (u.contact && u.id >= 21) expect(byId.get(u.id)!.slice(2, 4), `user ${u.id}`).toEqual([String(u.contact), 'link']);
    }
    const forced = USERS.filter((u) => u.forced).length;
    expect(stderr).toContain(`0 decisions applied, ${forced} not applied`);
  });

  it('contacts-to-create.csv carries the names and trimmed email, escaped', () => {
    const rows = parse('contacts-to-create.csv');
    const u12 = rows.find((r) => r[0] === '12');
    expect(u12).toEqual(['12', 'Individual', "'-2+3", '', "'@cmd", "'+1@example.org"]);
    const u15 = rows.find((r) => r[0] === '15');
    expect(u15?.[5]).toBe('tab@example.org');
  });

  it('outputs are mode 0600 and the folder ufmatch created is 0700', () => {
    for (const f of OUTPUT_FILES) expect((statSync(join(out, f)).mode & 0o777).toString(8), f).toBe('600');
    expect((statSync(out).mode & 0o777).toString(8)).toBe('700');
    expect((statSync(join(tmp, 'out')).mode & 0o777).toString(8)).toBe('700');
  });

  it('stderr names no email or name from the inputs', () => {
    const secrets = [...USERS.flatMap((u) => [u.email.trim(), u.first ?? '', u.last ?? '']), 'Siobhan', 'HYPERLINK'].filter((s) => s.length > 3);
    for (const s of secrets) expect(stderr, JSON.stringify(s)).not.toContain(s);
  });

  describe('uf_match.sql', () => {
    let sql: string;
    beforeAll(() => {
      sql = readFileSync(join(out, 'uf_match.sql'), 'utf8');
    });

    const LIT = String.raw`'(?:[A-Za-z0-9 @._+\-!#$%&*=?^\x60{|}~/]|'')*'|_utf8mb4 X'(?:[0-9a-f]{2})*'`;
    const INSERT = new RegExp(
      String.raw`^INSERT INTO civicrm_uf_match \(domain_id, uf_id, uf_name, contact_id\)\n` +
        String.raw`SELECT (\d+), (\d+), (${LIT}), (\d+) FROM DUAL\n` +
        String.raw`WHERE EXISTS \(SELECT 1 FROM civicrm_contact WHERE id = \4\)\n` +
        String.raw`AND NOT EXISTS \(SELECT 1 FROM civicrm_uf_match WHERE domain_id = \1 AND \(uf_id = \2 OR contact_id = \4 OR uf_name = \3\)\);$`,
    );

    function decode(lit: string): string {
      return lit.startsWith("'") ? lit.slice(1, -1).replace(/''/g, "'") : Buffer.from(lit.slice("_utf8mb4 X'".length, -1), 'hex').toString('utf8');
    }

    it('is plain ASCII: comments, one transaction, and nothing but guarded INSERTs of safe literals', () => {
      expect(/^[\x20-\x7e\n]*$/.test(sql)).toBe(true);
      const lines = sql.split('\n');
      expect(lines.pop()).toBe('');
      const comments = lines.filter((l) => l.startsWith('-- '));
      const body = lines.filter((l) => !l.startsWith('-- '));
      expect(lines.slice(0, comments.length)).toEqual(comments); // comments only at the top
      expect(body[0]).toBe('START TRANSACTION;');
      expect(body[body.length - 1]).toBe('COMMIT;');
      const inserts = body.slice(1, -1);
      expect(inserts.length % 4).toBe(0);
      const values: [number, string, number][] = [];
      for (let i = 0; i < inserts.length; i += 4) {
        const m = INSERT.exec(inserts.slice(i, i + 4).join('\n'));
        expect(m, inserts.slice(i, i + 4).join('\n')).not.toBeNull();
        values.push([Number(m![2]), decode(m![3]!), Number(m![4])]);
      }
      const expected = USERS.filter((u) => u.contact && u.id >= 21 && u.email !== LONG).map((u) => [u.id, u.email.trim(), u.contact]);
      expect(values).toEqual(expected);
      expect(comments.join('\n')).toMatch(/left out: uf_id 25, its email is longer than the 128 characters/);
      expect(comments.join('\n')).not.toContain(LONG);
    });

    describe('loaded into MariaDB', () => {
      let db: Mariadb;
      /** User 22 has the uf_name of a row already there, under utf8mb4_unicode_ci. */
      const COLLIDES = new Set([22]);
      const expected = USERS.filter((u) => u.contact && u.id >= 21 && u.email !== LONG && !COLLIDES.has(u.id));

      beforeAll(async () => {
        db = await startMariadb(join(tmp, 'mariadb'));
        const ids = [...USERS.flatMap((u) => [u.contact, u.forced]).filter((x): x is number => !!x), ...DB_ROWS.map((d) => d.contact)];
        db.query(`INSERT INTO civicrm_contact (id) VALUES ${ids.map((i) => `(${i})`).join(',')};`);
        for (const d of DB_ROWS) {
          db.query(`INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id) VALUES (1, ${d.ufId}, _utf8mb4 X'${Buffer.from(d.ufName).toString('hex')}', ${d.contact});`);
        }
      }, 60_000);

      afterAll(async () => {
        await db?.stop();
      });

      const dbRows = () =>
        db
          .query('SELECT uf_id, HEX(uf_name), contact_id FROM civicrm_uf_match ORDER BY uf_id;')
          .trim()
          .split('\n')
          .map((l) => l.split('\t'))
          .map(([uf, hex, c]) => [Number(uf), Buffer.from(hex!, 'hex').toString('utf8'), Number(c)]);

      it('loads without an error, stores every uf_name byte for byte, and the unique keys hold (case-insensitively)', () => {
        const r = db.load(join(out, 'uf_match.sql'));
        expect(r, r.stderr).toEqual({ code: 0, stderr: '' });
        const got = dbRows();
        const inserted = got.filter(([uf]) => (uf as number) < 900);
        expect(inserted).toEqual(expected.map((u) => [u.id, u.email.trim(), u.contact]));
        for (const id of COLLIDES) expect(inserted.map(([uf]) => uf)).not.toContain(id);
        expect(got.filter(([uf]) => (uf as number) >= 900)).toEqual(DB_ROWS.map((d) => [d.ufId, d.ufName, d.contact]));
        expect(db.query('SELECT COUNT(*) FROM civicrm_contact;').trim()).toBe(String(USERS.filter((u) => u.contact || u.forced).length + DB_ROWS.length));
      });

      it('a second load inserts nothing (also over a latin1 connection, as old clients default to)', () => {
        const before = dbRows();
        expect(db.load(join(out, 'uf_match.sql'))).toEqual({ code: 0, stderr: '' });
        expect(db.load(join(out, 'uf_match.sql'), 'latin1')).toEqual({ code: 0, stderr: '' });
        expect(dbRows()).toEqual(before);
      });

      it('values no run lets through (invalid addresses, NUL, control characters, emoji) are stored byte for byte too', () => {
        const hostile = [
          ...USERS.filter((u) => u.forced && u.email !== 'zoë@example.org').map((u) => u.email),
          'nul\u0000byte@example.org', 'bell\u0007\u001b[31m@example.org', 'tab\tin@example.org', '😀\u202e@example.org', "\\\u0000'; --@example.org",
        ];
        const rows = hostile.map((email, i) => ({
          user: { ufId: 700 + i, email } as UserPlan['user'],
          decision: { action: 'link', contactId: 700 + i, reason: 'operator', decidedBy: 'operator' } as const,
        }));
        const plan = { platform: 'wordpress', domainId: 1, rows, globalWarnings: [] } as unknown as Plan;
        const file = join(tmp, 'hostile.sql');
        writeFileSync(file, ufMatchSql(plan, 'test'));
        expect(/^[\x20-\x7e\n]*$/.test(readFileSync(file, 'utf8'))).toBe(true);
        db.query(`INSERT INTO civicrm_contact (id) VALUES ${hostile.map((_, i) => `(${700 + i})`).join(',')};`);
        expect(db.load(file)).toEqual({ code: 0, stderr: '' });
        expect(dbRows().filter(([uf]) => (uf as number) >= 700 && (uf as number) < 800)).toEqual(hostile.map((e, i) => [700 + i, e, 700 + i]));
        expect(db.load(file)).toEqual({ code: 0, stderr: '' });
        expect(dbRows().filter(([uf]) => (uf as number) >= 700 && (uf as number) < 800)).toHaveLength(hostile.length);
        // zoë@ is the uf_name of the row already there as ZOË@ under utf8mb4_unicode_ci: not inserted
        const zoe = { platform: 'wordpress', domainId: 1, globalWarnings: [], rows: [{ user: { ufId: 34, email: 'zoë@example.org' }, decision: { action: 'link', contactId: 134, reason: 'operator', decidedBy: 'operator' } }] } as unknown as Plan;
        writeFileSync(file, ufMatchSql(zoe, 'test'));
        expect(db.load(file)).toEqual({ code: 0, stderr: '' });
        expect(dbRows().filter(([uf]) => uf === 34)).toEqual([]);
      });

      it('the sample run\'s uf_match.sql loads over the sample\'s existing links, and twice inserts nothing more', () => {
        db.query('DELETE FROM civicrm_uf_match; DELETE FROM civicrm_contact;');
        const sampleOut = join(tmp, 'sample-out');
        const r = runCli([...SAMPLE_ARGS, '--yes', '--out', sampleOut]);
        expect(r.code, r.stderr).toBe(0);
        // the database as the exports describe it: every contact, and the existing links of domain 1
        const contactIds = readFileSync(sample('contacts-ui.csv'), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
        const links = Papa.parse<Record<string, string>>(readFileSync(sample('uf_match.csv'), 'utf8'), { delimiter: ',', header: true, skipEmptyLines: true }).data.filter((l) => l.domain_id === '1');
        const ids = [...new Set([...contactIds, ...links.map((l) => Number(l.contact_id))])];
        db.query(`INSERT INTO civicrm_contact (id) VALUES ${ids.map((i) => `(${i})`).join(',')};`);
        for (const l of links) {
          db.query(`INSERT INTO civicrm_uf_match (domain_id, uf_id, uf_name, contact_id) VALUES (1, ${Number(l.uf_id)}, _utf8mb4 X'${Buffer.from(l.uf_name!).toString('hex')}', ${Number(l.contact_id)});`);
        }
        const count = () => Number(db.query('SELECT COUNT(*) FROM civicrm_uf_match;').trim());
        const before = count();
        const sqlText = readFileSync(join(sampleOut, 'uf_match.sql'), 'utf8');
        const planned = (sqlText.match(/^INSERT INTO/gm) ?? []).length;
        const linkRows = readFileSync(join(sampleOut, 'links.csv'), 'utf8').split('\r\n').filter((l) => l.split(',')[3] === 'link').length;
        expect(planned).toBe(linkRows);
        expect(db.load(join(sampleOut, 'uf_match.sql'))).toEqual({ code: 0, stderr: '' });
        expect(count()).toBe(before + planned);
        expect(db.load(join(sampleOut, 'uf_match.sql'))).toEqual({ code: 0, stderr: '' });
        expect(count()).toBe(before + planned);
      });
    });
  });
});
