/**
 * Issue 6 §1 through the built CLI: every bad input (the corpus in test/fixtures/bad plus the
 * generated cases) gives its exit code and exactly one stderr line `ufmatch: FILE[ line N]: …
 * — remedy`, with no stack trace and no personal data from the file; and no output is left
 * behind: an --out folder holding a previous complete output set is left byte-identical, and a
 * missing --out folder is not left created.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_FILES } from '../../src/output/writeOutputs.js';
import { bad, ensureBuilt, runCli, SAMPLE_ARGS, sample, snapshot, tempDir, type CliResult } from './helpers.js';

type Role = 'users' | 'contacts' | 'links' | 'emails';

interface Case {
  readonly name: string;
  readonly role: Role;
  /** Path of the bad file (a function: generated files exist only after beforeAll). */
  readonly file: () => string;
  readonly extra?: readonly string[];
  readonly line: number | null;
  readonly problem: RegExp;
  readonly remedy: RegExp;
  /** Run as this uid (root only: for the unreadable file). */
  readonly uid?: () => number | undefined;
}

const tmp = tempDir();
const gen = (name: string) => () => join(tmp, 'gen', name);
const fx = (name: string) => () => bad(name);
const isRoot = process.getuid?.() === 0;
/** A copy of a file under another name (the harness gives the samples' own files as the other inputs). */
const copyOf = (from: string, name: string): string => {
  const to = join(tmp, name);
  copyFileSync(from, to);
  return to;
};
const NOBODY = 65534;

/** Names from the fixtures that must never show in a message (emails are found by pattern). */
const NAMES = ['Ada', 'Lovelace', 'Bob Stone', 'Stone', 'Garc', 'José', 'Jos\u00e9'];

