/**
 * Issue 6 §4: invariants that hold for any input, checked with fast-check over generated
 * exports (emails drawn from a small pool with case variants, spaces, typos, Gmail aliases,
 * invalid and formula-like addresses; contacts sharing emails, in the trash, of other types;
 * existing links including orphan and conflicting ones).
 *
 * What is asserted, precisely. "Existing links" are the civicrm_uf_match rows of the domain as
 * exported: the database's state, which ufmatch reports on but never changes (so if the export
 * already holds two links to one contact, both users keep theirs). New rows are what the plan
 * adds: `link` rows (a uf_match row to an existing contact) and `create` rows (a new contact and
 * its uf_match row), both with uf_name = the user's email.
 * 1. Contacts: no two `link` rows name one contact, and no `link` row names a contact an
 *    existing link holds; every `keep` row is its user's existing link. Hence, when the
 *    existing links are themselves conflict-free, no two link/keep rows share a contact.
 * 2. Emails (lowercase, trimmed): no two link/create rows share an email, none has an email
 *    that an existing link holds as uf_name or that a kept user has, and none has an empty one.
 * 3. links.csv holds every user exactly once, in input order, with the plan's values.
 * 4. summary.json's counts equal links.csv's (per action) and warnings.csv's (per code).
 * 5. warnings.csv is the plan's warnings, row for row; contacts-to-create.csv the create rows;
 *    uf_match.sql has one INSERT per link row.
 * 6. Every CSV parses back (papaparse) to exactly the values written, the documented `'` prefix
 *    on cells starting with = + - @ tab CR included.
 * The first property runs the planner and writers in-process; the second writes the exports
 * as CSV files and runs the whole CLI (in-process) on them.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildPlan } from '../../src/decide/plan.js';
import { warningCodes, type Plan } from '../../src/domain/decisions.js';
import { contactList } from '../../src/domain/contactList.js';
import type { Contact, Dataset, ExistingLink, Platform, User } from '../../src/domain/types.js';
import { WARNING_CODES } from '../../src/domain/warnings.js';
import { contactsToCreateCsv } from '../../src/output/contactsToCreate.js';
import { candidatesCell, linkContactId, linksCsv } from '../../src/output/linksCsv.js';
import { buildSummary, summaryJson } from '../../src/output/summary.js';
import { ufMatchSql } from '../../src/output/ufMatchSql.js';
import { warningsCsv } from '../../src/output/warningsCsv.js';
import { tempDir } from '../helpers/tempDir.js';

const key = (email: string): string => email.trim().toLowerCase();
const FORMULA = /^[=+\-@\t\r]/;
/** What ufmatch writes for a string cell (SPEC §5: the `'` prefix). */
const shown = (v: string | number | null): string => (v === null ? '' : typeof v === 'number' ? String(v) : FORMULA.test(v) ? `'${v}` : v);

// ---------------------------------------------------------------- arbitraries

const LOCALS = ['ann', 'bob', 'a.nn', 'ann+news', 'anne', 'bbo', 'cy'];
const DOMAINS = ['example.org', 'gmail.com', 'googlemail.com', 'exmaple.org', 'Example.ORG'];
const ODD = ['', '   ', 'ann@', 'not an email', '=HYPERLINK("x")@example.org', '+plus@example.org', '-dash@example.org', '@at.org', '\tann@example.org', ' Bob@Example.org '];

const emailArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...LOCALS), fc.constantFrom(...DOMAINS), fc.constantFrom('plain', 'upper', 'spaces')).map(([l, d, v]) => {
    const e = `${l}@${d}`;
    return v === 'upper' ? e.toUpperCase() : v === 'spaces' ? ` ${e} ` : e;
  }) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD) },
);
const firstArb = fc.constantFrom('Ann', 'Bob', 'ann', 'Anne', '', '=Evil');
const lastArb = fc.constantFrom('Lee', 'Smith', 'Lée', '', '-Minus');
const typeArb = fc.constantFrom('Individual', 'Individual', 'Individual', 'Organization', 'Household');
/** One contact in four in the trash: with one in two, two usable contacts rarely shared an email (shared-email). */
const trashedArb = fc.integer({ min: 0, max: 3 }).map((n) => n === 0);

