/**
 * The one place that says, for each warning code, what it means for this user and how to fix
 * it. Text and JSON both print what this returns; the `never` check makes a new code a compile
 * error here until it has its words.
 */
import { decisionContact, findsOrphanLater, type CivicrmOutcome } from '../domain/decisions.js';
import { PLATFORM_LABEL, REPEATS } from '../domain/platform.js';
import type { Contact, Platform } from '../domain/types.js';
import type { AliasRule, Warning, WarningCode, WarningOf } from '../domain/warnings.js';
import { isUsable } from '../match/contactIndex.js';
import { describeCivicrm } from '../match/civicrmWords.js';
import { boundedLevenshtein, boundedOsa } from '../match/editDistance.js';
import { emailKey, isValidEmail, splitKey } from '../match/email.js';
import { userName as nameOfUser } from './resolveQuery.js';
import { hasName, nameKey, sameName } from '../match/names.js';
import { cref, holdOf, uref, type ExplainContext } from './context.js';
import type { FixStep } from './model.js';
import {
  EDIT_EMAIL_AT,
  nextSync,
  article,
  contactPage,
  deleteLinkSql,
  linkNow,
  invalidEmailReason,
  plural,
  removeAccount,
  sourceWords,
  updateContactSql,
  updateUfNameSql,
} from './words.js';

export interface WarningWords {
  /** A clause for the headline: "…is not linked: <reason>." */
  readonly reason: string;
  /** What the warning means for this user, in full sentences. */
  readonly explanation: string;
  readonly fix: readonly FixStep[];
}

export function step(code: WarningCode | null, text: string, sql: string | null = null): FixStep {
  return { code, text, sql };
}

function assertNever(x: never): never {
  throw new Error(`unhandled warning: ${JSON.stringify(x)}`);
}

const ALIAS_WORDS: Record<AliasRule, string> = {
  'plus-tag': '+tag sub-addressing',
  'gmail-dots': 'dots do not count in a Gmail address',
  googlemail: 'googlemail.com is gmail.com',
};

/** " (its Home-Email, not its primary one)" for where a contact carries a key. */
function whereOnContact(c: Contact | undefined, key: string): string {
  const e = c?.emails.find((x) => x.key === key);
  if (!e) return '';
  return e.primary ? ' (its primary email)' : ` (${sourceWords(e.source)}, not its primary email)`;
}

