/**
 * Synthetic but realistic exports for the benchmark (issue 4), seeded so every machine gets
 * the same files byte for byte:
 * - contacts.csv: a CiviCRM UI export (Contact ID, Contact Type, Display Name, First Name,
 *   Middle Name, Last Name, Email, Home-Email, Work-Email, Contact is in Trash), ids ascending
 *   with gaps; names from many languages with their accents; Individuals, Organizations and
 *   Households; some in the trash; some without email; households and duplicate records
 *   sharing an address;
 * - users.csv: `wp user list --format=csv` (ID,user_login,user_email,display_name,first_name,
 *   last_name,user_registered,roles), quoted the way PHP's fputcsv quotes;
 * - uf_match.csv: existing links for about 30% of the users (a few stale, a few of another
 *   domain, a few orphans);
 * - emails.csv: civicrm_email rows adding addresses to about 3% of the contacts.
 * Users are drawn from a fixed mix of cases (USER_KINDS): most match a contact's email
 * exactly; the rest exercise every warning (typos in the domain or the local part, +tag and
 * Gmail aliases, shared and trashed and organisation matches, taken contacts, duplicate user
 * emails, name-only matches, new people, missing and invalid emails).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DOMAIN_TYPOS, FIRST_NAMES, FREE_MAIL, LAST_NAMES, NICKNAMES, NOUNS, ORG_KINDS, ORG_TLDS, ORG_WORDS,
  SURNAME_HEADS, SURNAME_MIDS, SURNAME_MIDS2, SURNAME_TAILS,
} from './names.js';
import { int, mulberry32, pick, skewed, type Rng } from './rng.js';

/** Bump when the generated data changes: cached sets of another version are not reused. */
export const GENERATOR_VERSION = 4;

export interface BenchSize {
  readonly name: string;
  readonly contacts: number;
  readonly users: number;
  readonly seed: number;
}

export const SIZES: readonly BenchSize[] = [
  { name: 'small', contacts: 20_000, users: 5_000, seed: 4_2005 },
  { name: 'medium', contacts: 200_000, users: 50_000, seed: 4_2050 },
  { name: 'large', contacts: 1_000_000, users: 200_000, seed: 4_2200 },
];

export const USER_KINDS = [
  ['linked', 0.3],
  ['exact', 0.435],
  ['exact-other-email', 0.03],
  ['exact-emails-file', 0.01],
  ['household', 0.01],
  ['duplicate-contact', 0.01],
  ['typo', 0.03],
  ['alias', 0.015],
  ['trashed', 0.01],
  ['organization', 0.005],
  ['taken', 0.005],
  ['duplicate-user', 0.005],
  ['name-only', 0.02],
  ['new', 0.11],
  ['no-email', 0.0025],
  ['invalid-email', 0.0025],
] as const;
export type UserKind = (typeof USER_KINDS)[number][0];

export interface BenchFiles {
  readonly dir: string;
  readonly users: string;
  readonly contacts: string;
  readonly links: string;
  readonly emails: string;
}

export interface Manifest {
  readonly generator: number;
  readonly size: BenchSize;
  readonly rows: { users: number; contacts: number; links: number; emails: number };
  readonly bytes: { users: number; contacts: number; links: number; emails: number };
  readonly kinds: Record<string, number>;
}

/** `$UFMATCH_BENCH_CACHE`, else `$XDG_CACHE_HOME/ufmatch-bench`, else `~/.cache/ufmatch-bench` (tmpdir without a home). */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.UFMATCH_BENCH_CACHE) return env.UFMATCH_BENCH_CACHE;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'ufmatch-bench');
  const home = homedir();
  return home ? join(home, '.cache', 'ufmatch-bench') : join(tmpdir(), 'ufmatch-bench');
}

export function filesIn(dir: string): BenchFiles {
  return {
    dir,
    users: join(dir, 'users.csv'),
    contacts: join(dir, 'contacts.csv'),
    links: join(dir, 'uf_match.csv'),
    emails: join(dir, 'emails.csv'),
  };
}