interface Gen {
  platform: Platform;
  users: { ufId: number; email: string; first: string; last: string; blocked: boolean }[];
  contacts: { id: number; type: string; first: string; last: string; deleted: boolean; emails: string[]; primary: boolean }[];
  links: { ufId: number; contactId: number; ufName: string }[];
}

const genArb: fc.Arbitrary<Gen> = fc
  .record({
    platform: fc.constantFrom<Platform>('wordpress', 'drupal', 'joomla'),
    userIds: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }),
    contactIds: fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 12 }),
    seedUsers: fc.array(fc.record({ email: emailArb, first: firstArb, last: lastArb, blocked: fc.boolean() }), { minLength: 12, maxLength: 12 }),
    seedContacts: fc.array(
      fc.record({ type: typeArb, first: firstArb, last: lastArb, deleted: trashedArb, emails: fc.array(emailArb, { maxLength: 3 }), primary: fc.boolean() }),
      { minLength: 12, maxLength: 12 },
    ),
    seedLinks: fc.array(fc.record({ u: fc.nat(), c: fc.nat(), orphanUser: fc.boolean(), orphanContact: fc.boolean(), name: fc.oneof(emailArb, fc.constant('')), sameAsUser: fc.boolean() }), { maxLength: 6 }),
  })
  .map(({ platform, userIds, contactIds, seedUsers, seedContacts, seedLinks }) => {
    const users = userIds.map((ufId, i) => ({ ufId, ...seedUsers[i]! }));
    const contacts = contactIds.map((id, i) => {
      const s = seedContacts[i]!;
      // the loader keeps one email per key; Drupal-style platforms still have any contact shape
      const seen = new Set<string>();
      const emails = s.emails.filter((e) => key(e) !== '' && !seen.has(key(e)) && (seen.add(key(e)), true));
      return { id, type: s.type, first: s.first, last: s.last, deleted: s.deleted, emails, primary: s.primary };
    });
    const links = seedLinks.map((l) => {
      const u = users[l.u % users.length]!;
      const ufId = l.orphanUser && l.u % 3 === 0 ? 100 + (l.u % 50) : u.ufId;
      const contactId = l.orphanContact && l.c % 3 === 0 ? 200 + (l.c % 50) : contacts[l.c % contacts.length]!.id;
      return { ufId, contactId, ufName: l.sameAsUser ? u.email : l.name };
    });
    return { platform, users, contacts, links };
  });

function toDataset(g: Gen): Dataset {
  let line = 2;
  const users: User[] = g.users.map((u) => ({
    ufId: u.ufId,
    email: u.email,
    emailKey: key(u.email),
    username: `user${u.ufId}`,
    firstName: g.platform === 'drupal' ? '' : u.first,
    middleName: '',
    lastName: g.platform === 'drupal' ? '' : u.last,
    displayName: g.platform === 'drupal' ? '' : `${u.first} ${u.last}`.trim(),
    blocked: u.blocked,
    registered: '',
    lastLogin: '',
    roles: '',
    line: line++,
  }));
  line = 2;
  const contacts: Contact[] = g.contacts.map((c) => ({
    id: c.id,
    type: c.type,
    displayName: `${c.first} ${c.last}`.trim(),
    firstName: c.first,
    middleName: '',
    lastName: c.last,
    deleted: c.deleted,
    emails: c.emails.map((e, i) => ({ email: e, key: key(e), primary: c.primary && i === 0, source: i === 0 ? 'Email' : 'Work-Email' })),
    line: line++,
  }));
  line = 2;
  const links: ExistingLink[] = g.links.map((l) => ({ ...l, domainId: 1, line: line++ }));
  const info = { path: 'generated', rows: 0, sha256: '' };
  return { platform: g.platform, domainId: 1, users, contacts: contactList(contacts), links, inputs: { users: info, contacts: info } };
}

