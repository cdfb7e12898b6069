/**
 * Builds each warning with its score and its one-line explanation, which always ends with
 * what CiviCRM would do on this platform.
 */
import { article } from '../domain/article.js';
import { findsOrphanLater, type CivicrmOutcome } from '../domain/decisions.js';
import type { ContactRef } from '../domain/contactList.js';
import type { Contact, ExistingLink, Platform, User } from '../domain/types.js';
import type { Warning, WarningOf } from '../domain/warnings.js';
import { REPEATS } from '../domain/platform.js';
import { describeCivicrm } from '../match/civicrmWords.js';
import { boundedLevenshtein } from '../match/editDistance.js';
import { aliasRules, emailKey } from '../match/email.js';
import type { NameRelation } from '../match/predicates.js';

/** 1 - edit distance / longer length: a plain similarity of two strings in [0,1]. */
export function similarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  if (n === 0) return 1;
  const d = boundedLevenshtein(a, b, n);
  return Math.round((1 - d / n) * 100) / 100;
}

const who = (u: User) => `user ${u.ufId}`;
const BREAK = /[\r\n\v\f\u0085\u2028\u2029]/;
const BREAKS = /\s*[\r\n\v\f\u0085\u2028\u2029]+\s*/g;
/**
 * A detail is one line (SPEC §4), whatever an export's cell holds: a display name, an address
 * or a uf_name with a line break in it (a quoted CSV value can hold one) reads with a space there.
 */
const line = (s: string): string => (BREAK.test(s) ? s.replace(BREAKS, ' ') : s);
/** The start of deleted-match's and non-individual-match's detail: the contact, alone with the email or among others. */
const onlyMatch = (u: User, c: ContactRef, alone: boolean) =>
  alone ? `the only contact with ${who(u)}'s email, ${contactLabel(c)},` : `no usable contact has ${who(u)}'s email: ${contactLabel(c)}`;
const contactLabel = (c: ContactRef) => `contact ${c.id}${c.displayName ? ` (${c.displayName})` : ''}`;

export class WarningFactory {
  constructor(private readonly platform: Platform) {}

  private civi(o: CivicrmOutcome, hasEmail = true): string {
    return describeCivicrm(o, this.platform, hasEmail);
  }

  emailTypo(u: User, c: ContactRef, contactEmail: string, part: 'local' | 'domain', distance: number, namesDiffer: boolean, score: number, o: CivicrmOutcome): WarningOf<'email-typo'> {
    const what = part === 'domain' ? 'domain' : 'part before the @';
    const likely = namesDiffer ? 'a possible typo, but the names differ' : 'a likely typo';
    return {
      code: 'email-typo', ufId: u.ufId, contactId: c.id, otherUfId: null, score, contactEmail, part, distance, namesDiffer,
      detail: line(`${who(u)}'s email ${u.emailKey} is ${distance} edit${distance > 1 ? 's' : ''} from ${contactLabel(c)}'s ${contactEmail} in the ${what}, ${likely}; ${this.civi(o)}`),
    };
  }

  aliasEmail(u: User, c: ContactRef, contactEmail: string, score: number, o: CivicrmOutcome): WarningOf<'alias-email'> {
    const rules = aliasRules(u.emailKey, contactEmail);
    const how = rules.map((r) => (r === 'plus-tag' ? '+tag' : r === 'gmail-dots' ? 'Gmail dots' : 'googlemail.com = gmail.com')).join(', ');
    return {
      code: 'alias-email', ufId: u.ufId, contactId: c.id, otherUfId: null, score, contactEmail, rules,
      detail: line(`${who(u)}'s email ${u.emailKey} is the same mailbox as ${contactLabel(c)}'s ${contactEmail} (${how || 'alias'}); ${this.civi(o)}`),
    };
  }

  /** @param contactName the contact's personName */
  nameMatch(u: User, c: ContactRef, contactName: string, relation: NameRelation, contactEmail: string, score: number, o: CivicrmOutcome): WarningOf<'name-match'> {
    const how = relation === 'same' ? 'the same name' : relation === 'swapped' ? 'the same name in swapped order' : 'nearly the same name (one letter apart)';
    return {
      code: 'name-match', ufId: u.ufId, contactId: c.id, otherUfId: null, score, contactName, contactEmail,
      detail: line(`${contactLabel(c)} has ${how} as ${who(u)} but a different email (${contactEmail.trim() || 'none'}); ${this.civi(o)}`),
    };
  }

  /**
   * @param contactIds the first of the usable contacts carrying the email, in CiviCRM's order
   * @param contactCount how many there are (the detail lists the ids given and counts the rest)
   */
  sharedEmail(u: User, contactIds: readonly number[], contactCount: number, o: CivicrmOutcome): WarningOf<'shared-email'> {
    const rest = contactCount - contactIds.length;
    return {
      code: 'shared-email', ufId: u.ufId, contactId: contactIds[0] ?? null, otherUfId: null, score: 1, contactIds, contactCount,
      detail: line(`${contactCount} contacts carry ${who(u)}'s email (${contactIds.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}); ${this.civi(o)}`),
    };
  }

  /** @param alone whether this is the only contact carrying the user's email (else others do, none of them usable either) */
  deletedMatch(u: User, c: Contact, o: CivicrmOutcome, alone = true): WarningOf<'deleted-match'> {
    return {
      code: 'deleted-match', ufId: u.ufId, contactId: c.id, otherUfId: null, score: 1, alone,
      detail: line(`${onlyMatch(u, c, alone)} is in the trash; ${this.civi(o)}`),
    };
  }

