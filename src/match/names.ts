/**
 * Person names folded for comparison: accents, case, punctuation and "Last, First" order.
 */

const SPECIAL: Record<string, string> = {
  ł: 'l', đ: 'd', ð: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ı: 'i', ħ: 'h',
};

/**
 * Whether an ASCII-only string folds to its plain lowercase: letters and digits, with single
 * spaces between words and none at the ends (most names). Anything else takes the full path.
 */
function foldsToLowerCase(s: string): boolean {
  const n = s.length;
  let prevSpace = true; // no leading space
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) prevSpace = false;
    else if (c === 32 && !prevSpace) prevSpace = true;
    else return false;
  }
  return !prevSpace; // no trailing space
}

/**
 * Folded names by original, for the slow path only (accents, punctuation): names repeat a lot
 * (a million contacts have a few tens of thousands of distinct surnames), and NFD plus four
 * regular expressions cost far more than a look-up. Bounded, and only short names are kept:
 * a longer string may be a view into a whole chunk of an input file, which it would keep alive.
 */
const FOLDED = new Map<string, string>();
const FOLDED_MAX = 50_000;

/** Lowercase, accents removed, anything but letters and digits turned to single spaces. */
export function foldName(s: string): string {
  if (s === '') return '';
  if (foldsToLowerCase(s)) return s.toLowerCase();
  const cached = FOLDED.get(s);
  if (cached !== undefined) return cached;
  const out = foldSlow(s);
  if (s.length <= 12 && FOLDED.size < FOLDED_MAX) FOLDED.set(s, out);
  return out;
}

function foldSlow(s: string): string {
  let out = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  if (/[^\x00-\x7f]/.test(out)) out = out.replace(/[łđðøßæœþıħ]/g, (c) => SPECIAL[c] ?? c);
  // apostrophes and hyphens join (O'Brien = OBrien, Smith-Jones = SmithJones)
  out = out.replace(/['’`-]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return out;
}

/** A folded first/last pair; both '' when the record has no usable full name. */
export interface NameKey {
  readonly first: string;
  readonly last: string;
}

export const NO_NAME: NameKey = { first: '', last: '' };

/**
 * The folded first word of a first name: up to a space or a hyphen, so that "Anne-Marie",
 * "Anne Marie" and "Anne" (a second name typed into the first-name field, or not) all give
 * "anne". (foldName itself joins hyphenated parts, as surnames want: Smith-Jones = SmithJones.)
 */
function firstWord(raw: string): string {
  const f = foldName(raw.indexOf('-') === -1 ? raw : raw.replace(/-/g, ' '));
  const space = f.indexOf(' ');
  return space === -1 ? f : f.slice(0, space);
}

/**
 * The folded first and last name of a record: the first/last columns when both are set,
 * else parsed from the display name ("Last, First Middle" or "First … Last"); the first name
 * is its first word (firstWord).
 */
export function nameKey(first: string, last: string, display: string): NameKey {
  const f = foldName(first);
  const l = foldName(last);
  if (f && l) return { first: firstWord(first), last: l };
  if (!display) return NO_NAME;
  const comma = display.indexOf(',');
  if (comma > 0) {
    const dl = foldName(display.slice(0, comma));
    const df = firstWord(display.slice(comma + 1));
    return dl && df ? { first: df, last: dl } : NO_NAME;
  }
  const words = foldName(display).split(' ').filter(Boolean);
  if (words.length < 2) return NO_NAME;
  return { first: firstWord(display), last: words[words.length - 1]! };
}

export function hasName(k: NameKey): boolean {
  return k.first !== '' && k.last !== '';
}

export function sameName(a: NameKey, b: NameKey): boolean {
  return hasName(a) && a.first === b.first && a.last === b.last;
}
