/**
 * Loads the CMS users file (SPEC §2.1).
 *
 * Decisions where the spec is silent:
 * - Platform detection: WordPress = `ID`+`user_email`, Drupal = `uid`+`mail`, Joomla =
 *   `id`+`email`+`username`. A header that fits two platforms is an InputError asking for
 *   `--platform`. With `--platform`, only that platform's id and email columns are required
 *   (Joomla's `username` is then optional).
 * - Drupal's uid 0 is the anonymous pseudo-account present in raw `{users}` dumps: skipped.
 *   Any other id that is not a positive whole number is an InputError; so is a uf_id twice.
 * - Names: WordPress first_name/last_name when the columns exist and the row has either, else
 *   display_name split by splitDisplayName; Joomla `name` by splitJoomlaName (a Joomla-like
 *   export without `name` is read as WordPress's names are: first/last, else display_name); Drupal none.
 *   Names are trimmed; the email is kept exactly as exported.
 * - blocked: `block` (Joomla) yes/1 = blocked; `user_status` (WordPress) any value but 0/empty
 *   = blocked (spam/deleted); `status` (Drupal) 0/blocked/inactive/disabled/no/false =
 *   blocked. The platform's own column is preferred when several exist.
 * - Dates go through normalizeDate (Drupal timestamps → 'YYYY-MM-DD HH:MM:SS' UTC).
 * - A header-only file is an InputError (no users to check).
 */
import type { LoadedUsers, Platform, User } from '../domain/types.js';
import { streamCsv, type CsvProgress } from './csvStream.js';
import { InputError, UsageError } from './errors.js';
import { badId, emailKey, findDuplicateId, isYes, normalizeDate, own, parseId, sqlNull } from './fields.js';
import { CONTACT_MARKERS, Header } from './headers.js';
import { refuseOwnOutput } from './ownOutputs.js';
import { splitDisplayName, splitJoomlaName } from './names.js';

export { splitJoomlaName, splitDisplayName, type NameParts } from './names.js';

export interface LoadUsersOptions {
  encoding?: string;
  /** `--platform`: overrides detection; its id and email columns must exist. */
  platform?: Platform;
  onProgress?: (progress: CsvProgress) => void;
  /** Read size in bytes (tests). */
  highWaterMark?: number;
}

interface PlatformColumns {
  readonly label: string;
  readonly id: string;
  readonly email: string;
  /** Further columns that identify the platform's export (detection only). */
  readonly marker: readonly string[];
  readonly username: readonly string[];
}

const PLATFORM_COLUMNS: Readonly<Record<Platform, PlatformColumns>> = {
  wordpress: { label: 'WordPress', id: 'ID', email: 'user_email', marker: [], username: ['user_login'] },
  drupal: { label: 'Drupal', id: 'uid', email: 'mail', marker: [], username: ['name', 'User name'] },
  joomla: { label: 'Joomla', id: 'id', email: 'email', marker: ['username'], username: ['username'] },
};
const DETECTION_ORDER: readonly Platform[] = ['wordpress', 'drupal', 'joomla'];

/**
 * Other names of a platform's own columns: `drush user:information --format=csv` heads
 * Drupal's uid, mail and name with their field labels ("User ID", "User mail", "User name").
 */
const ALSO_NAMED: Readonly<Record<string, readonly string[]>> = { uid: ['User ID'], mail: ['User mail'] };
const namesOf = (column: string): string[] => [column, ...(ALSO_NAMED[column] ?? [])];

type BlockedKind = 'block' | 'user_status' | 'status';
const BLOCKED_PREFERENCE: Readonly<Record<Platform, readonly BlockedKind[]>> = {
  wordpress: ['user_status', 'block', 'status'],
  drupal: ['status', 'block', 'user_status'],
  joomla: ['block', 'status', 'user_status'],
};
const DRUPAL_BLOCKED = /^\s*(0|blocked|inactive|disabled|no|false)\s*$/i;