  /** @param alone as for deletedMatch */
  nonIndividualMatch(u: User, c: Contact, o: CivicrmOutcome, alone = true): WarningOf<'non-individual-match'> {
    return {
      code: 'non-individual-match', ufId: u.ufId, contactId: c.id, otherUfId: null, score: 1, contactType: c.type, alone,
      detail: line(`${onlyMatch(u, c, alone)} is ${article(c.type)}, not an Individual; ${this.civi(o)}`),
    };
  }

  contactTaken(u: User, c: Contact, holder: number, via: 'link' | 'plan' | 'review', o: CivicrmOutcome): WarningOf<'contact-taken'> {
    const held =
      via === 'link'
        ? `is already linked to user ${holder}`
        : via === 'plan'
          ? `is the contact ufmatch links to user ${holder}, earlier in the file`
          : `is also the exact match of user ${holder}, earlier in the file, who waits for review`;
    return {
      code: 'contact-taken', ufId: u.ufId, contactId: c.id, otherUfId: holder, score: 1, via,
      detail: line(`${contactLabel(c)} matches ${who(u)}'s email but ${held}; ${this.civi(o)}`),
    };
  }

  /** @param otherEmail the other user's email where it is one with this user's only as the database compares them */
  duplicateUser(u: User, other: number, via: 'user' | 'link', o: CivicrmOutcome, otherEmail?: string): WarningOf<'duplicate-user-email'> {
    const repeats = findsOrphanLater(o) ? '' : `, ${REPEATS[this.platform]}`;
    const same =
      otherEmail === undefined
        ? `user ${other} has the same email as ${who(u)}`
        : `user ${other}'s email "${otherEmail}" is ${who(u)}'s to CiviCRM's database, which compares addresses without accents or case`;
    // a link's uf_name: the other user keeps their link, and this one meets the taken email
    const what =
      via === 'user'
        ? `${same}: CiviCRM allows one link per email, so one of them gets a new contact and a failed link${repeats}`
        : `user ${other}'s existing link holds ${who(u)}'s email as its uf_name (not user ${other}'s email in this export): CiviCRM allows one link per email, so ${who(u)} gets a new contact and a failed link${repeats}`;
    return {
      code: 'duplicate-user-email', ufId: u.ufId, contactId: null, otherUfId: other, score: 1, via,
      detail: line(`${what}; ${this.civi(o)}`),
    };
  }

  staleLink(u: User, c: Contact, l: ExistingLink, why: WarningOf<'stale-link'>['why'], o: CivicrmOutcome): WarningOf<'stale-link'> {
    const best = c.emails.reduce((m, e) => Math.max(m, similarity(u.emailKey, e.key)), 0);
    const score = why === 'uf-name-differs' ? similarity(u.emailKey, emailKey(l.ufName)) : why === 'contact-deleted' ? 1 : best;
    const what =
      why === 'contact-deleted'
        ? `the linked ${contactLabel(c)} is in the trash`
        : why === 'contact-lacks-email'
          ? `the linked ${contactLabel(c)} does not carry ${who(u)}'s email ${u.emailKey}`
          : ufNameDiffersWords(u, l);
    return { code: 'stale-link', ufId: u.ufId, contactId: c.id, otherUfId: null, score, why, detail: line(`${what}; ${this.civi(o)}`) };
  }

  /** stale-link for a link whose contact is not in the export: its uf_name can still be told to differ from the user's email. */
  staleUfName(u: User, l: ExistingLink, o: CivicrmOutcome): WarningOf<'stale-link'> {
    const score = similarity(u.emailKey, emailKey(l.ufName));
    return { code: 'stale-link', ufId: u.ufId, contactId: l.contactId, otherUfId: null, score, why: 'uf-name-differs', detail: line(`${ufNameDiffersWords(u, l)}; ${this.civi(o)}`) };
  }

  orphanLink(l: ExistingLink, missing: 'contact' | 'user', contactKnown: boolean): WarningOf<'orphan-link'> {
    const detail =
      missing === 'contact'
        ? `the existing link of user ${l.ufId} points at contact ${l.contactId}, which is not in the contacts export; CiviCRM keeps it as it is`
        : `an existing link points from user ${l.ufId}, who is not in the users export, to contact ${l.contactId}${contactKnown ? '' : ' (not in the contacts export either)'}; it holds that contact${l.ufName !== '' || l.emptyUfName === true ? ' and uf_name' : ''} against every other user`;
    return { code: 'orphan-link', ufId: l.ufId, contactId: l.contactId, otherUfId: null, score: 0, missing, detail: line(detail) };
  }

  noEmail(u: User, o: CivicrmOutcome): WarningOf<'no-email'> {
    // WordPress's and Joomla's batches do not leave the user out: the contact they make has no email
    const made = o.kind === 'create' || o.kind === 'create-unlinked' ? ' (with no email; only one user can hold the empty uf_name)' : '';
    return { code: 'no-email', ufId: u.ufId, contactId: null, otherUfId: null, score: 0, detail: line(`${who(u)} has no email; ${this.civi(o, false)}${made}`) };
  }

  invalidEmail(u: User, o: CivicrmOutcome): WarningOf<'invalid-email'> {
    return {
      code: 'invalid-email', ufId: u.ufId, contactId: null, otherUfId: null, score: 0, email: u.email,
      detail: line(`${who(u)}'s email ${JSON.stringify(u.email)} is not a valid address; ${this.civi(o)}`),
    };
  }
}

/** The stale-link words for a uf_name that is not the user's email. */
function ufNameDiffersWords(u: User, l: ExistingLink): string {
  return `the link's uf_name ${l.ufName.trim() || '(empty)'} differs from ${who(u)}'s email ${u.emailKey === '' ? '(the user has none)' : u.emailKey}`;
}

export type { Warning };