export function warningWords(w: Warning, ctx: ExplainContext): WarningWords {
  const u = ctx.row.user;
  const key = u.emailKey;
  const p = ctx.platform;
  const next = nextSync(p, u);
  switch (w.code) {
    case 'email-typo': {
      const c = cref(ctx, w.contactId);
      const where = w.part === 'domain' ? 'domain, after the @' : 'part before the @';
      const [ul, ud] = splitKey(key);
      const [cl, cd] = splitKey(w.contactEmail);
      const kind = typoKind(w.part === 'domain' ? ud : ul, w.part === 'domain' ? cd : cl);
      const named = ctx.row.candidates.some((x) => x.contactId === w.contactId && x.nameAgrees);
      const userName = userNameOf(ctx);
      const judgement = w.namesDiffer
        ? `it could be a typo, but ${c} has another name than the user (${userName}), so it may well be another person's address`
        : named
          ? `most likely a typo, as ${c} also has the user's name`
          : 'most likely a typo';
      return {
        reason: w.namesDiffer
          ? `their email ${key} is close to ${w.contactEmail}, the email of ${c} (another name), so CiviCRM does not find that contact`
          : `their email ${key} is a typo away from ${w.contactEmail}, the email of ${c} (on one side or the other), so CiviCRM does not find that contact`,
        explanation:
          `The user's email ${key} differs from ${w.contactEmail}, the email of ${c}, by ${plural(w.distance, 'edit')} in the ${where}${kind ? ` (${kind})` : ''}: ${judgement}. ` +
          `CiviCRM matches emails exactly, so it does not see ${c}.` +
          heldSentence(ctx, w.contactId),
        fix: ctx.holderOf(w.contactId) !== null ? heldContactSteps(w.code, ctx, w.contactId, `${c} has ${w.contactEmail}, close to the user's ${key}`) : [
          step(w.code, `Ask the user which address is right: ${key} or ${w.contactEmail}.`),
          step(w.code, `If ${w.contactEmail} is right, correct user ${u.ufId}'s email ${EDIT_EMAIL_AT[p]} from ${u.email.trim()} to ${w.contactEmail}; CiviCRM then links ${c} ${next}.`),
          step(w.code, `If ${key} is right, correct the email of ${c} in CiviCRM to ${key} instead; CiviCRM then links that contact ${next}.`),
        ],
      };
    }
    case 'alias-email': {
      const c = cref(ctx, w.contactId);
      const how = w.rules.map((r) => ALIAS_WORDS[r]).join('; ') || 'another spelling of one mailbox';
      const free = ctx.holderOf(w.contactId) === null && ctx.link === null;
      return {
        reason: `their email ${key} is another spelling of ${w.contactEmail} (${how}), the email of ${c}, and CiviCRM compares emails letter by letter`,
        explanation:
          `The user's ${key} and ${w.contactEmail}, the email of ${c}, deliver to the same mailbox (${how}), so they are almost certainly the same person. ` +
          `CiviCRM compares emails exactly and does not see ${c}.` +
          heldSentence(ctx, w.contactId),
        fix: ctx.holderOf(w.contactId) !== null ? heldContactSteps(w.code, ctx, w.contactId, `${c} has ${w.contactEmail}, the same mailbox as the user's ${key}, so user ${u.ufId} is probably a second account of the same person`) : [
          step(w.code, `Add ${u.email.trim()} to ${c} as an extra email in CiviCRM (Edit → Email → add another); CiviCRM then links ${c} ${next}.`),
          ...(free ? [linkNowStep(w.code, ctx, w.contactId, 'Or link them now', `link ${c} in the ufmatch review`)] : []),
        ],
      };
    }
    case 'name-match': {
      const c = cref(ctx, w.contactId);
      const other = w.contactEmail ? `another email, ${w.contactEmail}` : 'no email at all';
      const byEmail = ctx.row.warnings.some(
        (x) => (x.code === 'email-typo' || x.code === 'alias-email') && x.contactId === w.contactId,
      );
      const userName = userNameOf(ctx);
      const explanation =
        `${c} has ${userName ? `the same or nearly the same name as the user (${w.contactName}; the user is ${userName})` : "the user's name"} but ${other}. ` +
        `It may be the same person under another address; CiviCRM matches by email only and does not see it.` +
        heldSentence(ctx, w.contactId);
      if (byEmail) {
        return {
          reason: `${c} has their name and a near-identical email`,
          explanation,
          fix: [step(w.code, `${c} also has the user's name: that supports linking it (see the steps above).`)],
        };
      }
      return {
        reason: `${c} has ${exactName(ctx, w.contactId) ? 'their name' : 'nearly their name'} but ${other}, so CiviCRM does not find it`,
        explanation,
        fix: ctx.holderOf(w.contactId) !== null ? heldContactSteps(w.code, ctx, w.contactId, `${c} has the user's name`) : [
          step(w.code, w.contactEmail ? `Ask the user whether ${w.contactEmail} is (or was) their address.` : `Ask the user whether ${c} is them (same name, no email).`),
          step(w.code, `If it is, ${addEmailThenLinks(ctx, w.contactId, c, next)}`),
        ],
      };
    }
    case 'shared-email': {
      // the first contacts carrying it (SHARED_IDS_LISTED), the rest counted: a placeholder address can be on thousands
      const ids = w.contactIds;
      const rest = w.contactCount - ids.length;
      const more = rest > 0 ? ` and ${rest} more` : '';
      const list = ids.map((id) => cref(ctx, id)).join(', ') + more;
      const pick = w.contactId ?? ids[0]!;
      const d = ctx.row.decision;
      const chosen = d.action === 'link' || d.action === 'keep' ? d.contactId : null;
      // one of the contacts carrying the email (the candidates keep every one a decision takes)
      const carries = (id: number) => ids.includes(id) || ctx.row.candidates.some((c) => c.contactId === id && c.basis === 'exact-email' && c.usable);
      const fix: FixStep[] = [];
      if (chosen !== null && chosen !== pick && carries(chosen)) {
        fix.push(
          step(
            w.code,
            d.decidedBy === 'auto'
              ? `ufmatch links ${cref(ctx, chosen)}, the one with the user's name; CiviCRM on its own would link ${cref(ctx, pick)}: the wrong person.`
              : `${d.decidedBy === 'operator' ? 'The operator chose' : 'The decisions file links'} ${cref(ctx, chosen)}; CiviCRM on its own would link ${cref(ctx, pick)}.`,
          ),
        );
        fix.push(linkNowStep(w.code, ctx, chosen, `Link ${cref(ctx, chosen)} before CiviCRM does`));
        fix.push(step(w.code, `If ${key} is not ${cref(ctx, pick)}'s own address, remove it from that contact, so that CiviCRM cannot pick it.`));
      } else if (chosen !== null && chosen === pick) {
        fix.push(step(w.code, `${d.decidedBy === 'auto' ? 'ufmatch' : d.decidedBy === 'operator' ? 'The operator' : 'The decisions file'} and CiviCRM both link ${cref(ctx, pick)}: check with the user that this is them.`));
      } else {
        const emailHeld = ctx.row.warnings.some((x) => x.code === 'duplicate-user-email');
        fix.push(
          step(
            w.code,
            emailHeld
              ? `Ask the user which of ${list} is theirs. Another user has the same email, so no link can be made with it yet: settle the two accounts first (see the duplicate-user-email steps).`
              : `Ask the user which of ${list} is theirs, and link that one in the ufmatch review. CiviCRM on its own would link ${cref(ctx, pick)}.`,
          ),
        );
        fix.push(step(w.code, `So that CiviCRM's own choice is right, keep ${key} only on the user's contact, or give each person an email of their own.`));
      }
      return {
        reason: `${plural(w.contactCount, 'contact')} carry their email (${ids.join(', ')}${more}) and CiviCRM takes ${cref(ctx, pick)}, whose matching email is primary or whose id is lowest`,
        explanation:
          `${plural(w.contactCount, 'contact')} carry ${key}: ${list}. CiviCRM links the one whose matching email is primary, ` +
          `then the lowest id: ${cref(ctx, pick)}, whoever the user is.`,
        fix,
      };
    }
    case 'deleted-match': {
      const c = cref(ctx, w.contactId);
      const alone = w.alone;
      return {
        reason: `${alone ? `the only contact with their email, ${c},` : `no usable contact has their email: ${c}`} is in the trash, so CiviCRM creates a new contact instead`,
        explanation:
          `${alone ? `The only contact carrying ${key}, ${c},` : `No usable contact carries ${key}: ${c}`} is in the trash. CiviCRM ignores trashed contacts, ` +
          `so it creates a new contact for the user: a duplicate of ${c}, without its history.`,
        fix: [
          step(w.code, `If ${c} is the user's record, restore it: open ${contactPage(w.contactId)} and choose "Restore from Trash"; CiviCRM then links it ${next}.`),
          // the review links and creates nothing for an invalid address (it refuses 1–9 and c): after the correction
          isValidEmail(u.email)
            ? step(w.code, `If it was trashed on purpose (for example merged into another contact), link the user to the contact that was kept instead (ufmatch review), or let ufmatch create a new one (c).`)
            : step(w.code, `If it was trashed on purpose (for example merged into another contact), link the user to the contact that was kept instead, or let ufmatch create a new one, once its address is corrected: ufmatch links and creates nothing for an invalid address.`),
        ],
      };
    }
    case 'non-individual-match': {
      const c = cref(ctx, w.contactId);
      const type = w.contactType;
      const relation = type === 'Household' ? 'Household Member of' : 'Employee of';
      return {
        reason: `${w.alone ? `the only contact with their email, ${c},` : `no usable contact has their email: ${c}`} is ${article(type)}, and CiviCRM links users only to Individuals`,
        explanation:
          `${key} belongs to ${c}, ${article(type)}. CiviCRM links user accounts only to Individuals, so it creates a new Individual for the user; ` +
          `what is recorded on contact ${w.contactId}, its donations for example, stays with the ${type.toLowerCase()} and is not shown to the user.`,
        fix: [
          isValidEmail(u.email)
            ? step(w.code, `Do not link the user to ${c}. Give user ${u.ufId} a personal email ${EDIT_EMAIL_AT[p]} if they have one, or accept a new Individual for them (ufmatch review: c).`)
            : step(w.code, `Do not link the user to ${c}. Give user ${u.ufId} a valid personal email ${EDIT_EMAIL_AT[p]}, then accept a new Individual for them (ufmatch links and creates nothing for an invalid address).`),
          step(w.code, `Then relate that Individual to ${c} in CiviCRM (Relationships → Add Relationship → ${relation}).`),
        ],
      };
    }
    case 'contact-taken': {
      const c = cref(ctx, w.contactId);
      const other = uref(ctx, w.otherUfId);
      if (w.via === 'review') {
        return {
          reason: `${c}, which carries their email, is also the exact match of ${other}, who waits for review, and a contact takes one user`,
          explanation:
            `${c} carries ${key}${whereOnContact(ctx.contact(w.contactId), key)}, and the email of ${other} as well. That user comes earlier in the users file and waits for an operator, ` +
            `so ufmatch does not give the contact to user ${u.ufId} automatically before that is settled. ${describeCivicrm(ctx.row.civicrm, p)}.`,
          fix: [
            step(w.code, `Settle user ${w.otherUfId} first (ufmatch review), then decide which of the two users ${c} belongs to; give the other a contact of their own (link their own contact, or c to create one).`),
            step(w.code, `If both accounts are the same person, keep one: ${removeAccount(p, u.ufId, w.otherUfId)}.`),
          ],
        };
      }
      const holderRow = ctx.userRow(w.otherUfId);
      if (w.via !== 'link' && holderRow && decisionContact(holderRow.decision) !== w.contactId) {
        // ufmatch's own proposal gave the contact to the other user; an operator or --decisions changed that since
        return {
          reason: `${c}, which carries their email, went to ${other} in ufmatch's own proposal, but that user's decision has changed since`,
          explanation:
            `${c} carries ${key}${whereOnContact(ctx.contact(w.contactId), key)}. ufmatch's proposal gave it to ${other}, who comes earlier in the users file; ` +
            `that user is now ${holderRow.decision.action === 'link' ? `linked to ${cref(ctx, holderRow.decision.contactId)}` : `"${holderRow.decision.action}"`}, so ${c} is free again. ${describeCivicrm(ctx.row.civicrm, p)}.`,
          fix: [step(w.code, `If ${c} is user ${u.ufId}'s, link it in the ufmatch review.`)],
        };
      }
      if (w.via === 'plan') {
        // held in ufmatch's plan only: what CiviCRM does depends on its own order, so say that
        const o = ctx.row.civicrm;
        const civicrmTakes = (o.kind === 'link' || o.kind === 'link-failed') && o.contactId === w.contactId;
        return {
          reason: `${c}, which carries their email, is the contact ufmatch links to ${other}, and a contact takes one user`,
          explanation:
            `${c} carries ${key}${whereOnContact(ctx.contact(w.contactId), key)}, and ufmatch's plan links it to ${other}, who comes earlier in the users file. ` +
            `A contact can be linked to one user only. ${describeCivicrm(o, p)}` +
            (civicrmTakes ? ` (CiviCRM's batch reaches user ${u.ufId} first), and user ${w.otherUfId} would then get a new contact.` : '.'),
          fix: [
            step(w.code, `Decide which of the two users ${c} belongs to, and give the other a contact of their own (ufmatch review: link their own contact, or c to create one).`),
            step(w.code, `If both accounts are the same person, keep one: ${removeAccount(p, u.ufId, w.otherUfId)}.`),
          ],
        };
      }
      return {
        reason: `${c}, which carries their email, is already linked to ${other}, so CiviCRM creates a new contact for them`,
        explanation:
          `${c} carries ${key}${whereOnContact(ctx.contact(w.contactId), key)} but is already linked to ${other}. ` +
          `A contact can be linked to one user only, and CiviCRM does not try another contact: it creates a new one for user ${u.ufId}.`,
        fix: [
          step(w.code, `If user ${u.ufId} is another person sharing ${key} with user ${w.otherUfId}, give them a contact of their own: link their own contact if they have one, or let ufmatch create one (ufmatch review: c). A personal email ${EDIT_EMAIL_AT[p]} avoids this for good.`),
          step(w.code, `If ${c} is really user ${u.ufId}'s and user ${w.otherUfId} is linked to it by mistake, first point user ${w.otherUfId}'s link at their own contact, then link user ${u.ufId} to ${c}.`),
        ],
      };
    }
    case 'duplicate-user-email': {
      const other = w.otherUfId;
      if (w.via === 'link') {
        const holder = ctx.userRow(other);
        const fix: FixStep[] = [];
        if (holder && holder.user.emailKey !== key && isValidEmail(holder.user.email) && ctx.ufNameHolderOf(holder.user.email) === null) {
          fix.push(step(w.code, `If user ${other} no longer uses ${key}, set their link's uf_name to their current email, ${holder.user.email.trim()}:`, updateUfNameSql(ctx.domainId, other, holder.user.email)));
        } else if (!holder) {
          fix.push(step(w.code, `User ${other} is not in the users export: if that account is gone, delete its link so that the address is free again:`, deleteLinkSql(ctx.domainId, other)));
        }
        // (never for an account gone from the CMS: the live one is not to be deleted in its favour)
        if (holder) fix.push(step(w.code, `If both accounts are the same person, ${removeAccount(p, u.ufId, other)}.`));
        const l = ctx.linkOf(other);
        return {
          reason: `the existing link of user ${other} holds their email as uf_name, so CiviCRM cannot link them`,
          explanation:
            `The existing link of ${uref(ctx, other)} has ${key} as its uf_name${l ? ` (a link to ${cref(ctx, l.contactId)})` : ''}. ` +
            `uf_name is unique in a domain, so CiviCRM's link for user ${u.ufId} fails, ${REPEATS[p]}.`,
          fix,
        };
      }
      const otherRow = ctx.userRow(other);
      const written = otherRow === undefined ? 'same' : otherRow.user.email.trim() === u.email.trim() ? 'same' : otherRow.user.email.trim().toLowerCase() === u.email.trim().toLowerCase() ? 'case' : 'accents';
      const o = ctx.row.civicrm;
      // what CiviCRM does to this user of the two: its own outcome, not a guess
      const fate =
        o.kind === 'link-failed'
          ? `CiviCRM picks ${o.contactId !== null ? cref(ctx, o.contactId) : 'the contact it made for the other user'} for user ${u.ufId}, but the link fails${findsOrphanLater(o) ? ' (no new contact is made)' : ''}, ${REPEATS[p]}`
          : o.kind === 'create-unlinked'
            ? `user ${u.ufId} gets a new contact and a failed link${o.repeats ? `, ${REPEATS[p]} — endless duplicates` : '; later attempts find that contact, and only the link fails again'}`
            : `${o.kind === 'keep' ? `user ${u.ufId} keeps their link` : o.kind === 'link' ? `CiviCRM links user ${u.ufId} to ${cref(ctx, o.contactId)}` : `CiviCRM gives user ${u.ufId} a new contact and links it`}, and ${uref(ctx, other)} gets ${otherFate(otherRow?.civicrm, p)}`;
      const oo = otherRow?.civicrm;
      const makesContacts = o.kind === 'create-unlinked' || oo?.kind === 'create-unlinked';
      // which account to keep if they are one person: the linked one, else the one registered first
      const linked = [u.ufId, other].filter((id) => ctx.linkOf(id) !== undefined);
      const ru = u.registered;
      const ro = otherRow?.user.registered ?? '';
      let keep: number;
      let why: string;
      if (linked.length === 1) [keep, why] = [linked[0]!, 'the one already linked'];
      else if (ru !== '' && ro !== '' && ru !== ro) [keep, why] = [ru < ro ? u.ufId : other, `registered first, ${ru < ro ? ru : ro}`];
      else [keep, why] = [Math.min(u.ufId, other), 'the lower user id'];
      const remove = keep === u.ufId ? other : u.ufId;
      const keptRow = keep === u.ufId ? ctx.row : otherRow;
      const into = ctx.linkOf(keep)?.contactId ?? (keptRow ? decisionContact(keptRow.decision) : null);
      const merge = makesContacts
        ? ` Then merge the contacts CiviCRM has already created for ${key} into ${into !== null ? `${cref(ctx, into)}, keeping ${into}` : 'the one the remaining account is linked to'} (Contacts → Find and Merge Duplicate Contacts).`
        : '';
      return {
        reason: `${uref(ctx, other)} has the same email${written === 'accents' ? ' to the database (it compares addresses without accents)' : ''}, and CiviCRM allows one link per email: ${fate}`,
        explanation:
          `${uref(ctx, other)} has the same email${written === 'case' ? ' (written in another case)' : written === 'accents' ? ' to the database, which compares addresses without accents or case' : ''}. ` +
          `uf_name is unique in a domain, ${written === 'accents' ? 'accents and case aside' : 'case-insensitively'}, so CiviCRM cannot link both accounts: ${fate}.`,
        fix: [
          step(w.code, `If both accounts are the same person, keep user ${keep} (${why}) and ${removeAccount(p, remove, keep)}; CiviCRM then links the remaining account ${next}.${merge}`),
          step(w.code, `If they are different people, give one of them an email of their own ${EDIT_EMAIL_AT[p]}; each can then be linked to their own contact.`),
        ],
      };
    }
    case 'stale-link':
      return staleLinkWords(w, ctx);
    case 'orphan-link':
      return w.missing === 'user' ? orphanUserWords(w, ctx) : orphanContactWords(w, ctx);
    case 'no-email': {
      const o = ctx.row.civicrm;
      if (o.kind === 'create-failed') {
        return {
          reason: 'they have no email and no first or last name, so CiviCRM cannot create a contact for them: it fails with an error',
          explanation: `User ${u.ufId} has no email and no first or last name. ${describeCivicrm(o, p, false)}${ctx.batchStopsAt === u.ufId ? ': that is this user, and every user after them in its order is left unprocessed by that run' : ctx.batchStopsAt !== null ? `: user ${ctx.batchStopsAt}, before this one` : ''}.`,
          fix: [
            step(w.code, `Before running CiviCRM's Synchronize Users batch, enter an email for user ${u.ufId} ${EDIT_EMAIL_AT[p]}, or at least a first or last name; otherwise CiviCRM cannot make their contact${ctx.batchStopsAt === u.ufId ? ', and the batch stops at this user' : ''}.`),
            ...sameNameSteps(w.code, ctx),
          ],
        };
      }
      const processed = o.kind === 'create' || o.kind === 'create-unlinked';
      return {
        reason: processed
          ? `they have no email, and CiviCRM still makes a contact for them, which no email will ever find`
          : o.kind === 'keep'
            ? 'they have no email; their existing link stays, but no email can ever link them again'
            : 'they have no email, and CiviCRM never links a user without one',
        explanation: processed
          ? `User ${u.ufId} has no email. ${PLATFORM_LABEL[p]}'s batch does not leave them out: ${describeCivicrm(o, p, false)}, with no email and an empty uf_name. Only one user can hold the empty uf_name in a domain, so every other user without an email gets a new contact and a failed link.`
          : o.kind === 'keep'
            ? `User ${u.ufId} has no email. ${describeCivicrm(o, p, false)}, so they still see that contact's data; if the link is ever removed, CiviCRM has no email to find them by.`
            : `User ${u.ufId} has no email. CiviCRM matches and creates contacts by email only, and its batch skips this user: they are never linked and see no CiviCRM data.`,
        fix: [
          step(w.code, `Ask the user for their email and enter it ${EDIT_EMAIL_AT[p]}; CiviCRM then links them ${next}, to the contact carrying that email or to a new one.`),
          ...(processed ? [step(w.code, `Then merge into the user's contact any contact CiviCRM has already created for them without an email.`)] : []),
          ...sameNameSteps(w.code, ctx),
        ],
      };
    }
    case 'invalid-email': {
      const why = invalidEmailReason(w.email);
      const o = ctx.row.civicrm;
      return {
        reason: `their email "${w.email}" is not a valid address (${why}); CiviCRM does not check it, ufmatch does not link it`,
        explanation: `User ${u.ufId}'s email "${w.email}" is not a valid address: ${why}. CiviCRM does not check addresses: ${describeCivicrm(o, p)}. ufmatch leaves the user unlinked so that no contact is made for an address nobody can write to.`,
        fix: [
          step(w.code, `Ask the user for the right address and correct it ${EDIT_EMAIL_AT[p]} before go-live; CiviCRM then links them ${next}.`),
          ...sameNameSteps(w.code, ctx),
        ],
      };
    }
    default:
      return assertNever(w);
  }
}