/** Platform whose identifying columns the header has. */
export function detectPlatform(header: Header): Platform {
  const fits = DETECTION_ORDER.filter((p) => requiredOf(p, true).every((c) => header.has(namesOf(c))));
  if (fits.length === 1) return fits[0] as Platform;
  if (fits.length > 1) {
    throw new InputError(
      header.file,
      header.line,
      `the header fits both ${fits.map((p) => PLATFORM_COLUMNS[p].label).join(' and ')} user exports`,
      `say which it is with --platform ${fits.join('|')}`,
    );
  }
  refuseOtherExports(header);
  // Report the platform the header comes closest to, and its first missing column.
  let best: Platform = 'wordpress';
  let bestFound = -1;
  for (const p of DETECTION_ORDER) {
    const found = requiredOf(p, true).filter((c) => header.has(namesOf(c))).length;
    if (found > bestFound) {
      best = p;
      bestFound = found;
    }
  }
  const missing = requiredOf(best, true).find((c) => !header.has(namesOf(c))) as string;
  throw header.missing([missing], 'a users export (WordPress: ID, user_email; Drupal: uid, mail; Joomla: id, email, username)');
}

/** Another export given as the users file: a contacts, uf_match or civicrm_email export says which option it belongs to. */
function refuseOtherExports(header: Header): void {
  refuseOwnOutput(header, '--users');
  // ("Contact ID" and contact_id are one name once spaces and _ are ignored: the email rows'
  // own columns tell a civicrm_email export from a contacts export)
  // (not Display Name: WordPress's display_name is the same name)
  const contactOwn = [...CONTACT_MARKERS, 'email_primary.email'];
  const other = header.has(['uf_id', 'CMS ID']) && header.has(['contact_id']) ? ['a civicrm_uf_match export (uf_id, contact_id)', '--links']
    : header.has(['contact_id']) && header.has(['email']) && header.has(['is_primary', 'location_type_id']) && !header.has(contactOwn) ? ['a civicrm_email export (contact_id, email)', '--emails']
    : header.has(['Contact ID', ...contactOwn]) ? ['a CiviCRM contacts export', '--contacts']
    : null;
  if (other) throw new InputError(header.file, header.line, `this looks like ${other[0]}, not a users export`, `give it with ${other[1]}, and the users export (WordPress, Drupal or Joomla) with --users`);
}

function requiredOf(p: Platform, detecting: boolean): string[] {
  const c = PLATFORM_COLUMNS[p];
  return detecting ? [c.id, c.email, ...c.marker] : [c.id, c.email];
}

interface UserPlan {
  readonly platform: Platform;
  readonly id: number;
  readonly idName: string;
  readonly email: number;
  readonly username: number;
  readonly first: number;
  readonly last: number;
  readonly display: number;
  /** The display column is Joomla's `name` ("Last, First Middle"), split as CiviCRM splits it. */
  readonly joomlaName: boolean;
  readonly blocked: number;
  readonly blockedKind: BlockedKind;
  readonly registered: number;
  readonly lastLogin: number;
  readonly roles: number;
  /** Drupal 8+'s users_field_data: with user translation on, a row per language; 0 marks a translation. */
  readonly defaultLangcode: number;
  /**
   * Name columns beyond what the CMS passes CiviCRM (SPEC §5.3: "filled from richer columns when
   * the export has them"), for Drupal, which passes none, and Joomla, whose `name` is split:
   * a profile's first and last name exported beside the account. -1 when absent.
   */
  readonly richFirst: number;
  readonly richMiddle: number;
  readonly richLast: number;
}

const RICH_FIRST = ['first_name', 'field_first_name', 'field_first_name_value', 'given_name', 'field_given_name'];
const RICH_MIDDLE = ['middle_name', 'field_middle_name', 'field_middle_name_value'];
const RICH_LAST = ['last_name', 'field_last_name', 'field_last_name_value', 'family_name', 'field_family_name', 'surname'];