// ---------------------------------------------------------------- the checks

function parseCsv(text: string): string[][] {
  expect(text.endsWith('\r\n')).toBe(true);
  const r = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: false, newline: '\r\n' });
  expect(r.errors).toEqual([]);
  const rows = r.data;
  expect(rows.pop()).toEqual(['']); // the final CRLF
  return rows;
}

interface Outputs {
  links: string;
  warnings: string;
  create: string;
  sql: string;
  summary: string;
}

function writeAll(plan: Plan): Outputs {
  const info = { path: 'generated', rows: 0, sha256: '' };
  return {
    links: linksCsv(plan),
    warnings: warningsCsv(plan),
    create: contactsToCreateCsv(plan),
    sql: ufMatchSql(plan, 'test'),
    summary: summaryJson(buildSummary(plan, { inputs: { users: info, contacts: info }, version: 'test', elapsedMs: 0 })),
  };
}

interface Row {
  readonly ufId: number;
  readonly emailKey: string;
  readonly action: string;
  readonly contactId: number | null;
}

const planRows = (plan: Plan): Row[] => plan.rows.map((r) => ({ ufId: r.user.ufId, emailKey: r.user.emailKey, action: r.decision.action, contactId: linkContactId(r) }));

/** Invariants 1–2, on the existing links and each user's action (from the plan or from links.csv). */
function checkClaims(existing: readonly { ufId: number; contactId: number; ufName: string }[], rows: readonly Row[]): void {
  const linkOf = new Map<number, { contactId: number }>();
  for (const l of existing) if (!linkOf.has(l.ufId)) linkOf.set(l.ufId, l);
  const heldContacts = new Set(existing.map((l) => l.contactId));
  const heldEmails = new Set(existing.map((l) => key(l.ufName)));
  for (const r of rows) if (r.action === 'keep') heldEmails.add(r.emailKey);
  heldEmails.delete('');

  const linkContacts = new Set<number>();
  const newEmails = new Set<string>();
  for (const r of rows) {
    const d = r as Row & { contactId: number };
    if (d.action === 'keep') {
      expect(linkOf.get(r.ufId)?.contactId, `keep of user ${r.ufId} is its existing link`).toBe(d.contactId);
    } else {
      expect(linkOf.has(r.ufId), `user ${r.ufId} has an existing link: must be keep`).toBe(false);
    }
    if (d.action === 'link') {
      expect(linkContacts.has(d.contactId), `two links to contact ${d.contactId}`).toBe(false);
      expect(heldContacts.has(d.contactId), `link to contact ${d.contactId}, held by an existing link`).toBe(false);
      linkContacts.add(d.contactId);
    }
    if (d.action === 'link' || d.action === 'create') {
      const k = r.emailKey;
      expect(k, `user ${r.ufId}: ${d.action} without an email`).not.toBe('');
      expect(newEmails.has(k), `two new links with the email ${JSON.stringify(k)}`).toBe(false);
      expect(heldEmails.has(k), `new link with ${JSON.stringify(k)}, held by an existing link or kept user`).toBe(false);
      newEmails.add(k);
    }
  }
  // when the export's links are conflict-free, link + keep rows never share a contact
  const linkContactsAll = existing.map((l) => l.contactId);
  if (new Set(linkContactsAll).size === linkContactsAll.length && new Set(existing.map((l) => l.ufId)).size === existing.length) {
    const used = rows.flatMap((r) => (r.action === 'link' || r.action === 'keep' ? [r.contactId] : []));
    expect(new Set(used).size).toBe(used.length);
  }
}