/** What the other user of a duplicate-user-email pair gets from CiviCRM, after a comma. */
function otherFate(o: CivicrmOutcome | undefined, p: Platform): string {
  if (o?.kind === 'create-unlinked') return o.repeats ? `a new contact and a failed link, ${REPEATS[p]} — endless duplicates` : 'a new contact and a failed link, then failed links only';
  return 'the failed link';
}

/**
 * What CiviCRM does at the user's next sync once their link is deleted, for the step that
 * deletes it: it matches by email again and picks, primary first then lowest id, a usable
 * contact carrying the address; one another user's link holds makes it create a duplicate
 * instead. ("so that CiviCRM links the user again by email" was promised where the only
 * contact with the address was in the trash, or held by a second account.)
 */
function afterLinkDeleted(ctx: ExplainContext): string {
  const key = ctx.row.user.emailKey;
  if (key === '') return '';
  const primaryFor = (c: Contact): boolean => c.emails.some((e) => e.key === key && e.primary);
  const pick = ctx.emailHolders.filter(isUsable).sort((a, b) => Number(primaryFor(b)) - Number(primaryFor(a)) || a.id - b.id)[0];
  if (pick === undefined) return ` (no usable contact carries ${key}, so it creates a new one)`;
  const holder = ctx.linkHolderOf(pick.id);
  if (holder !== null) return ` (it picks ${cref(ctx, pick.id)}, which carries ${key}, finds it linked to user ${holder}, and creates a new contact)`;
  const planned = ctx.holderOf(pick.id);
  return ` (it links ${cref(ctx, pick.id)}, which carries ${key}${planned !== null ? `, though ufmatch's plan gives it to user ${planned}` : ''})`;
}

