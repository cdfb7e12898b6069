/**
 * Email keys, validity and mailbox aliases.
 */

/**
 * lowercase(trim(email)), the key CiviCRM matches on (SPEC §3 item 2) — as its database compares
 * it: civicrm_email.email and civicrm_uf_match.uf_name are utf8mb4_unicode_ci, blind to accents
 * as well as case, so `josé@x.org` finds the contact with `jose@x.org`, and the two are one
 * uf_name (a second link with it fails). Only a key with a character past ASCII is folded
 * further (collationFold); whether an address is valid is asked of it unfolded (isValidEmail).
 */
export function emailKey(email: string): string {
  // fast path: printable ASCII without capitals or spaces is its own key (no new string)
  for (let i = 0; i < email.length; i++) {
    const c = email.charCodeAt(i);
    if (c <= 32 || c >= 127 || (c >= 65 && c <= 90)) return collationFold(email.trim().toLowerCase());
  }
  return email;
}

/** Whether a text is all ASCII (an address whose key collationFold leaves as it is). */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}

/** Letters utf8mb4_unicode_ci expands (UCA 4.0.0, checked on MariaDB): each compares as the pair. æ does not (it is a letter of its own there). */
const EXPANSIONS: Readonly<Record<string, string>> = { ß: 'ss', œ: 'oe' };

/**
 * A lowercased key as utf8mb4_unicode_ci compares it: compatibility forms (full-width letters,
 * ligatures) as their plain letters (NFKD), the accents of Latin letters dropped, ß and œ as two
 * letters. Letters the collation keeps apart stay: ø, ł, đ, æ, and the letters of other scripts
 * written with a mark (Cyrillic й is not и there). ASCII is returned as it is.
 */
export function collationFold(key: string): string {
  if (isAscii(key)) return key;
  return key
    .normalize('NFKD')
    .replace(/([a-z])\p{M}+/giu, '$1')
    .replace(/[ßœ]/g, (c) => EXPANSIONS[c]!)
    .toLowerCase()
    .normalize('NFC');
}

/** Whether the address itself (trimmed, lowercased, not folded: `zoë@x.org` is not) is syntactically valid. */
export function isValidEmail(email: string): boolean {
  return isValidEmailKey(email.trim().toLowerCase());
}

// A practical address check in the spirit of CiviCRM's CRM_Utils_Rule::email (PHP FILTER_VALIDATE_EMAIL):
// one @, a non-empty local part of allowed characters without leading/trailing/double dots,
// and a domain of dot-separated labels with a top-level label of at least two letters.
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;
const DOMAIN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Whether a key (already trimmed and lowercased) is a syntactically valid address. */
export function isValidEmailKey(key: string): boolean {
  if (key.length > 254) return false;
  const at = key.lastIndexOf('@');
  if (at <= 0 || at === key.length - 1 || key.indexOf('@') !== at) return false;
  const local = key.slice(0, at);
  const domain = key.slice(at + 1);
  return local.length <= 64 && LOCAL.test(local) && DOMAIN.test(domain);
}

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * The mailbox an address delivers to: `+tag` dropped, and for Gmail dots in the local part
 * dropped and googlemail.com folded to gmail.com. Returns the key itself when nothing applies.
 */
export function mailboxOf(key: string): string {
  const at = key.lastIndexOf('@');
  if (at <= 0) return key;
  // fast path (most addresses): no '+' in the local part and not a Gmail domain
  const plusAt = key.indexOf('+');
  if ((plusAt <= 0 || plusAt > at) && !isGmailDomainAt(key, at)) return key;
  let local = key.slice(0, at);
  let domain = key.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    domain = 'gmail.com';
    if (local.includes('.')) local = local.replace(/\./g, '');
  }
  return `${local}@${domain}`;
}

/** Whether the text after `at` is gmail.com or googlemail.com (as GMAIL_DOMAINS), without slicing. */
function isGmailDomainAt(key: string, at: number): boolean {
  const n = key.length - at - 1;
  return (n === 9 && key.endsWith('gmail.com')) || (n === 14 && key.endsWith('googlemail.com'));
}

export type AliasRuleName = 'plus-tag' | 'gmail-dots' | 'googlemail';

/** Which alias rules tell two different keys of one mailbox apart. */
export function aliasRules(a: string, b: string): AliasRuleName[] {
  const rules: AliasRuleName[] = [];
  const [la, da] = splitKey(a);
  const [lb, db] = splitKey(b);
  if (la.includes('+') || lb.includes('+')) {
    const pa = la.indexOf('+');
    const pb = lb.indexOf('+');
    if ((pa > 0 ? la.slice(0, pa) : la) !== la || (pb > 0 ? lb.slice(0, pb) : lb) !== lb) rules.push('plus-tag');
  }
  if (GMAIL_DOMAINS.has(da) && GMAIL_DOMAINS.has(db)) {
    if (da !== db) rules.push('googlemail');
    if (la.includes('.') || lb.includes('.')) {
      const strip = (s: string) => {
        const p = s.indexOf('+');
        return (p > 0 ? s.slice(0, p) : s).replace(/\./g, '');
      };
      if (strip(la) === strip(lb) && la.replace(/\+.*$/, '') !== lb.replace(/\+.*$/, '')) rules.push('gmail-dots');
    }
  }
  return rules;
}

export function splitKey(key: string): [local: string, domain: string] {
  const at = key.lastIndexOf('@');
  return at < 0 ? [key, ''] : [key.slice(0, at), key.slice(at + 1)];
}
