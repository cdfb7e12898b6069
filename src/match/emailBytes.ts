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
 * when the cell has a non-ASCII byte, or a second `@` (the caller decodes it and calls emailKey,
 * and a loader checks it for several addresses). `out` must hold `to - from` bytes from `at`.
 */
export function emailKeyInto(b: Uint8Array, from: number, to: number, out: Uint8Array, at = 0): number {
  let ats = 0;
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c >= 128 || (c === 64 && ++ats > 1)) return -1;
  }
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
 * mailboxOf for an ASCII key k[0, n), in bytes: writes the mailbox into out[0, …) and returns
 * its length, or returns -1 when the mailbox is the key itself (mailboxOf's fast path, or a
 * fold that changed nothing). `out` must hold n bytes (a mailbox is never longer than its key).
 */
export function mailboxInto(k: Uint8Array, n: number, out: Uint8Array): number {
  let at = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (k[i] === 64) {
      at = i;
      break;
    }
  }
  if (at <= 0) return -1;
  // the first '+' of the key: only one in the local part, after its first character, is a tag
  let plus = -1;
  for (let i = 0; i < at; i++) {
    if (k[i] === 43) {
      plus = i;
      break;
    }
  }
  const gmail = isGmailAt(k, n, at);
  if (plus <= 0 && !gmail) return -1;
  const localEnd = plus > 0 ? plus : at;
  let m = 0;
  for (let i = 0; i < localEnd; i++) {
    const c = k[i]!;
    if (gmail && c === 46) continue; // '.'
    out[m++] = c;
  }
  out[m++] = 64;
  if (gmail) for (let i = 0; i < GMAIL.length; i++) out[m++] = GMAIL[i]!;
  else for (let i = at + 1; i < n; i++) out[m++] = k[i]!;
  if (m === n) {
    let i = 0;
    while (i < n && out[i] === k[i]) i++;
    if (i === n) return -1;
  }
  return m;
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