function linkNowStep(code: WarningCode, ctx: ExplainContext, contactId: number, lead: string, review = ''): FixStep {
  const d = ctx.row.decision;
  const now = linkNow(ctx.domainId, ctx.row.user, contactId, lead, review, d.action === 'link' && d.contactId === contactId);
  return step(code, now.text, now.sql);
}

/**
 * "add the email to contact C in CiviCRM; CiviCRM then links C …" — unless a usable contact
 * already carries the email: CiviCRM picks that one first (primary, then lowest id), so the
 * promise would be false, and the link is made in the review instead.
 */
function addEmailThenLinks(ctx: ExplainContext, contactId: number, c: string, next: string): string {
  const u = ctx.row.user;
  const first = ctx.emailHolders.find((h) => h.id !== contactId && isUsable(h));
  if (first) {
    return `link ${c} in the ufmatch review: adding ${u.email.trim()} to it would not do, as CiviCRM picks ${cref(ctx, first.id)}, which carries that address already.`;
  }
  return `add ${u.email.trim()} to ${c} in CiviCRM (Edit → Email); CiviCRM then links ${c} ${next}. Or link it in the ufmatch review.`;
}

/** " It is already linked to user 3 (…)." when another user holds the contact; '' when it is free. */
function heldSentence(ctx: ExplainContext, contactId: number): string {
  const hold = holdOf(ctx, contactId);
  if (hold === null) return '';
  return ` ${hold.byLink ? 'It is already linked' : 'ufmatch links it'} to ${uref(ctx, hold.holder)}.`;
}