const CASES: readonly Case[] = [
  { name: 'empty file (users)', role: 'users', file: fx('empty.csv'), line: 1, problem: /the file is empty/, remedy: /export the data again/ },
  { name: 'empty file (contacts)', role: 'contacts', file: fx('empty.csv'), line: 1, problem: /the file is empty/, remedy: /first line must be the header/ },
  { name: 'empty file (links)', role: 'links', file: fx('empty.csv'), line: 1, problem: /the file is empty/, remedy: /export the data again/ },
  { name: 'empty file (emails)', role: 'emails', file: fx('empty.csv'), line: 1, problem: /the file is empty/, remedy: /export the data again/ },
  { name: 'header only (users)', role: 'users', file: fx('header-only-users.csv'), line: 2, problem: /no users: the file has a header but no data rows/, remedy: /export the users again/ },
  { name: 'header only (contacts, CRLF)', role: 'contacts', file: fx('header-only-contacts.csv'), line: 2, problem: /no contacts: the file has a header but no data rows/, remedy: /export the contacts again/ },
  { name: 'no header (users)', role: 'users', file: fx('no-header.csv'), line: 1, problem: /no header row: the first line looks like data/, remedy: /add the header row/ },
  { name: 'no header (contacts)', role: 'contacts', file: fx('no-header.csv'), line: 1, problem: /no header row/, remedy: /add the header row/ },
  { name: 'missing column', role: 'users', file: fx('missing-column.csv'), line: 1, problem: /missing column "user_email".*columns found: ID, user_login, user_mail, display_name/, remedy: /nearest match: "user_mail"/ },
  { name: 'duplicate columns', role: 'users', file: fx('duplicate-columns.csv'), line: 1, problem: /duplicate column: columns 3 \("user_email"\) and 4 \("User Email"\)/, remedy: /remove or rename one of them/ },
  { name: 'ragged row, more fields', role: 'users', file: fx('ragged-more-fields.csv'), line: 3, problem: /row has 4 fields but the header has 3/, remedy: /unquoted comma; quote that value/ },
  { name: 'ragged row, fewer fields', role: 'users', file: fx('ragged-fewer-fields.csv'), line: 3, problem: /row has 2 fields but the header has 3/, remedy: /is missing on this line/ },
  { name: 'unterminated quote', role: 'users', file: fx('unterminated-quote.csv'), line: 2, problem: /quoted field starting on this line is never closed/, remedy: /add the closing quote/ },
  { name: 'NUL bytes', role: 'users', file: fx('nul-bytes.csv'), line: 2, problem: /looks binary/, remedy: /export it as CSV/ },
  { name: 'binary garbage', role: 'contacts', file: fx('binary-garbage.csv'), line: binaryLine(), problem: /looks binary/, remedy: /export it as CSV/ },
  { name: 'invalid UTF-8', role: 'users', file: fx('invalid-utf8.csv'), line: 3, problem: /not valid UTF-8/, remedy: /--encoding windows-1252/ },
  { name: 'UTF-16 without BOM', role: 'users', file: fx('utf16le-no-bom.csv'), line: 1, problem: /looks like UTF-16LE text without a byte-order mark/, remedy: /--encoding utf-16le/ },
  { name: 'duplicate uf_id', role: 'users', file: fx('duplicate-uf-id.csv'), line: 4, problem: /uf_id in "ID" repeats the id of line 2/, remedy: /each user must appear once/ },
  { name: 'duplicate Contact ID', role: 'contacts', file: fx('duplicate-contact-id.csv'), line: 5, problem: /"Contact ID" repeats the contact id of line 3/, remedy: /each contact must appear once/ },
  { name: 'non-numeric uf_id', role: 'users', file: fx('non-numeric-uf-id.csv'), line: 3, problem: /"ID" is not a positive whole number/, remedy: /numeric id in column 1/ },
  { name: 'non-numeric Contact ID', role: 'contacts', file: fx('non-numeric-contact-id.csv'), line: 3, problem: /"Contact ID" is not a positive whole number/, remedy: /numeric id in column 1/ },
  { name: 'non-numeric link contact_id', role: 'links', file: fx('non-numeric-link-id.csv'), line: 3, problem: /"contact_id" is not a positive whole number/, remedy: /numeric id in column 2/ },
  { name: 'a users export given as the contacts', role: 'contacts', file: () => sample('joomla-users.csv'), line: 1, problem: /this looks like a Joomla users export \(username, email\), not a CiviCRM contacts export/, remedy: /give it with --users/ },
  { name: 'a civicrm_email export given as the contacts', role: 'contacts', file: () => copyOf(sample('emails.csv'), 'emails-as-contacts.csv'), line: 1, problem: /this looks like a civicrm_email export/, remedy: /give it with --emails/ },
  { name: 'a directory', role: 'users', file: fx('directory.csv'), line: null, problem: /is a directory, not a CSV file/, remedy: /give the path of the exported \.csv file/ },
  { name: 'a missing file', role: 'contacts', file: fx('does-not-exist.csv'), line: null, problem: /file not found/, remedy: /check the path/ },
  { name: 'a 10 MB field (quoted)', role: 'users', file: gen('10mb-quoted.csv'), line: 2, problem: /a row starting on this line is longer than 1 MiB/, remedy: /a quote \(".*is probably never closed/ },
  { name: 'a 10 MB field (plain)', role: 'contacts', file: gen('10mb-plain.csv'), line: 3, problem: /longer than 1 MiB, with no quote in it/, remedy: /check that the file is CSV with LF or CRLF line breaks/ },
  { name: 'an .xlsx spreadsheet saved as .csv', role: 'users', file: gen('spreadsheet.csv'), line: 1, problem: /this is a ZIP archive \(an \.xlsx\/\.ods spreadsheet\?\), not CSV/, remedy: /save as CSV \(UTF-8\)/ },
  { name: 'an old .xls file saved as .csv', role: 'contacts', file: gen('old-excel.csv'), line: 1, problem: /this is an old Excel \.xls file, not CSV/, remedy: /save as CSV \(UTF-8\)/ },
  { name: 'a gzip-compressed export', role: 'links', file: gen('gzipped.csv'), line: 1, problem: /this file is gzip-compressed/, remedy: /decompress it first/ },
  {
    name: 'an unreadable file (chmod 000; as root run as "nobody")',
    role: 'users',
    file: gen('locked/users.csv'),
    line: null,
    problem: /cannot read the file \(permission denied\)/,
    remedy: /make it readable/,
    uid: () => (isRoot ? NOBODY : undefined),
  },
];

function binaryLine(): number {
  const bytes = readFileSync(bad('binary-garbage.csv'));
  return 1 + bytes.subarray(0, bytes.indexOf(0)).filter((b) => b === 10).length;
}

function argsWith(role: Role, file: string): string[] {
  const files: Record<Role, string | null> = {
    users: sample('wordpress-users.csv'),
    contacts: sample('contacts-ui.csv'),
    links: sample('uf_match.csv'),
    emails: sample('emails.csv'),
  };
  files[role] = file;
  return Object.entries(files).flatMap(([k, v]) => (v ? [`--${k}`, v] : []));
}

/** Every email address in a text fixture, plus the names used in the fixtures. */
function secretsOf(file: string): string[] {
  let text = '';
  try {
    text = readFileSync(file, 'latin1');
  } catch {
    /* directory, missing or unreadable: nothing to leak */
  }
  const emails = text.split(/[\s,;"]+/).filter((t) => t.includes('@') && t.length < 200);
  return [...new Set([...emails, ...NAMES])];
}

/** One line, `ufmatch: FILE[ line N]: problem — remedy`, nothing else. */
function expectOneLine(r: CliResult, file: string, line: number | null, problem: RegExp, remedy: RegExp, secrets: readonly string[]): void {
  expect(r.signal).toBeNull();
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  const lines = r.stderr.slice(0, -1).split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  const msg = lines[0]!;
  expect(msg.startsWith(line === null ? `ufmatch: ${file}: ` : `ufmatch: ${file} line ${line}`), msg).toBe(true);
  const [problemPart, remedyPart] = msg.split(' — ');
  expect(problemPart).toMatch(problem);
  expect(remedyPart ?? '', 'a remedy after " — "').toMatch(remedy);
  expect(msg).not.toMatch(/\bat .*:\d+:\d+|Error:|\bat <anonymous>|node:internal/);
  for (const s of secrets) expect(msg, `leaks ${JSON.stringify(s)}`).not.toContain(s);
}

describe('bad inputs through the CLI', () => {
  let previous: string;
  let before: Record<string, string>;

  beforeAll(() => {
    ensureBuilt();
    mkdirSync(join(tmp, 'gen', 'locked'), { recursive: true });
    const ten = 'x'.repeat(10 * 1024 * 1024);
    writeFileSync(gen('10mb-quoted.csv')(), `ID,user_email,display_name\n1,ada@example.org,"${ten}"\n2,bob@example.org,ok\n`);
    writeFileSync(gen('10mb-plain.csv')(), `Contact ID,Email,Display Name\n7,ada@example.org,ok\n8,bob@example.org,${ten}\n`);
    writeFileSync(gen('locked/users.csv')(), 'ID,user_email\n1,ada@example.org\n');
    writeFileSync(gen('spreadsheet.csv')(), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('ada@example.org,Ada Lovelace')]));
    writeFileSync(gen('old-excel.csv')(), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.from('bob@example.org')]));
    writeFileSync(gen('gzipped.csv')(), gzipSync('uf_id,contact_id,uf_name\n1,2,ada@example.org\n'));
    chmodSync(gen('locked/users.csv')(), 0o000);
    for (const d of [tmp, join(tmp, 'gen'), join(tmp, 'gen', 'locked')]) chmodSync(d, 0o755);
    // a previous complete output set, which no failing run may touch
    previous = join(tmp, 'previous');
    const r = runCli([...SAMPLE_ARGS, '--yes', '--out', previous]);
    expect(r.code, r.stderr).toBe(0);
    before = snapshot(previous);
    expect(Object.keys(before).sort()).toEqual([...OUTPUT_FILES].sort());
  });

  let n = 0;
  it.each(CASES.map((c) => [c.name, c] as const))('%s → exit 3, one line, nothing written', (_name, c) => {
    const file = c.file();
    const args = [...argsWith(c.role, file), ...(c.extra ?? []), '--yes'];
    const uid = c.uid?.();
    // "nobody" must get as far as reading the file: it may use the output folders
    if (uid !== undefined) chmodSync(previous, 0o777);
    const parent = uid === undefined ? tmp : join(tmp, 'world');
    mkdirSync(parent, { recursive: true, mode: 0o777 });
    chmodSync(parent, 0o777);
    try {
      // 1. into the folder holding the previous outputs: left byte-identical
      const r1 = runCli([...args, '--out', previous], uid === undefined ? {} : { uid, gid: uid });
      expect(r1.code, r1.stderr).toBe(3);
      expectOneLine(r1, file, c.line, c.problem, c.remedy, secretsOf(file));
      expect(snapshot(previous)).toEqual(before);
      // 2. into a folder that does not exist yet: not left behind
      const fresh = join(parent, `fresh-${++n}`);
      const r2 = runCli([...args, '--out', join(fresh, 'nested', 'out')], uid === undefined ? {} : { uid, gid: uid });
      expect(r2.code).toBe(3);
      expect(r2.stderr).toBe(r1.stderr);
      expect(existsSync(fresh), 'the --out folder was left created').toBe(false);
    } finally {
      if (uid !== undefined) chmodSync(previous, 0o700);
    }
  });

  it('the generated cases are what they claim (a 10 MB field; a file the runner cannot read)', () => {
    expect(readFileSync(gen('10mb-plain.csv')()).length).toBeGreaterThan(10 * 1024 * 1024);
    const unreadable = runCli(argsWith('users', gen('locked/users.csv')()).concat('--yes', '--out', join(tmp, 'nope')), isRoot ? { uid: NOBODY, gid: NOBODY } : {});
    expect(unreadable.stderr).toMatch(/permission denied/);
  });
});