/** The cached set for `size`, generated first when missing (or of another generator version). */
export function ensureDataset(size: BenchSize, root = cacheRoot(), log: (s: string) => void = () => {}): { files: BenchFiles; manifest: Manifest; generatedMs: number } {
  const dir = join(root, `v${GENERATOR_VERSION}-${size.name}-${size.contacts}-${size.users}-${size.seed}`);
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (manifest.generator === GENERATOR_VERSION) return { files: filesIn(dir), manifest, generatedMs: 0 };
  }
  log(`generating the ${size.name} set (${size.contacts.toLocaleString('en')} contacts, ${size.users.toLocaleString('en')} users) in ${dir}`);
  const t0 = performance.now();
  mkdirSync(root, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const manifest = generate(size, tmp);
  writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { files: filesIn(dir), manifest, generatedMs: performance.now() - t0 };
}

// ---------------------------------------------------------------------------------------------

/** fputcsv's rule: quote a field holding the delimiter, a quote, a line break, a tab or a space. */
const NEEDS_QUOTES = /[,"\r\n\t \\]/;
function cell(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

class CsvFile {
  private fd: number;
  private buf = '';
  rows = 0;
  constructor(readonly path: string, header: readonly string[]) {
    this.fd = openSync(path, 'w');
    this.buf = header.map(cell).join(',') + '\n';
  }
  row(cells: readonly string[]): void {
    let line = '';
    for (let i = 0; i < cells.length; i++) line += (i > 0 ? ',' : '') + cell(cells[i] as string);
    this.buf += line + '\n';
    this.rows++;
    if (this.buf.length > 1 << 20) this.flush();
  }
  private flush(): void {
    writeSync(this.fd, this.buf);
    this.buf = '';
  }
  close(): number {
    this.flush();
    closeSync(this.fd);
    return statSync(this.path).size;
  }
}

const SPECIAL: Record<string, string> = { ł: 'l', đ: 'd', ð: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ı: 'i', ħ: 'h' };

/** What people type for their name in an address: ASCII letters only. */
export function asciiName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[łđðøßæœþıħ]/g, (c) => SPECIAL[c] ?? c)
    .replace(/[^a-z0-9]/g, '');
}

function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

const T_INDIVIDUAL = 0;
const T_ORGANIZATION = 1;
const T_HOUSEHOLD = 2;
const TYPE_LABEL = ['Individual', 'Organization', 'Household'];

/** Contacts held column by column while users are drawn from them (then written in id order). */
interface Contacts {
  readonly n: number;
  readonly id: Int32Array;
  readonly type: Uint8Array;
  readonly trashed: Uint8Array;
  readonly used: Uint8Array;
  readonly first: string[];
  readonly middle: string[];
  readonly last: string[];
  readonly display: string[];
  readonly email: string[];
  readonly home: string[];
  readonly work: string[];
  /** Rows for emails.csv: contact position → [email, is_primary]. */
  readonly extra: Map<number, [string, string][]>;
}

class Generator {
  private readonly usedEmails = new Set<string>();
  private readonly orgDomains: string[] = [];

  constructor(private readonly r: Rng) {
    for (let i = 0; i < 3000; i++) {
      const a = pick(r, ORG_WORDS);
      let b = pick(r, ORG_WORDS);
      if (b === a) b = pick(r, ORG_WORDS);
      this.orgDomains.push(`${a}${r() < 0.4 ? '-' : ''}${b}.${pick(r, ORG_TLDS)}`);
    }
  }

  firstName(): string {
    return skewed(this.r, FIRST_NAMES, 1.25);
  }

  /**
   * Surnames as a large CRM has them: common ones (a few hundred, skewed) for under half the
   * people, a long tail of ~300,000 rarer ones for the rest.
   */
  lastName(): string {
    const r = this.r;
    if (r() < 0.45) return skewed(r, LAST_NAMES, 1.3);
    return pick(r, SURNAME_HEADS) + pick(r, SURNAME_MIDS) + pick(r, SURNAME_MIDS2) + pick(r, SURNAME_TAILS);
  }