/**
 * The fix for a look-alike contact that another user already holds: no advice to move emails
 * onto it (CiviCRM would find it taken and create a duplicate), but which account to keep.
 */
function heldContactSteps(code: WarningCode, ctx: ExplainContext, contactId: number, what: string): FixStep[] {
  const u = ctx.row.user;
  const { holder, byLink } = holdOf(ctx, contactId)!;
  const c = cref(ctx, contactId);
  const others = ctx.row.candidates.some((k) => k.contactId !== contactId);
  const steps = [step(code, `${capitalizeFirst(what)}, but ${byLink ? 'it is already linked to' : 'ufmatch links it to'} ${uref(ctx, holder)}: a contact can be linked to one user only.`)];
  if (ctx.userRow(holder) === undefined) {
    // an account gone from the CMS (its link left behind): never the one to keep over a live one
    steps.push(step(code, `User ${holder} is not in the users export: if that account is gone, delete its link; ${c} is then free for user ${u.ufId} (run ufmatch again on a fresh links export and link it in the review, or correct the address on one side so that CiviCRM links it):`, deleteLinkSql(ctx.domainId, holder)));
  } else {
    steps.push(step(code, `If user ${u.ufId} and user ${holder} are the same person (a second account), keep one: ${removeAccount(ctx.platform, u.ufId, holder)}.`));
  }
  steps.push(step(code, `If they are different people, ${c} is not user ${u.ufId}'s: ${others ? 'look at the other candidates (a new contact comes last, when none is theirs)' : 'a new contact is theirs (c in the ufmatch review)'}.`));
  if (!byLink) steps.push(step(code, `If ${c} is really user ${u.ufId}'s and not user ${holder}'s, link it to user ${u.ufId} in the ufmatch review and settle user ${holder} otherwise.`));
  return steps;
}

function capitalizeFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Whether the contact has exactly the user's (folded) name, not only a near one. */
function exactName(ctx: ExplainContext, contactId: number): boolean {
  const c = ctx.contact(contactId);
  const u = ctx.row.user;
  return !!c && sameName(nameKey(u.firstName, u.lastName, u.displayName), nameKey(c.firstName, c.lastName, c.displayName));
}

function userNameOf(ctx: ExplainContext): string {
  return nameOfUser(ctx.row.user);
}

/** What kind of slip turns one spelling into the other, when it is a single simple one. */
export function typoKind(user: string, contact: string): string {
  if (boundedLevenshtein(user, contact, 1) === 1) {
    if (user.length === contact.length) return 'one letter different';
    if (user.length < contact.length) {
      return 'a letter missing';
    }
    for (let i = 0; i < user.length; i++) {
      if (user.slice(0, i) + user.slice(i + 1) === contact) return i > 0 && user[i] === user[i - 1] ? 'a letter doubled' : 'an extra letter';
    }
    return 'an extra letter';
  }
  if (user.length === contact.length && boundedOsa(user, contact, 1) === 1) return 'two letters swapped';
  return '';
}

function sameNameSteps(code: WarningCode, ctx: ExplainContext): FixStep[] {
  return ctx.sameNameContacts.slice(0, 3).map((c) => {
    const primary = c.emails.find((e) => e.primary) ?? c.emails[0];
    return step(
      code,
      primary
        ? `${cref(ctx, c.id)} has the same name and the email ${primary.email.trim()}: if that is the user, that is the address to enter.`
        : `${cref(ctx, c.id)} has the same name (and no email): if that is the user, add the new address to it too.`,
    );
  });
}