/** Invariants 3–6 on the written files, against the plan. */
function checkFiles(plan: Plan, o: Outputs): void {
  const links = parseCsv(o.links);
  expect(links[0]).toEqual(['uf_id', 'uf_name', 'contact_id', 'action', 'reason', 'candidates', 'warnings', 'decided_by']);
  const body = links.slice(1);
  expect(body.map((r) => Number(r[0]))).toEqual(plan.rows.map((r) => r.user.ufId));
  body.forEach((row, i) => {
    const r = plan.rows[i]!;
    expect(row).toEqual([
      String(r.user.ufId),
      shown(r.user.email),
      shown(linkContactId(r)),
      r.decision.action,
      r.decision.reason,
      candidatesCell(r),
      warningCodes(r.warnings).join(';'),
      r.decision.decidedBy,
    ]);
  });

  const warnings = parseCsv(o.warnings);
  expect(warnings[0]).toEqual(['code', 'uf_id', 'contact_id', 'other_uf_id', 'score', 'detail']);
  const all = [...plan.rows.flatMap((r) => r.warnings), ...plan.globalWarnings];
  expect(warnings.slice(1)).toEqual(all.map((w) => [w.code, String(w.ufId), shown(w.contactId), shown(w.otherUfId), w.score.toFixed(2), shown(w.detail)]));

  const create = parseCsv(o.create);
  const creates = plan.rows.filter((r) => r.decision.action === 'create');
  expect(create.slice(1)).toEqual(creates.map((r) => [String(r.user.ufId), 'Individual', shown(r.user.firstName), shown(r.user.middleName), shown(r.user.lastName), shown(r.user.email.trim())]));

  const summary = JSON.parse(o.summary);
  const byAction = (a: string) => body.filter((r) => r[3] === a).length;
  expect(summary.checked).toBe(body.length);
  for (const a of ['keep', 'link', 'create', 'review', 'skip']) expect(summary[a], a).toBe(byAction(a));
  for (const c of WARNING_CODES) expect(summary.warnings[c], c).toBe(warnings.slice(1).filter((w) => w[0] === c).length);

  expect((o.sql.match(/^INSERT INTO civicrm_uf_match/gm) ?? []).length).toBe(byAction('link'));

  // every cell of every CSV: never a bare formula start
  for (const rows of [links, warnings, create]) for (const row of rows) for (const cell of row) expect(cell).not.toMatch(FORMULA);
}

// ---------------------------------------------------------------- properties