function planUsers(header: Header, forced: Platform | undefined): UserPlan {
  const platform = forced ?? detectPlatform(header);
  const cols = PLATFORM_COLUMNS[platform];
  const context = `${cols.label} users`;
  if (forced && !requiredOf(forced, false).every((c) => header.has(namesOf(c)))) {
    refuseOtherExports(header);
    // --platform names another export than the file fits: say which it fits, and (when a column
    // comes close to the one missing: "Email" for user_email) how to read it as the one named
    const is = DETECTION_ORDER.filter((p) => p !== forced && requiredOf(p, true).every((c) => header.has(namesOf(c))));
    if (is.length === 1) {
      const other = PLATFORM_COLUMNS[is[0]!];
      const missing = header.missing([requiredOf(forced, false).find((c) => !header.has(namesOf(c)))!], context);
      // only when the named platform's id column is there: then the email column may just have been named otherwise
      const plausible = header.has(namesOf(cols.id)) && missing.remedy.startsWith('nearest match:') && missing.remedy.includes('— rename it');
      const rename = plausible ? `${missing.remedy} and it is a ${cols.label} export; if it is a ${other.label} one, ` : '';
      throw new InputError(
        header.file,
        header.line,
        `--platform ${forced}, but this is a ${other.label} users export (${requiredOf(is[0]!, true).join(', ')})`,
        `${rename}drop --platform, or give it as --platform ${is[0]}`,
      );
    }
  }
  const id = header.require(namesOf(cols.id), context);
  const email = header.require(namesOf(cols.email), context);
  let blocked = -1;
  let blockedKind: BlockedKind = 'status';
  for (const kind of BLOCKED_PREFERENCE[platform]) {
    const i = header.find([kind]);
    if (i !== -1) {
      blocked = i;
      blockedKind = kind;
      break;
    }
  }
  const wp = platform === 'wordpress';
  const joomlaName = platform === 'joomla' ? header.find(['name']) : -1;
  // a Joomla-like export without `name` (an export plugin's ID, Username, Email, First Name, …):
  // its first/last and display name columns, read as WordPress's are
  const names = wp || (platform === 'joomla' && joomlaName === -1);
  const display = platform === 'drupal' ? -1 : names ? header.find(['display_name']) : joomlaName;
  return {
    platform,
    id,
    idName: header.names[id] ?? cols.id,
    email,
    username: header.find(cols.username),
    first: names ? header.find(['first_name']) : -1,
    last: names ? header.find(['last_name']) : -1,
    display,
    joomlaName: joomlaName !== -1,
    blocked,
    blockedKind,
    registered: header.find(['user_registered', 'registerDate', 'created']),
    lastLogin: header.find(['lastvisitDate', 'login', 'last_login']),
    roles: header.find(['roles', 'User roles']),
    defaultLangcode: platform === 'drupal' ? header.find(['default_langcode']) : -1,
    ...richNames(header, !names),
  };
}

/** The richer name columns, looked for where the platform's own names are none or a split (Drupal, Joomla's `name`). */
function richNames(header: Header, wanted: boolean): Pick<UserPlan, 'richFirst' | 'richMiddle' | 'richLast'> {
  if (!wanted) return { richFirst: -1, richMiddle: -1, richLast: -1 };
  return { richFirst: header.find(RICH_FIRST), richMiddle: header.find(RICH_MIDDLE), richLast: header.find(RICH_LAST) };
}

function isBlocked(kind: BlockedKind, cell: string): boolean {
  switch (kind) {
    case 'block':
      return isYes(cell) || /^\s*blocked\s*$/i.test(cell);
    case 'user_status': {
      // WordPress's user_status is a number (0: none); drush's "User status" a word (active, blocked)
      const s = cell.trim();
      return s !== '' && s !== '0' && !/^(active|enabled)$/i.test(s);
    }
    case 'status':
      return DRUPAL_BLOCKED.test(cell);
  }
}

/**
 * The same short string object for repeated values of a low-cardinality column (roles: a
 * handful of values over 200,000 users), instead of a copy per row. Bounded.
 */
function interner(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    if (s.length > 40) return s;
    const known = seen.get(s);
    if (known !== undefined) return known;
    if (seen.size < 1000) seen.set(s, s);
    return s;
  };
}