function staleLinkWords(w: WarningOf<'stale-link'>, ctx: ExplainContext): WarningWords {
  const u = ctx.row.user;
  const key = u.emailKey;
  const link = ctx.link;
  const c = cref(ctx, w.contactId);
  const contact = ctx.contact(w.contactId);
  const ufName = link ? link.ufName.trim() || 'empty' : '';
  const fix: FixStep[] = [];
  const texts: string[] = [];
  const problems = ctx.linkProblems.length > 0 ? ctx.linkProblems : [w.why === 'contact-deleted' ? 'contact-in-trash' : w.why];
  for (const problem of problems) {
    switch (problem) {
      case 'contact-missing':
        break;
      case 'contact-in-trash': {
        texts.push(`The linked ${c} is in the trash, so the user is linked to a record CiviCRM hides.`);
        fix.push(step(w.code, `If ${c} is the user's record, restore it: open ${contactPage(w.contactId)} and choose "Restore from Trash".`));
        const alive = ctx.emailHolders.find((h) => isUsable(h) && ctx.holderOf(h.id) === null);
        if (alive) {
          fix.push(step(w.code, `If it was trashed as a duplicate of ${cref(ctx, alive.id)}, which carries ${key}, point the link there instead:`, updateContactSql(ctx.domainId, u.ufId, alive.id)));
        } else {
          fix.push(step(w.code, `If it was trashed on purpose, delete the link: CiviCRM then matches the user by email again ${nextSync(ctx.platform, u)}${afterLinkDeleted(ctx)}:`, deleteLinkSql(ctx.domainId, u.ufId)));
        }
        break;
      }
      case 'contact-lacks-email': {
        const has = contact && contact.emails.length > 0 ? `it has ${[...new Set(contact.emails.map((e) => e.email.trim()))].join(', ')}` : 'it has no email';
        const uname = nameKey(u.firstName, u.lastName, u.displayName);
        const cname = contact ? nameKey(contact.firstName, contact.lastName, contact.displayName) : null;
        const otherPerson = cname !== null && hasName(uname) && hasName(cname) && !sameName(uname, cname);
        // a free, usable contact with the user's email: the user's name first, then the lowest id
        const free = ctx.emailHolders
          .filter((h) => isUsable(h) && ctx.holderOf(h.id) === null)
          .sort((a, b) => Number(sameName(uname, nameKey(b.firstName, b.lastName, b.displayName))) - Number(sameName(uname, nameKey(a.firstName, a.lastName, a.displayName))) || a.id - b.id);
        if (otherPerson) {
          texts.push(`The linked ${c} does not carry the user's email ${key} (${has}) and has another name than the user (${userNameOf(ctx)}): the link may point at the wrong person.`);
          const alt = free[0];
          if (alt) {
            const named = sameName(uname, nameKey(alt.firstName, alt.lastName, alt.displayName)) ? " and has the user's name" : '';
            fix.push(step(w.code, `If ${c} is not the user, point the link at ${cref(ctx, alt.id)}, which carries ${key}${named}:`, updateContactSql(ctx.domainId, u.ufId, alt.id)));
          } else {
            fix.push(step(w.code, `If ${c} is not the user, delete the link: CiviCRM then matches the user by email again ${nextSync(ctx.platform, u)}${afterLinkDeleted(ctx)}:`, deleteLinkSql(ctx.domainId, u.ufId)));
          }
          fix.push(step(w.code, `If ${c} is the user after all (a change of name and email), add ${u.email.trim()} to it in CiviCRM (Edit → Email).`));
        } else {
          // no names to compare (Drupal passes none) and addresses with little in common: it may be another person
          const unsure = !(hasName(uname) && cname !== null && hasName(cname)) && w.score < 0.5;
          texts.push(
            `The linked ${c} does not carry the user's email ${key} (${has}): probably the user changed their email in ${platformName(ctx)} and the contact was not updated` +
              (unsure ? `, unless the link points at the wrong person: the addresses have little in common (similarity ${w.score.toFixed(2)}) and there are no names to compare.` : '.'),
          );
          if (unsure) {
            const alt = free[0];
            if (alt) fix.push(step(w.code, `If ${c} is not the user, point the link at ${cref(ctx, alt.id)}, which carries ${key}:`, updateContactSql(ctx.domainId, u.ufId, alt.id)));
            else fix.push(step(w.code, `If ${c} is not the user, delete the link: CiviCRM then matches the user by email again ${nextSync(ctx.platform, u)}${afterLinkDeleted(ctx)}:`, deleteLinkSql(ctx.domainId, u.ufId)));
          }
          fix.push(step(w.code, `${unsure ? `If ${c} is the user, add` : 'Add'} ${u.email.trim()} to ${c} in CiviCRM (Edit → Email; make it primary if it is now the user's main address).`));
        }
        for (const h of ctx.emailHolders) {
          if (otherPerson && h.id === free[0]?.id) continue;
          const holder = ctx.holderOf(h.id);
          if (holder !== null) {
            fix.push(step(w.code, `${cref(ctx, h.id)} also carries ${key} and is linked to ${uref(ctx, holder)}: check which person the address belongs to.`));
          } else if (!otherPerson) {
            // only an Individual that may be this person is a duplicate to merge: an Organization
            // or someone with another name shares the address (a family or office one)
            const hname = nameKey(h.firstName, h.lastName, h.displayName);
            if (!isUsable(h)) {
              if (!h.deleted) fix.push(step(w.code, `${cref(ctx, h.id)}, ${article(h.type)}, also carries ${key}: a shared address, not a duplicate of the user; leave it.`));
            } else if (hasName(uname) && hasName(hname) && !sameName(uname, hname)) {
              fix.push(step(w.code, `${cref(ctx, h.id)} also carries ${key} but has another name: a shared address (a family's, say), not a duplicate; leave it.`));
            } else {
              fix.push(step(w.code, `${cref(ctx, h.id)} also carries ${key}: probably a duplicate made when the user gave the new address (when donating, for example). Merge it into contact ${w.contactId}, keeping ${w.contactId} (Contacts → Find and Merge Duplicate Contacts).`));
            }
          }
        }
        break;
      }
      case 'uf-name-differs':
        texts.push(
          ufName === 'empty'
            ? `The link's uf_name is empty, not the user's email ${u.email.trim()}: it holds the empty uf_name, so no user without an email can be linked in this domain (uf_name is unique in a domain).`
            : `The link's uf_name is still ${ufName}, not the user's email${u.emailKey === '' ? ' (the user has none)' : ` ${u.email.trim()}`}: the old address stays reserved for this user (uf_name is unique in a domain).`,
        );
        {
          const taken = u.emailKey === '' ? null : ctx.ufNameHolderOf(u.email);
          // a link to a contact missing from the export may be deleted by the steps before: this one is for a link that stays
          const ifStays = ctx.linkProblems.includes('contact-missing') ? 'if the link stays, ' : '';
          if (u.emailKey === '') {
            // no address to put there: '' would take the domain's one empty uf_name
            fix.push(step(w.code, `The user has no email: enter it ${EDIT_EMAIL_AT[ctx.platform]} first, then ${ifStays}update the link's uf_name from ${ufName} to it.`));
          } else if (taken !== null) {
            // uf_name is unique in a domain: the UPDATE would fail on the other link's key
            fix.push(step(w.code, `The link's uf_name cannot become ${u.email.trim()} yet: the existing link of ${uref(ctx, taken)} holds that address as its uf_name. Settle that account first (see its own explanation), then update this uf_name.`));
          } else {
            fix.push(step(w.code, `${ifStays ? 'If the link stays, update' : 'Update'} the link's uf_name from ${ufName} to ${u.email.trim()}:`, updateUfNameSql(ctx.domainId, u.ufId, u.email)));
          }
        }
        break;
    }
  }
  // the headline reads "User N is linked to contact C, but <reason>."
  const reason =
    w.why === 'contact-deleted'
      ? 'that contact is in the trash'
      : w.why === 'contact-lacks-email'
        ? `that contact does not carry their email ${key}`
        : ufName === 'empty' ? "the link's uf_name is empty" : `the link's uf_name is still ${ufName || 'an old address'}`;
  texts.push('CiviCRM keeps a link whatever the emails say, so this stays until it is fixed.');
  return { reason, explanation: texts.join(' '), fix };
}