  freeDomain(): string {
    const r = this.r;
    return r() < 0.35 ? 'gmail.com' : skewed(r, FREE_MAIL, 1.3);
  }

  orgDomain(): string {
    return skewed(this.r, this.orgDomains, 1.4);
  }

  /** An address nobody in the data has yet: common names get a number, as at real providers. */
  unique(local: string, domain: string): string {
    let e = `${local}@${domain}`;
    if (!this.usedEmails.has(e)) {
      this.usedEmails.add(e);
      return e;
    }
    for (let digits = 100; ; digits *= 10) {
      e = `${local}${digits / 10 + int(this.r, digits - digits / 10)}@${domain}`;
      if (!this.usedEmails.has(e)) {
        this.usedEmails.add(e);
        return e;
      }
    }
  }

  taken(email: string): boolean {
    return this.usedEmails.has(email.toLowerCase());
  }

  personLocal(first: string, last: string): string {
    const r = this.r;
    const f = asciiName(first) || 'x';
    const l = asciiName(last) || 'y';
    switch (int(r, 10)) {
      case 0:
        return `${f}.${l}`;
      case 1:
        return `${f}${l}`;
      case 2:
        return `${f[0]}${l}`;
      case 3:
        return `${f}.${l}${int(r, 100)}`;
      case 4:
        return `${f}${l.slice(0, 1 + int(r, 3))}${1940 + int(r, 70)}`;
      case 5:
        return `${l}.${f}`;
      case 6:
        return `${f}_${l}`;
      case 7:
        return `${f[0]}.${l}`;
      case 8:
        return `${pick(r, NOUNS)}${pick(r, NOUNS)}${int(r, 100)}`;
      default:
        return `${f}${l}${int(r, 1000)}`;
    }
  }

  personEmail(first: string, last: string, domain = this.r() < 0.6 ? this.freeDomain() : this.orgDomain()): string {
    return this.unique(this.personLocal(first, last), domain);
  }

  /** How an export writes an address: mostly as typed, sometimes capitalised. */
  written(email: string): string {
    const r = this.r();
    if (r < 0.06) return email[0]!.toUpperCase() + email.slice(1);
    if (r < 0.08) return email.toUpperCase();
    return email;
  }
}

function makeContacts(g: Generator, r: Rng, n: number): Contacts {
  const c: Contacts = {
    n,
    id: new Int32Array(n),
    type: new Uint8Array(n),
    trashed: new Uint8Array(n),
    used: new Uint8Array(n),
    first: new Array<string>(n),
    middle: new Array<string>(n),
    last: new Array<string>(n),
    display: new Array<string>(n),
    email: new Array<string>(n),
    home: new Array<string>(n),
    work: new Array<string>(n),
    extra: new Map(),
  };
  let id = 0;
  for (let i = 0; i < n; i++) {
    id += 1 + (r() < 0.08 ? int(r, 6) : 0); // merged and deleted contacts leave gaps
    c.id[i] = id;
    const t = r();
    const type = t < 0.04 ? T_ORGANIZATION : t < 0.055 ? T_HOUSEHOLD : T_INDIVIDUAL;
    c.type[i] = type;
    c.trashed[i] = r() < 0.03 ? 1 : 0;
    c.middle[i] = '';
    c.home[i] = '';
    c.work[i] = '';
    if (type === T_ORGANIZATION) {
      const a = pick(r, ORG_WORDS);
      const b = pick(r, ORG_WORDS);
      const name = `${a[0]!.toUpperCase()}${a.slice(1)} ${b[0]!.toUpperCase()}${b.slice(1)} ${pick(r, ORG_KINDS)}`;
      c.first[i] = '';
      c.last[i] = '';
      c.display[i] = r() < 0.1 ? `${name}, ${pick(r, ['Dublin', 'Lyon', 'København', 'Kraków', 'São Paulo', 'Zürich'])}` : name;
      c.email[i] = r() < 0.85 ? g.unique(pick(r, ['info', 'office', 'contact', 'hello', 'admin']), g.orgDomain()) : '';
      continue;
    }
    if (type === T_HOUSEHOLD) {
      const l = g.lastName();
      c.first[i] = '';
      c.last[i] = '';
      c.display[i] = r() < 0.5 ? `The ${l} Family` : `${l} Household`;
      c.email[i] = r() < 0.5 ? g.unique(`${asciiName(l)}family`, g.freeDomain()) : '';
      continue;
    }
    const f = g.firstName();
    const l = g.lastName();
    c.first[i] = f;
    c.last[i] = l;
    if (r() < 0.06) c.middle[i] = r() < 0.5 ? `${g.firstName()[0]}.` : g.firstName();
    c.display[i] = `${f} ${l}`;
    const h = r();
    // 1% share the address of a contact just before (households, carers, duplicate records)
    if (h < 0.01 && i > 0 && c.email[i - 1] !== '' && c.type[i - 1] === T_INDIVIDUAL) c.email[i] = c.email[i - 1]!;
    else c.email[i] = h < 0.91 ? g.personEmail(f, l) : '';
    if (r() < 0.12) c.home[i] = g.personEmail(f, l, g.freeDomain());
    if (r() < 0.1) c.work[i] = g.unique(`${asciiName(f)[0] ?? 'x'}.${asciiName(l) || 'y'}`, g.orgDomain());
    if (r() < 0.03) {
      const primary = c.email[i] === '' && r() < 0.5;
      c.extra.set(i, [[g.personEmail(f, l), primary ? '1' : '0']]);
    }
  }
  return c;
}