describe('documented accepted outcomes (the data can be used safely)', () => {
  beforeAll(() => ensureBuilt());

  function runOk(args: string[]): { r: CliResult; out: string } {
    const out = join(tmp, `ok-${Math.random().toString(16).slice(2)}`);
    const r = runCli([...args, '--yes', '--out', out]);
    return { r, out };
  }

  it('UTF-16LE with BOM (Excel "Unicode Text", tab-separated): decoded, exit 0, full outputs', () => {
    const { r, out } = runOk(['--users', bad('utf16le-bom.csv'), '--contacts', sample('contacts-ui.csv')]);
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(snapshot(out)).sort()).toEqual([...OUTPUT_FILES].sort());
    expect(readFileSync(join(out, 'links.csv'), 'utf8')).toMatch(/\r\n1,ada@example\.org,/);
  });

  it('UTF-16LE without BOM loads with --encoding utf-16le when every input is in that encoding', () => {
    const contacts = join(tmp, 'gen', 'contacts-utf16.csv');
    writeFileSync(contacts, Buffer.from('Contact ID,Email\n9,ada@example.org\n', 'utf16le'));
    const { r, out } = runOk(['--users', bad('utf16le-no-bom.csv'), '--contacts', contacts, '--encoding', 'utf-16le']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'links.csv'), 'utf8')).toContain('1,ada@example.org,9,link,exact-email');
  });

  it('UTF-16LE without BOM beside a UTF-8 contacts export: --encoding utf-16le applies to the first only (it was applied to both, and the contacts header read as CJK)', () => {
    const contacts = join(tmp, 'gen', 'contacts-utf8-beside-utf16.csv');
    writeFileSync(contacts, 'Contact ID,Email,First Name,Last Name\n9,ada@example.org,Ada,Lovelace\n');
    const { r, out } = runOk(['--users', bad('utf16le-no-bom.csv'), '--contacts', contacts, '--encoding', 'utf-16le']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'links.csv'), 'utf8')).toContain('1,ada@example.org,9,link,exact-email');
  });

  it('invalid UTF-8 loads with the suggested --encoding windows-1252', () => {
    const contacts = join(tmp, 'gen', 'contacts-ascii.csv');
    writeFileSync(contacts, 'Contact ID,Email,First Name,Last Name\n5,jose@example.org,Jose,Garcia\n');
    const { r, out } = runOk(['--users', bad('invalid-utf8.csv'), '--contacts', contacts, '--encoding', 'windows-1252']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'links.csv'), 'utf8')).toContain('2,jose@example.org,5,link,exact-email');
  });

  it('header-only links and emails files: no links yet, no extra emails (exit 0)', () => {
    const links = join(tmp, 'gen', 'links-header.csv');
    const emails = join(tmp, 'gen', 'emails-header.csv');
    writeFileSync(links, 'id,domain_id,uf_id,uf_name,contact_id,language\n');
    writeFileSync(emails, 'contact_id,email,is_primary\n');
    const { r, out } = runOk(['--users', sample('wordpress-users.csv'), '--contacts', sample('contacts-ui.csv'), '--links', links, '--emails', emails]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.keep).toBe(0);
    expect(summary.inputs.links.rows).toBe(0);
  });
});