function buildUser(plan: UserPlan, f: string[], ufId: number, line: number, intern: (s: string) => string, owned: boolean): User {
  const cell = (i: number): string => (i < 0 ? '' : owned ? (f[i] as string) : own(f[i] as string));
  // SQL's NULL (a dump's NULL or \N) is no email and no name; a login or a date is read as written
  const value = (i: number): string => sqlNull(cell(i));
  const email = value(plan.email);
  const username = cell(plan.username).trim();
  const displayName = value(plan.display).trim();
  let firstName = '';
  let middleName = '';
  let lastName = '';
  // what CiviCRM's Contact create gets as names (WordPress: the first_name/last_name meta only,
  // never display_name; unknown when the export has neither column, so taken as given)
  let namelessForCivicrm = false;
  if (plan.joomlaName) {
    ({ first: firstName, middle: middleName, last: lastName } = splitJoomlaName(displayName));
    namelessForCivicrm = firstName === '' && lastName === '';
  }
  if (plan.richFirst >= 0 || plan.richLast >= 0) {
    // a profile's names, where the export has them: better than none (Drupal), and than a split
    // of Joomla's `name` by word positions when they give both parts (a first name alone does not)
    const first = value(plan.richFirst).trim();
    const last = value(plan.richLast).trim();
    if (plan.joomlaName ? first !== '' && last !== '' : first !== '' || last !== '') {
      firstName = first;
      middleName = value(plan.richMiddle).trim();
      lastName = last;
    }
  } else if (!plan.joomlaName && plan.platform !== 'drupal') {
    firstName = value(plan.first).trim();
    lastName = value(plan.last).trim();
    if (firstName === '' && lastName === '') {
      namelessForCivicrm = plan.first >= 0 || plan.last >= 0;
      ({ first: firstName, middle: middleName, last: lastName } = splitDisplayName(displayName, username));
    }
  }
  const user: User = {
    ufId,
    email,
    emailKey: emailKey(email),
    username,
    firstName,
    middleName,
    lastName,
    displayName,
    blocked: plan.blocked >= 0 && isBlocked(plan.blockedKind, cell(plan.blocked)),
    registered: plan.registered >= 0 ? normalizeDate(cell(plan.registered)) : '',
    lastLogin: plan.lastLogin >= 0 ? normalizeDate(cell(plan.lastLogin)) : '',
    roles: intern(cell(plan.roles).trim()),
    line,
  };
  // rare (no email and no name): the property only where it holds, so the common shape stays lean
  return namelessForCivicrm && email.trim() === '' ? { ...user, noNameForCivicrm: true } : user;
}

export async function loadUsers(path: string, options: LoadUsersOptions = {}): Promise<LoadedUsers> {
  if (options.platform !== undefined && !Object.hasOwn(PLATFORM_COLUMNS, options.platform)) {
    throw new UsageError(`--platform must be one of ${Object.keys(PLATFORM_COLUMNS).join(', ')}`);
  }
  let plan: UserPlan | null = null;
  const users: User[] = [];
  // the first translation row of each account, for an account exported without its default row
  const translations = new Map<number, User>();
  const intern = interner();
  const result = await streamCsv(path, options, {
    header(fields, line) {
      plan = planUsers(new Header(path, fields, line), options.platform);
    },
    row(fields, line, owned) {
      const p = plan as UserPlan;
      const ufId = parseId(fields[p.id] as string);
      if (ufId <= 0) {
        if (ufId === 0 && p.platform === 'drupal') return; // anonymous pseudo-user
        throw badId(path, line, p.idName, p.id, fields[p.id]);
      }
      // a translation row of the same account (users_field_data with user translation on)
      if (p.defaultLangcode >= 0 && (fields[p.defaultLangcode] as string).trim() === '0') {
        if (!translations.has(ufId)) translations.set(ufId, buildUser(p, fields, ufId, line, intern, owned));
        return;
      }
      users.push(buildUser(p, fields, ufId, line, intern, owned));
    },
  });
  const finalPlan = plan as UserPlan | null;
  if (finalPlan === null) throw new InputError(path, 1, 'no header row', 'export the users again');
  if (result.rows === 0) {
    throw new InputError(path, result.headerLine + 1, 'no users: the file has a header but no data rows', 'export the users again, with their rows');
  }
  if (translations.size > 0) {
    // Drupal keeps one default row per account; an export filtered by language may lack it.
    // Such an account is read from its first translation row (the email is not translatable),
    // in its place in the file, rather than dropped without a word.
    const seen = new Set(users.map((u) => u.ufId));
    const lone = [...translations.values()].filter((u) => !seen.has(u.ufId));
    if (lone.length > 0) {
      users.push(...lone);
      users.sort((a, b) => a.line - b.line);
    }
  }
  // a raw {users} dump of a site with no accounts yet: every output would have been replaced by an empty one
  if (users.length === 0) {
    throw new InputError(path, result.headerLine + 1, "no users: the file holds only Drupal's anonymous account (uid 0), which is not a user", 'export the users again, with their rows');
  }
  const dup = findDuplicateId(users.map((u) => u.ufId));
  if (dup) {
    const [a, b] = dup.map((i) => users[i] as User) as [User, User];
    throw new InputError(path, b.line, `uf_id in "${finalPlan.idName}" repeats the id of line ${a.line}`, 'each user must appear once; remove the duplicate row or export again');
  }
  return {
    platform: finalPlan.platform,
    users,
    info: { path, rows: result.rows, sha256: result.sha256 },
  };
}
