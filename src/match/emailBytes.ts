/**
 * Email keys over UTF-8 bytes, for the contacts loaded as bytes (load/contactBytes.ts) and the
 * indexes fed from the contact table: the same keys as email.ts's emailKey and mailboxOf,
 * without a string per address. Only ASCII is handled here; a cell with any other byte is
 * left to emailKey on the decoded string (toLowerCase and trim know Unicode).
 */

/** ASCII whitespace as String.prototype.trim sees it: tab, LF, VT, FF, CR and space. */
function isTrimmed(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * Writes emailKey(cell) for the cell b[from, to) into out[at, …) and returns its length; -1
 * when the cell has a non-ASCII byte (the caller decodes it and calls emailKey). `out` must
 * hold `to - from` bytes from `at`.
 */
export function emailKeyInto(b: Uint8Array, from: number, to: number, out: Uint8Array, at = 0): number {
  for (let i = from; i < to; i++) if (b[i]! >= 128) return -1;
  while (from < to && isTrimmed(b[from]!)) from++;
  while (to > from && isTrimmed(b[to - 1]!)) to--;
  let n = at;
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    out[n++] = c >= 65 && c <= 90 ? c + 32 : c;
  }
  return n - at;
}

/**
 * Whether mailboxOf may give something else than the key k[0, n) itself: a `+` in the local
 * part after its first character, or a Gmail domain. False means surely not (mailboxOf's fast
 * path); true means ask mailboxOf.
 */
export function mayHaveOtherMailbox(k: Uint8Array, n: number): boolean {
  let at = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (k[i] === 64) {
      at = i;
      break;
    }
  }
  if (at <= 0) return false;
  for (let i = 1; i < at; i++) if (k[i] === 43) return true;
  return isGmailAt(k, n, at);
}

const GMAIL = Buffer.from('gmail.com', 'latin1');
const GOOGLEMAIL = Buffer.from('googlemail.com', 'latin1');

/** Whether k[at + 1, n) is gmail.com or googlemail.com. */
function isGmailAt(k: Uint8Array, n: number, at: number): boolean {
  const len = n - at - 1;
  const domain = len === 9 ? GMAIL : len === 14 ? GOOGLEMAIL : null;
  if (domain === null) return false;
  for (let i = 0; i < len; i++) if (k[at + 1 + i] !== domain[i]) return false;
  return true;
}