describe('usage errors: exit 2, one line', () => {
  beforeAll(() => ensureBuilt());

  it.each([
    ['an unknown option', ['--users', 'u.csv', '--contacts', 'c.csv', '--frobnicate'], /unknown option --frobnicate \(see ufmatch --help\)/],
    ['an unknown --encoding (a command-line mistake, not the file\'s)', ['--users', 'u.csv', '--contacts', 'c.csv', '--encoding', 'klingon-8', '--yes'], /--encoding: unknown encoding "klingon-8"; use a name such as utf-8, windows-1252/],
    ['--encoding base64 (a way to write bytes as text, not a text encoding)', ['--users', 'u.csv', '--contacts', 'c.csv', '--encoding', 'base64', '--yes'], /--encoding: "base64" is not a character encoding of text; use a name such as utf-8, windows-1252/],
    ['--encoding hex', ['--users', 'u.csv', '--contacts', 'c.csv', '--encoding', 'HEX', '--yes'], /--encoding: "HEX" is not a character encoding of text/],
    ['--encoding base-64 (iconv-lite ignores the punctuation)', ['--users', 'u.csv', '--contacts', 'c.csv', '--encoding', 'base-64', '--yes'], /--encoding: "base-64" is not a character encoding of text/],
    ['a --domain-id past what CiviCRM can hold', ['--users', 'u.csv', '--contacts', 'c.csv', '--domain-id', '99999999999999999999', '--yes'], /--domain-id must be a whole number from 1 to 4294967295/],
    ['an option whose value is missing before the next option', ['--users', '--contacts', 'c.csv', '--yes'], /--users needs a value, and the next word starts with "-": give one as --users=VALUE/],
    ['one file given as two inputs', ['--users', 'samples/wordpress-users.csv', '--contacts', './samples/wordpress-users.csv', '--yes'], /--users and --contacts name the same file/],
    ['an option given twice', ['--users', 'u.csv', '--users', 'v.csv', '--contacts', 'c.csv', '--yes'], /--users is given twice: give it once/],
    ['a missing --contacts', ['--users', 'u.csv', '--yes'], /--contacts FILE is required/],
    ['an empty --links (an unset shell variable), read as no links file before', ['--users', 'u.csv', '--contacts', 'c.csv', '--links', '', '--yes'], /--links is given an empty value \(an unset variable\?\): give it one, or drop --links$/m],
    ['an empty --emails written --emails=', ['--users', 'u.csv', '--contacts', 'c.csv', '--emails=', '--yes'], /--emails is given an empty value/],
    ['a blank --decisions', ['--users', 'u.csv', '--contacts', 'c.csv', '--decisions', '  ', '--yes'], /--decisions is given an empty value/],
    ['an empty --users', ['--users', '', '--contacts', 'c.csv', '--yes'], /--users is given an empty value \(an unset variable\?\): give it one$/m],
    ['no terminal and no --yes', [...SAMPLE_ARGS], /no terminal for the review screen.*add --yes/],
  ])('%s', (_name, args, message) => {
    const out = join(tmp, 'usage-out');
    const r = runCli([...args, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(/^ufmatch: /);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});