function platformName(ctx: ExplainContext): string {
  return PLATFORM_LABEL[ctx.platform];
}

function orphanContactWords(w: WarningOf<'orphan-link'>, ctx: ExplainContext): WarningWords {
  const u = ctx.row.user;
  const id = w.contactId ?? 0;
  const free = ctx.emailHolders.find((h) => isUsable(h) && ctx.holderOf(h.id) === null);
  const fix: FixStep[] = [
    step(w.code, `Open ${contactPage(id)} in CiviCRM. If contact ${id} exists, the contacts export is incomplete: export all contacts and run ufmatch again.`),
  ];
  if (free) {
    fix.push(step(w.code, `If contact ${id} is gone, point the link at ${cref(ctx, free.id)}, which carries ${u.emailKey}:`, updateContactSql(ctx.domainId, u.ufId, free.id)));
  } else {
    // a contact that carries the email but is held: by the link of an account that is gone
    // (not in the users export), or by a user of the export
    const usable = ctx.emailHolders.filter(isUsable);
    const byGone = usable.find((h) => {
      const holder = ctx.holderOf(h.id);
      return holder !== null && ctx.userRow(holder) === undefined;
    });
    if (byGone) {
      const holder = ctx.holderOf(byGone.id)!;
      fix.push(step(w.code, `If contact ${id} is gone: ${cref(ctx, byGone.id)} carries ${u.emailKey} but is linked to user ${holder}, who is not in the users export. If that account is gone too, delete its link and point this one at contact ${byGone.id}:`, `${deleteLinkSql(ctx.domainId, holder)}\n${updateContactSql(ctx.domainId, u.ufId, byGone.id)}`));
    } else {
      fix.push(step(w.code, `If contact ${id} is gone, delete the broken link: CiviCRM then matches the user by email again ${nextSync(ctx.platform, u)}${afterLinkDeleted(ctx)}:`, deleteLinkSql(ctx.domainId, u.ufId)));
    }
  }
  return {
    reason: 'that contact is not in the contacts export',
    explanation:
      `The existing link of user ${u.ufId} points at contact ${id}, which is not in the contacts export: either the export is incomplete or the contact was deleted for good. ` +
      `CiviCRM keeps a link whatever the emails say, so the user sees no CiviCRM record of theirs until it is fixed.`,
    fix,
  };
}

/** An existing link whose user is not in the users export (a global warning, no user row). */
export function orphanUserWords(w: WarningOf<'orphan-link'>, ctx: Pick<ExplainContext, 'contact' | 'linkOf' | 'domainId'>): WarningWords {
  const c = w.contactId === null ? 'a contact' : cref(ctx, w.contactId);
  const ufName = ctx.linkOf(w.ufId)?.ufName ?? '';
  const holds = ufName && emailKey(ufName) !== '' ? `${c} and the uf_name ${ufName}` : c;
  return {
    reason: `an existing link points from user ${w.ufId}, who is not in the users export, to ${c}`,
    explanation: `An existing link points from user ${w.ufId}, who is not in the users export, to ${c}. It still holds ${holds} against every other user.`,
    fix: [
      step(w.code, `If account ${w.ufId} was deleted, delete its link so that ${c} can be linked to someone else:`, deleteLinkSql(ctx.domainId, w.ufId)),
      step(w.code, `If account ${w.ufId} exists, the users export is incomplete: export all users and run ufmatch again.`),
    ],
  };
}
