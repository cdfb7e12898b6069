/**
 * Person names folded for comparison: accents, case, punctuation and "Last, First" order.
 */

const SPECIAL: Record<string, string> = {
  ł: 'l', đ: 'd', ð: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ı: 'i', ħ: 'h',
};

/** Lowercase, accents removed, anything but letters and digits turned to single spaces. */
export function foldName(s: string): string {
  if (s === '') return '';
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
 * The folded first and last name of a record: the first/last columns when both are set,
 * else parsed from the display name ("Last, First Middle" or "First … Last").
 */
export function nameKey(first: string, last: string, display: string): NameKey {
  const f = foldName(first);
  const l = foldName(last);
  if (f && l) return { first: f.split(' ')[0]!, last: l };
  if (!display) return NO_NAME;
  const comma = display.indexOf(',');
  if (comma > 0) {
    const dl = foldName(display.slice(0, comma));
    const df = foldName(display.slice(comma + 1)).split(' ')[0] ?? '';
    return dl && df ? { first: df, last: dl } : NO_NAME;
  }
  const words = foldName(display).split(' ').filter(Boolean);
  if (words.length < 2) return NO_NAME;
  return { first: words[0]!, last: words[words.length - 1]! };
}

export function hasName(k: NameKey): boolean {
  return k.first !== '' && k.last !== '';
}

export function sameName(a: NameKey, b: NameKey): boolean {
  return hasName(a) && a.first === b.first && a.last === b.last;
}