describe('invariants over generated exports', () => {
  it('planner + writers: claims, one row per user in order, counts, parse-back', { timeout: 600_000 }, () => {
    // a fresh seed each run (fast-check prints it on failure, to replay with fc's `seed`)
    fc.assert(
      fc.property(genArb, (g) => {
        const data = toDataset(g);
        const plan = buildPlan(data);
        expect(plan.rows).toHaveLength(data.users.length);
        checkClaims(data.links, planRows(plan));
        checkFiles(plan, writeAll(plan));
      }),
      { numRuns: Number(process.env.UFMATCH_RUNS ?? 400) },
    );
  });

  it('the generator reaches every action, every warning and conflicting existing links', () => {
    // Counted on a fixed sample: with a fresh seed each run, a rare code (shared-email) came
    // up only 3 times in 400 examples once in a while, and this check failed by chance.
    const seen: Record<string, number> = {};
    const count = (k: string) => (seen[k] = (seen[k] ?? 0) + 1);
    for (const g of fc.sample(genArb, { numRuns: 400, seed: 20261121 })) {
      const data = toDataset(g);
      const plan = buildPlan(data);
      for (const r of plan.rows) count(r.decision.action);
      for (const w of [...plan.rows.flatMap((r) => r.warnings), ...plan.globalWarnings]) count(w.code);
      if (new Set(data.links.map((l) => l.contactId)).size < data.links.length) count('conflicting-links');
    }
    for (const k of ['keep', 'link', 'create', 'review', 'skip', ...WARNING_CODES, 'conflicting-links']) {
      expect(seen[k] ?? 0, `${k} generated too rarely: ${JSON.stringify(seen)}`).toBeGreaterThan(3);
    }
  });

  it('the checks catch a broken plan (they are not vacuous)', () => {
    const g = fc.sample(genArb.filter((x) => x.users.length >= 3), { numRuns: 1, seed: 42 })[0]!;
    const data = toDataset(g);
    const plan = buildPlan(data);
    const rows = planRows(plan);
    const freeContact = 999;
    // two new links to one contact
    const twoLinks = rows.map((r, i) => (i < 2 ? { ...r, action: 'link', contactId: freeContact, emailKey: `u${i}@x.org` } : r));
    expect(() => checkClaims([], twoLinks)).toThrow(/two links to contact 999/);
    // two new links with one email, in different case
    const twoEmails = rows.map((r, i) => (i < 2 ? { ...r, action: 'create', contactId: null, emailKey: 'same@x.org' } : r));
    expect(() => checkClaims([], twoEmails)).toThrow(/two new links with the email/);
    // a link to a contact an existing link holds
    expect(() => checkClaims([{ ufId: 5000, contactId: freeContact, ufName: '' }], twoLinks.slice(0, 1))).toThrow(/held by an existing link/);
    // a user left out of links.csv, or a summary that disagrees with it
    const o = writeAll(plan);
    const lines = o.links.split('\r\n');
    expect(() => checkFiles(plan, { ...o, links: [lines[0], ...lines.slice(2)].join('\r\n') })).toThrow();
    expect(() => checkFiles(plan, { ...o, summary: o.summary.replace(/"checked": \d+/, '"checked": 12345') })).toThrow();
    // a formula cell without its apostrophe
    const evil = { ...plan, rows: plan.rows.map((r, i) => (i === 0 ? { ...r, user: { ...r.user, email: '=1+1' } } : r)) };
    expect(() => checkFiles(evil, { ...writeAll(evil), links: writeAll(evil).links.replace("'=1+1", '=1+1') })).toThrow();
  });

  const dir = tempDir('ufmatch-prop-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A field for the hand-written exports (RFC 4180 quoting; values may hold anything). */
  const q = (v: string | number) => (typeof v === 'number' || !/[",\r\n]/.test(v) ? String(v) : `"${v.replace(/"/g, '""')}"`);
  const csv = (header: string[], rows: (string | number)[][]) => [header, ...rows].map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';

  /**
   * The links a real civicrm_uf_match export can hold: one per contact and per uf_name in the
   * domain (its unique keys; the loader refuses a file that breaks them), repeated uf_ids kept.
   */
  function realExport(links: Gen['links']): Gen['links'] {
    const contacts = new Set<number>();
    const names = new Set<string>();
    return links.filter((l) => {
      const name = l.ufName.replace(/ +$/, '').toLowerCase();
      if (contacts.has(l.contactId) || (name !== '' && names.has(name))) return false;
      contacts.add(l.contactId);
      if (name !== '') names.add(name);
      return true;
    });
  }

  function exportFiles(g: Gen, n: number): string[] {
    const p = (name: string) => join(dir, `${n}-${name}`);
    const userHeader: Record<Platform, string[]> = {
      wordpress: ['ID', 'user_login', 'user_email', 'first_name', 'last_name', 'user_status'],
      drupal: ['uid', 'name', 'mail', 'status'],
      joomla: ['id', 'username', 'email', 'name', 'block'],
    };
    const userRow = (u: Gen['users'][number]): (string | number)[] =>
      g.platform === 'wordpress'
        ? [u.ufId, `user${u.ufId}`, u.email, u.first, u.last, u.blocked ? 1 : 0]
        : g.platform === 'drupal'
          ? [u.ufId, `user${u.ufId}`, u.email, u.blocked ? 0 : 1]
          : [u.ufId, `user${u.ufId}`, u.email, `${u.first} ${u.last}`.trim(), u.blocked ? 1 : 0];
    writeFileSync(p('users.csv'), csv(userHeader[g.platform], g.users.map(userRow)));
    writeFileSync(
      p('contacts.csv'),
      csv(
        ['Contact ID', 'Contact Type', 'Display Name', 'First Name', 'Last Name', 'Email', 'Home-Email', 'Work-Email', 'Contact is in Trash'],
        g.contacts.map((c) => {
          // the first email goes in the primary column only when it is primary
          const cells = c.primary ? [c.emails[0] ?? '', c.emails[1] ?? '', c.emails[2] ?? ''] : ['', c.emails[0] ?? '', c.emails[1] ?? ''];
          return [c.id, c.type, `${c.first} ${c.last}`.trim(), c.first, c.last, ...cells, c.deleted ? 'Yes' : 'No'];
        }),
      ),
    );
    writeFileSync(p('links.csv'), csv(['id', 'domain_id', 'uf_id', 'uf_name', 'contact_id'], g.links.map((l, i) => [i + 1, 1, l.ufId, l.ufName, l.contactId])));
    return [p('users.csv'), p('contacts.csv'), p('links.csv')];
  }

  it('the whole CLI on generated export files: the same invariants on the files it writes', { timeout: 600_000 }, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(genArb, async (g) => {
        n++;
        // a contact whose 3rd email would not fit the non-primary layout is trimmed to two
        g = { ...g, contacts: g.contacts.map((c) => (c.primary ? c : { ...c, emails: c.emails.slice(0, 2) })), links: realExport(g.links) };
        const [users, contacts, links] = exportFiles(g, n);
        const out = join(dir, `${n}-out`);
        const sink = new PassThrough();
        sink.resume();
        const code = await main(['--users', users!, '--contacts', contacts!, '--links', links!, '--yes', '--out', out], { stdin: new PassThrough(), stdout: sink, stderr: sink, env: {} });
        expect(code).toBe(0);
        const read = (f: string) => readFileSync(join(out, f), 'utf8');
        const files: Outputs = { links: read('links.csv'), warnings: read('warnings.csv'), create: read('contacts-to-create.csv'), sql: read('uf_match.sql'), summary: read('summary.json') };
        const body = parseCsv(files.links).slice(1);
        expect(body.map((r) => Number(r[0]))).toEqual(g.users.map((u) => u.ufId));
        expect(body.map((r) => r[1])).toEqual(g.users.map((u) => shown(u.email)));
        // the claims, read from the file: each user's action and contact as links.csv states them
        checkClaims(g.links, body.map((r, i) => ({ ufId: Number(r[0]), emailKey: key(g.users[i]!.email), action: r[3]!, contactId: r[2] === '' ? null : Number(r[2]) })));
        const summary = JSON.parse(files.summary);
        for (const a of ['keep', 'link', 'create', 'review', 'skip']) expect(summary[a]).toBe(body.filter((r) => r[3] === a).length);
        const warnings = parseCsv(files.warnings).slice(1);
        for (const c of WARNING_CODES) expect(summary.warnings[c], c).toBe(warnings.filter((w) => w[0] === c).length);
        expect(parseCsv(files.create).slice(1).map((r) => r[0])).toEqual(body.filter((r) => r[3] === 'create').map((r) => r[0]));
        expect((files.sql.match(/^INSERT INTO civicrm_uf_match/gm) ?? []).length).toBe(body.filter((r) => r[3] === 'link').length);
        for (const rows of [body, warnings]) for (const row of rows) for (const cell of row) expect(cell).not.toMatch(FORMULA);
      }),
      { numRuns: Math.ceil(Number(process.env.UFMATCH_RUNS ?? 400) / 7) },
    );
  });
});