/** One edit that a typist makes: a letter dropped, doubled, swapped or replaced. */
function typo(r: Rng, s: string): string {
  const i = 1 + int(r, Math.max(1, s.length - 2));
  switch (int(r, 4)) {
    case 0:
      return s.slice(0, i) + s.slice(i + 1);
    case 1:
      return s.slice(0, i) + s[i] + s.slice(i);
    case 2:
      return i + 1 < s.length ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : s.slice(0, i) + s.slice(i + 1);
    default: {
      const ch = 'etaoinsrhl'[int(r, 10)]!;
      return s.slice(0, i) + (ch === s[i] ? 'x' : ch) + s.slice(i + 1);
    }
  }
}

function typoEmail(g: Generator, r: Rng, email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  for (let attempt = 0; attempt < 6; attempt++) {
    let out: string;
    if (r() < 0.5 || local.length < 5) {
      const known = DOMAIN_TYPOS[domain];
      if (known) out = `${local}@${pick(r, known)}`;
      else {
        const dot = domain.indexOf('.');
        const name = domain.slice(0, dot);
        if (name.length < 4) continue;
        out = `${local}@${typo(r, name)}${domain.slice(dot)}`;
      }
    } else out = `${typo(r, local)}@${domain}`;
    if (!/^[a-z0-9._+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(out) || out.includes('..') || g.taken(out)) continue;
    return out;
  }
  return '';
}

/** Another spelling of the same mailbox: +tag, Gmail dots, googlemail.com. */
function aliasEmail(r: Rng, email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (domain === 'gmail.com' || domain === 'googlemail.com') {
    const x = r();
    if (x < 0.35) return `${local}@${domain === 'gmail.com' ? 'googlemail.com' : 'gmail.com'}`;
    if (x < 0.7) {
      if (local.includes('.')) return `${local.replace(/\./g, '')}@${domain}`;
      const i = 1 + int(r, local.length - 1);
      return `${local.slice(0, i)}.${local.slice(i)}@${domain}`;
    }
  }
  return `${local}+${pick(r, ['news', 'civi', 'donations', 'shop', 'lists'])}@${domain}`;
}

/** A user's name as the CMS has it: usually the contact's, sometimes without accents, a nickname or a typo. */
function userName(r: Rng, first: string, last: string): { first: string; last: string; display: string } {
  const x = r();
  if (x < 0.78) return { first, last, display: `${first} ${last}` };
  if (x < 0.86) {
    const f = stripAccents(first);
    const l = stripAccents(last);
    return { first: f, last: l, display: `${f} ${l}` };
  }
  if (x < 0.9) return { first: first.toLowerCase(), last: last.toLowerCase(), display: `${first} ${last}`.toLowerCase() };
  if (x < 0.93) {
    const f = NICKNAMES[first] ?? (first.length >= 5 ? typo(r, first) : first);
    return { first: f, last, display: `${f} ${last}` };
  }
  if (x < 0.98) return { first: '', last: '', display: r() < 0.7 ? `${first} ${last}` : `${last}, ${first}` };
  return { first: '', last: '', display: '' };
}

interface UserRow {
  id: number;
  login: string;
  email: string;
  display: string;
  first: string;
  last: string;
}

export function generate(size: BenchSize, dir: string): Manifest {
  const r = mulberry32(size.seed);
  const g = new Generator(r);
  const C = makeContacts(g, r, size.contacts);
  const kinds: Record<string, number> = {};

  // a random order of the contacts; each cursor walks it for contacts of one kind
  const perm = new Int32Array(C.n);
  for (let i = 0; i < C.n; i++) perm[i] = i;
  for (let i = C.n - 1; i > 0; i--) {
    const j = int(r, i + 1);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  const cursors = { person: 0, trashed: 0, org: 0, spare: C.n - 1 };
  const isPerson = (i: number) => C.type[i] === T_INDIVIDUAL && C.trashed[i] === 0 && C.email[i] !== '';
  const next = (which: 'person' | 'trashed' | 'org', ok: (i: number) => boolean): number => {
    for (let p = cursors[which]; p < C.n; p++) {
      const i = perm[p]!;
      if (C.used[i] === 0 && ok(i)) {
        cursors[which] = p + 1;
        C.used[i] = 1;
        return i;
      }
    }
    cursors[which] = C.n;
    return -1;
  };
  /** Taken from the far end, so it never competes with the cursors for the same contacts. */
  const spare = (): number => {
    for (let p = cursors.spare; p >= 0; p--) {
      const i = perm[p]!;
      if (C.used[i] === 0 && C.type[i] === T_INDIVIDUAL && C.trashed[i] === 0) {
        cursors.spare = p - 1;
        C.used[i] = 1;
        return i;
      }
    }
    return -1;
  };

  const users: UserRow[] = [];
  const links: [number, number, string][] = []; // uf_id, contact position, uf_name
  const linkedWithOther: number[] = []; // contact positions of linked users whose contact has a second address
  let uid = 0;
  const cumulative: number[] = [];
  let acc = 0;
  for (const [, p] of USER_KINDS) cumulative.push((acc += p));

  for (let n = 0; n < size.users; n++) {
    uid += 1 + (r() < 0.1 ? int(r, 3) : 0);
    const x = r();
    let k = 0;
    while (k < USER_KINDS.length - 1 && x >= cumulative[k]!) k++;
    let kind: UserKind = USER_KINDS[k]![0];
    let first = '';
    let last = '';
    let display = '';
    let email = '';
    const fromContact = (i: number) => {
      ({ first, last, display } = userName(r, C.first[i]!, C.last[i]!));
    };
    const fresh = () => {
      first = g.firstName();
      last = g.lastName();
      display = `${first} ${last}`;
      email = g.written(g.personEmail(first, last, g.freeDomain()));
    };

    let c = -1;
    switch (kind) {
      case 'linked': {
        c = r() < 0.01 ? next('trashed', (i) => C.type[i] === T_INDIVIDUAL && C.trashed[i] === 1 && C.email[i] !== '') : next('person', isPerson);
        if (c === -1) break;
        fromContact(c);
        email = g.written(C.email[c]!);
        let ufName = email;
        const s = r();
        if (s < 0.03) ufName = g.personEmail(C.first[c]!, C.last[c]!); // the user changed address since
        else if (s < 0.05) email = g.written(g.personEmail(C.first[c]!, C.last[c]!)); // and the contact was never updated
        links.push([uid, c, ufName]);
        if (C.home[c] !== '' || C.work[c] !== '') linkedWithOther.push(c);
        break;
      }
      case 'exact':
        c = next('person', isPerson);
        if (c === -1) break;
        fromContact(c);
        email = g.written(C.email[c]!);
        break;
      case 'exact-other-email':
        c = next('person', (i) => isPerson(i) && (C.home[i] !== '' || C.work[i] !== ''));
        if (c === -1) break;
        fromContact(c);
        email = g.written(C.home[c] !== '' ? C.home[c]! : C.work[c]!);
        break;
      case 'exact-emails-file': {
        c = next('person', isPerson);
        if (c === -1) break;
        fromContact(c);
        const e = g.personEmail(C.first[c]!, C.last[c]!);
        const list = C.extra.get(c) ?? [];
        list.push([e, '0']);
        C.extra.set(c, list);
        email = g.written(e);
        break;
      }
      case 'household':
      case 'duplicate-contact': {
        c = next('person', isPerson);
        const d = spare();
        if (c === -1 || d === -1) {
          c = -1;
          break;
        }
        if (kind === 'household') {
          let f = g.firstName();
          if (f === C.first[c]) f = g.firstName();
          C.first[d] = f;
          C.last[d] = C.last[c]!;
        } else {
          C.first[d] = C.first[c]!;
          C.last[d] = C.last[c]!;
        }
        C.display[d] = `${C.first[d]} ${C.last[d]}`;
        C.middle[d] = '';
        C.email[d] = C.email[c]!;
        fromContact(c);
        email = g.written(C.email[c]!);
        break;
      }
      case 'typo':
        c = next('person', isPerson);
        if (c === -1) break;
        fromContact(c);
        email = typoEmail(g, r, C.email[c]!);
        if (email === '') c = -1;
        break;
      case 'alias':
        c = next('person', isPerson);
        if (c === -1) break;
        fromContact(c);
        if (r() < 0.25 && !C.email[c]!.includes('+')) {
          // the contact has the tagged address, the user the plain one
          email = C.email[c]!;
          const at = email.lastIndexOf('@');
          C.email[c] = g.unique(`${email.slice(0, at)}+civi`, email.slice(at + 1));
        } else {
          email = aliasEmail(r, C.email[c]!);
          if (g.taken(email)) c = -1;
        }
        break;
      case 'trashed':
        c = next('trashed', (i) => C.type[i] === T_INDIVIDUAL && C.trashed[i] === 1 && C.email[i] !== '');
        if (c === -1) break;
        fromContact(c);
        email = g.written(C.email[c]!);
        break;
      case 'organization':
        c = next('org', (i) => C.type[i] === T_ORGANIZATION && C.trashed[i] === 0 && C.email[i] !== '');
        if (c === -1) break;
        first = g.firstName();
        last = g.lastName();
        display = `${first} ${last}`;
        email = C.email[c]!;
        break;
      case 'taken': {
        if (linkedWithOther.length === 0) break;
        c = linkedWithOther[int(r, linkedWithOther.length)]!;
        fromContact(c);
        email = g.written(C.home[c] !== '' ? C.home[c]! : C.work[c]!);
        break;
      }
      case 'duplicate-user': {
        const withEmail = users.length > 0 ? users[int(r, users.length)]! : null;
        if (!withEmail || withEmail.email === '' || !withEmail.email.includes('@')) break;
        c = 0;
        first = withEmail.first;
        last = withEmail.last;
        display = withEmail.display;
        email = r() < 0.5 ? withEmail.email.toUpperCase() : withEmail.email;
        break;
      }
      case 'name-only':
        c = next('person', (i) => isPerson(i) && C.first[i]!.length > 1 && C.last[i]!.length > 1);
        if (c === -1) break;
        first = C.first[c]!;
        last = C.last[c]!;
        display = `${first} ${last}`;
        email = g.written(g.personEmail(first, last, g.freeDomain()));
        break;
      case 'no-email':
        c = 0;
        fresh();
        email = '';
        break;
      case 'invalid-email':
        c = 0;
        fresh();
        email = pick(r, [`${asciiName(first)} at example.org`, `${asciiName(first)}@`, `${asciiName(last)}@localhost`, `${asciiName(first)}@@mail.com`]);
        break;
      case 'new':
        break;
    }
    if (c === -1) {
      kind = 'new';
      fresh();
    }
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    const login = `${asciiName(first) || 'user'}${asciiName(last).slice(0, 1)}${uid}`;
    const nameless = first === '' && last === '';
    users.push({ id: uid, login, email, display: display || login, first: nameless ? '' : first, last: nameless ? '' : last });
  }

  // ---- write ----
  const files = filesIn(dir);
  const cf = new CsvFile(files.contacts, ['Contact ID', 'Contact Type', 'Display Name', 'First Name', 'Middle Name', 'Last Name', 'Email', 'Home-Email', 'Work-Email', 'Contact is in Trash']);
  const ef = new CsvFile(files.emails, ['contact_id', 'email', 'is_primary']);
  for (let i = 0; i < C.n; i++) {
    const id = String(C.id[i]);
    cf.row([id, TYPE_LABEL[C.type[i]!]!, C.display[i]!, C.first[i]!, C.middle[i]!, C.last[i]!, C.email[i]!, C.home[i]!, C.work[i]!, C.trashed[i] ? '1' : '0']);
    const extra = C.extra.get(i);
    if (extra) for (const [e, p] of extra) ef.row([id, e, p]);
  }
  const uf = new CsvFile(files.users, ['ID', 'user_login', 'user_email', 'display_name', 'first_name', 'last_name', 'user_registered', 'roles']);
  const start = Date.UTC(2012, 0, 1) / 1000;
  const span = Date.UTC(2025, 0, 1) / 1000 - start;
  const rr = mulberry32(size.seed ^ 0x5eed);
  users.forEach((u, n) => {
    const t = start + Math.floor(((n + rr()) / users.length) * span);
    const registered = new Date(t * 1000).toISOString().slice(0, 19).replace('T', ' ');
    const x = rr();
    const roles = x < 0.92 ? 'subscriber' : x < 0.96 ? 'contributor' : x < 0.98 ? 'subscriber,give_donor' : x < 0.998 ? 'editor' : 'administrator';
    uf.row([String(u.id), u.login, u.email, u.display, u.first, u.last, registered, roles]);
  });
  const lf = new CsvFile(files.links, ['id', 'domain_id', 'uf_id', 'uf_name', 'contact_id', 'language']);
  let linkId = 0;
  // civicrm_uf_match holds one link per contact and per uf_name in a domain (its unique keys):
  // a link that would repeat one is not in a real export, so it is not written (v4)
  const held = [new Set<number>(), new Set<number>()];
  const names = [new Set<string>(), new Set<string>()];
  const fits = (domain: 1 | 2, contact: number, ufName: string): boolean => {
    const name = ufName.replace(/ +$/, '').toLowerCase();
    if (held[domain - 1]!.has(contact) || (name !== '' && names[domain - 1]!.has(name))) return false;
    held[domain - 1]!.add(contact);
    if (name !== '') names[domain - 1]!.add(name);
    return true;
  };
  for (const [ufId, c, ufName] of links) {
    if (fits(1, C.id[c]!, ufName)) lf.row([String(++linkId), '1', String(ufId), ufName, String(C.id[c]), 'en_US']);
    if (rr() < 0.01) {
      const other = C.id[int(rr, C.n)]!;
      if (fits(2, other, ufName)) lf.row([String(++linkId), '2', String(ufId), ufName, String(other), 'en_US']);
    }
  }
  // links of users deleted from the CMS since (orphans)
  for (let k = 0; k < Math.max(1, Math.floor(links.length / 500)); k++) {
    const other = C.id[int(rr, C.n)]!;
    if (fits(1, other, `gone${k}@example.org`)) lf.row([String(++linkId), '1', String(uid + 1 + k), `gone${k}@example.org`, String(other), 'en_US']);
  }
  const bytes = { users: uf.close(), contacts: cf.close(), links: lf.close(), emails: ef.close() };
  return {
    generator: GENERATOR_VERSION,
    size,
    rows: { users: uf.rows, contacts: cf.rows, links: lf.rows, emails: ef.rows },
    bytes,
    kinds,
  };
}
