/**
 * The fuzzy rules themselves, as plain predicates on two records. The indexed look-ups
 * (fuzzy.ts) and the exhaustive reference (test/helpers/exhaustive.ts) both decide with these, so the
 * blocking can only change which pairs get compared, never what counts as a match.
 */
import { boundedLevenshtein, boundedLevenshteinRange } from './editDistance.js';
import { mailboxOf, splitKey } from './email.js';

export const EMAIL_PART_MIN = 4;
export const NAME_PART_MIN = 2;
export const NAME_TYPO_MIN = 4;

export interface TypoMatch {
  readonly part: 'local' | 'domain';
  readonly distance: number;
}

/**
 * email-typo: the two keys differ by 1–2 edits in exactly one part (local or domain), the other
 * part identical, both parts at least 4 characters, and they are not one mailbox (that is an alias).
 */
export function emailTypo(userKey: string, contactKey: string): TypoMatch | null {
  if (userKey === contactKey) return null;
  const [ul, ud] = splitKey(userKey);
  const [cl, cd] = splitKey(contactKey);
  if (ud === '' || cd === '') return null;
  let part: 'local' | 'domain';
  let a: string;
  let b: string;
  if (ud === cd) {
    part = 'local';
    a = ul;
    b = cl;
  } else if (ul === cl) {
    part = 'domain';
    a = ud;
    b = cd;
  } else return null;
  if (a.length < EMAIL_PART_MIN || b.length < EMAIL_PART_MIN) return null;
  const d = boundedLevenshtein(a, b, 2);
  if (d < 1 || d > 2) return null;
  if (mailboxOf(userKey) === mailboxOf(contactKey)) return null;
  return { part, distance: d };
}

/** One user's key, read once for typoOf against many contacts' keys. */
export interface TypoQuery {
  readonly key: string;
  /** Where the domain's `@` is (lastIndexOf), -1 without one. */
  readonly at: number;
  readonly mailbox: string;
}

export function typoQuery(userKey: string): TypoQuery {
  return { key: userKey, at: userKey.lastIndexOf('@'), mailbox: mailboxOf(userKey) };
}

const TYPO_MATCHES: Readonly<Record<'local' | 'domain', readonly [TypoMatch, TypoMatch]>> = {
  local: [Object.freeze({ part: 'local', distance: 1 }), Object.freeze({ part: 'local', distance: 2 })],
  domain: [Object.freeze({ part: 'domain', distance: 1 }), Object.freeze({ part: 'domain', distance: 2 })],
};

function sameRange(a: string, aFrom: number, b: string, bFrom: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (a.charCodeAt(aFrom + i) !== b.charCodeAt(bFrom + i)) return false;
  return true;
}

/**
 * emailTypo(q.key, key), the same answer (a property test holds them equal), without a string
 * made per key: the look-ups ask it of every address near the user's, hundreds for numbered
 * mailboxes (s1234567@…). The match returned is a shared frozen object.
 */
export function typoOf(q: TypoQuery, key: string): TypoMatch | null {
  const uKey = q.key;
  const uAt = q.at;
  const kAt = key.lastIndexOf('@');
  const uEnd = uKey.length;
  const kEnd = key.length;
  // splitKey's empty domain: no '@', or nothing after the last (the key's, if so, fails both
  // branches below: its domain is shorter than the user's, and shorter than EMAIL_PART_MIN)
  if (uAt < 0 || kAt < 0 || uAt === uEnd - 1) return null;
  const uDomain = uEnd - uAt - 1;
  const kDomain = kEnd - kAt - 1;
  let d: number;
  let part: 'local' | 'domain';
  if (uDomain === kDomain && sameRange(uKey, uAt + 1, key, kAt + 1, uDomain)) {
    if (uAt < EMAIL_PART_MIN || kAt < EMAIL_PART_MIN) return null;
    d = boundedLevenshteinRange(uKey, 0, uAt, key, 0, kAt, 2);
    part = 'local';
  } else if (uAt === kAt && sameRange(uKey, 0, key, 0, uAt)) {
    if (uDomain < EMAIL_PART_MIN || kDomain < EMAIL_PART_MIN) return null;
    d = boundedLevenshteinRange(uKey, uAt + 1, uEnd, key, kAt + 1, kEnd, 2);
    part = 'domain';
  } else return null;
  if (d < 1 || d > 2) return null;
  if (q.mailbox === mailboxOf(key)) return null;
  return TYPO_MATCHES[part][d - 1]!;
}

/** alias-email: different keys, one mailbox. */
export function emailAlias(userKey: string, contactKey: string): boolean {
  return userKey !== contactKey && mailboxOf(userKey) === mailboxOf(contactKey);
}

export type NameRelation = 'same' | 'swapped' | 'typo';

/**
 * name-match: folded first and last names equal, or swapped ("Last, First" entered the
 * wrong way round), or equal but for one edit in a first or last name of 4+ letters.
 * Every part must have at least 2 letters (initials are too weak to call a duplicate).
 */
export function nameRelation(uf: string, ul: string, cf: string, cl: string): NameRelation | null {
  if (uf.length < NAME_PART_MIN || ul.length < NAME_PART_MIN || cf.length < NAME_PART_MIN || cl.length < NAME_PART_MIN) {
    return null;
  }
  if (uf === cf && ul === cl) return 'same';
  if (uf === cl && ul === cf) return 'swapped';
  if (uf === cf && ul.length >= NAME_TYPO_MIN && cl.length >= NAME_TYPO_MIN && boundedLevenshtein(ul, cl, 1) === 1) {
    return 'typo';
  }
  if (ul === cl && uf.length >= NAME_TYPO_MIN && cf.length >= NAME_TYPO_MIN && boundedLevenshtein(uf, cf, 1) === 1) {
    return 'typo';
  }
  return null;
}

/**
 * Whether two full names belong to different people as far as names can tell: both known
 * (every part 2+ letters), the first names neither equal nor one edit apart, and not the same
 * two names swapped. "Léa Mitchell" and "Sigríður Díaz" differ, and so do "Kevin Wagner" and
 * "Sarah Wagner" (a family's addresses: s.wagner@ is one edit from k.wagner@); "Anna Smith"
 * and "Anna Jones" (a married name?) do not, nor do two names either of which is unknown. What
 * it weakens is an email-typo: a look-alike address of someone else is more likely theirs.
 */
export function namesDiffer(uf: string, ul: string, cf: string, cl: string): boolean {
  if (uf.length < NAME_PART_MIN || ul.length < NAME_PART_MIN || cf.length < NAME_PART_MIN || cl.length < NAME_PART_MIN) {
    return false;
  }
  if (uf === cf || (uf === cl && ul === cf)) return false;
  return !oneEditName(uf, cf);
}

function oneEditName(a: string, b: string): boolean {
  return a.length >= NAME_TYPO_MIN && b.length >= NAME_TYPO_MIN && boundedLevenshtein(a, b, 1) === 1;
}
