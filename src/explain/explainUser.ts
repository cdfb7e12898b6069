/**
 * explainUser: everything `explain` says about one user, as a plain data model. Pure: the plan,
 * the user's row, the contacts by id and the domain's existing links in; an Explanation out.
 */
import type { Candidate, CivicrmOutcome, Decision, Plan, UserPlan } from '../domain/decisions.js';
import { duplicateSource } from '../domain/duplicates.js';
import { PLATFORM_LABEL, SYNC_WHEN, SYNC_WHEN_REPEATING } from '../domain/platform.js';
import type { Contact, ExistingLink, User } from '../domain/types.js';
import { isStrong, type Warning, type WarningCode } from '../domain/warnings.js';
import { describeCivicrm } from '../match/civicrmWords.js';
import { emailKey, isValidEmail } from '../match/email.js';
import { nameKey } from '../match/names.js';
import { NAME_PART_MIN, nameRelation } from '../match/predicates.js';
import type { ContactDirectory } from './contactDirectory.js';
import { cref, heldWords, holdOf, type ExplainContext } from './context.js';
import type {
  CandidateView,
  CivicrmConsequence,
  CivicrmView,
  ContactView,
  DecisionView,
  Explanation,
  FixStep,
  LinkProblem,
  LinkProblemKind,
  LinkView,
  UserView,
  WarningView,
} from './model.js';
import { userName } from './resolveQuery.js';
import { step, warningWords, type WarningWords } from './warningWords.js';
import { article, contactName, hasSynced, linkNow, nextSync, sourceWords, sqlInt } from './words.js';

/** Lookups shared by every explanation of one plan (build once, explain many). */
export interface ExplainLookups {
  readonly rowByUf: ReadonlyMap<number, UserPlan>;
  readonly linkByUf: ReadonlyMap<number, ExistingLink>;
  /** uf_id → its link rows after the first in the domain (a uf_id on two rows: CiviCRM uses the first). */
  readonly moreLinksByUf: ReadonlyMap<number, readonly ExistingLink[]>;
  /** contact id → the user holding it: existing links first, then ufmatch's link/keep decisions. */
  readonly holderByContact: ReadonlyMap<number, number>;
  /** contact id → the user an existing link in the domain gives it to. */
  readonly linkHolderByContact: ReadonlyMap<number, number>;
  /** uf_name key (lowercase, trimmed) → the user whose existing link in the domain holds it. */
  readonly linkByUfName: ReadonlyMap<string, number>;
  /** False when no --links file was given: "no link" is what the files say, not what CiviCRM holds. */
  readonly linksGiven: boolean;
}

export function explainLookups(plan: Plan, links: readonly ExistingLink[], linksGiven = true): ExplainLookups {
  const rowByUf = new Map<number, UserPlan>();
  for (const r of plan.rows) if (!rowByUf.has(r.user.ufId)) rowByUf.set(r.user.ufId, r);
  const linkByUf = new Map<number, ExistingLink>();
  const moreLinksByUf = new Map<number, ExistingLink[]>();
  const holderByContact = new Map<number, number>();
  const linkByUfName = new Map<string, number>();
  for (const l of links) {
    if (l.domainId !== plan.domainId) continue;
    const name = emailKey(l.ufName);
    if (name !== '' && !linkByUfName.has(name)) linkByUfName.set(name, l.ufId);
    if (!linkByUf.has(l.ufId)) linkByUf.set(l.ufId, l);
    else {
      const more = moreLinksByUf.get(l.ufId);
      if (more) more.push(l);
      else moreLinksByUf.set(l.ufId, [l]);
    }
    if (!holderByContact.has(l.contactId)) holderByContact.set(l.contactId, l.ufId);
  }
  const linkHolderByContact = new Map(holderByContact);
  for (const r of plan.rows) {
    const d = r.decision;
    if ((d.action === 'link' || d.action === 'keep') && !holderByContact.has(d.contactId)) holderByContact.set(d.contactId, r.user.ufId);
  }
  return { rowByUf, linkByUf, moreLinksByUf, holderByContact, linkHolderByContact, linkByUfName, linksGiven };
}

export function explainUser(
  plan: Plan,
  row: UserPlan,
  contactsById: ContactDirectory,
  links: readonly ExistingLink[],
  lookups: ExplainLookups = explainLookups(plan, links),
): Explanation {
  const ctx = explainContext(plan, row, contactsById, lookups);
  const u = row.user;
  const linkView = ctx.link ? viewLink(ctx, ctx.link) : null;
  const ordered = candidatesBestFirst(row.warnings);
  const words = ordered.map((w) => warningWords(w, ctx));
  const warnings = ordered.map((w, i) => viewWarning(w, words[i]!));
  const civicrm = viewCivicrm(ctx);
  return {
    platform: plan.platform,
    domain_id: plan.domainId,
    headline: headline(ctx, ordered, words, civicrm),
    user: viewUser(u),
    link: linkView,
    ...(lookups.linksGiven ? {} : { links_given: false }),
    candidates: row.candidates.map((c) => viewCandidate(ctx, c)),
    more_candidates: row.moreCandidates ?? 0,
    warnings,
    decision: viewDecision(ctx, row.decision),
    proposal: viewDecision(ctx, row.proposal),
    civicrm,
    fix: fixSteps(ctx, ordered, words, civicrm),
  };
}

export function explainContext(
  plan: Plan,
  row: UserPlan,
  contactsById: ContactDirectory,
  lookups: ExplainLookups,
): ExplainContext {
  const u = row.user;
  const link = lookups.linkByUf.get(u.ufId) ?? null;
  const linkedId = link?.contactId ?? null;
  const emailHolders = u.emailKey === '' ? [] : contactsById.withEmailKey(u.emailKey).filter((c) => c.id !== linkedId);
  const sameNameContacts = isValidEmail(u.email) ? [] : contactsById.withName(nameKey(u.firstName, u.lastName, u.displayName));
  return {
    platform: plan.platform,
    domainId: plan.domainId,
    row,
    link,
    moreLinks: lookups.moreLinksByUf.get(u.ufId) ?? [],
    linksGiven: lookups.linksGiven,
    linkProblems: link ? linkProblems(u, link, contactsById.get(link.contactId)) : [],
    contact: (id) => contactsById.get(id),
    userRow: (id) => lookups.rowByUf.get(id),
    linkOf: (id) => lookups.linkByUf.get(id),
    holderOf: (id) => {
      const h = lookups.holderByContact.get(id);
      return h === undefined || h === u.ufId ? null : h;
    },
    linkHolderOf: (id) => {
      const h = lookups.linkHolderByContact.get(id);
      return h === undefined || h === u.ufId ? null : h;
    },
    ufNameHolderOf: (email) => {
      const h = lookups.linkByUfName.get(emailKey(email));
      return h === undefined || h === u.ufId ? null : h;
    },
    batchStopsAt: plan.civicrmBatchStopsAt ?? null,
    emailHolders,
    sameNameContacts,
  };
}

/** What is wrong with an existing link, each problem independently (SPEC §4 stale-link, orphan-link). */
export function linkProblems(u: User, link: ExistingLink, contact: Contact | undefined): LinkProblemKind[] {
  const out: LinkProblemKind[] = [];
  if (!contact) out.push('contact-missing');
  else {
    if (contact.deleted) out.push('contact-in-trash');
    if (u.emailKey !== '' && !contact.emails.some((e) => e.key === u.emailKey)) out.push('contact-lacks-email');
  }
  // as the plan tells it (a user without a valid email too: the link still holds that uf_name)
  if ((link.ufName !== '' || link.emptyUfName === true) && emailKey(link.ufName) !== u.emailKey) out.push('uf-name-differs');
  return out;
}

function viewUser(u: User): UserView {
  return {
    uf_id: u.ufId,
    username: u.username,
    email: u.email,
    email_key: u.emailKey,
    name: userName(u),
    first_name: u.firstName,
    middle_name: u.middleName,
    last_name: u.lastName,
    display_name: u.displayName,
    blocked: u.blocked,
    registered: u.registered,
    last_login: u.lastLogin,
    roles: u.roles,
    line: u.line,
  };
}

export function viewContact(c: Contact): ContactView {
  const seen = new Set<string>();
  const emails = [];
  // the UI export repeats the primary email in its location column: show each address once
  for (const e of [...c.emails].sort((a, b) => Number(b.primary) - Number(a.primary))) {
    if (seen.has(e.key)) continue;
    seen.add(e.key);
    emails.push({ email: e.email, primary: e.primary, source: e.source });
  }
  return {
    id: c.id,
    type: c.type,
    display_name: c.displayName,
    first_name: c.firstName,
    middle_name: c.middleName,
    last_name: c.lastName,
    in_trash: c.deleted,
    emails,
  };
}

function viewLink(ctx: ExplainContext, link: ExistingLink): LinkView {
  const contact = ctx.contact(link.contactId);
  const u = ctx.row.user;
  const problems: LinkProblem[] = ctx.linkProblems.map((kind) => ({ kind, text: linkProblemText(ctx, kind, link, contact, u) }));
  return {
    contact_id: link.contactId,
    uf_name: link.ufName,
    domain_id: link.domainId,
    line: link.line,
    sound: problems.length === 0,
    problems,
    contact: contact ? viewContact(contact) : null,
    more_rows: ctx.moreLinks.map((l) => ({ contact_id: l.contactId, uf_name: l.ufName, line: l.line })),
  };
}

function linkProblemText(ctx: ExplainContext, kind: LinkProblemKind, link: ExistingLink, contact: Contact | undefined, u: User): string {
  switch (kind) {
    case 'contact-missing':
      return `contact ${link.contactId} is not in the contacts export (deleted for good, or the export is incomplete)`;
    case 'contact-in-trash':
      return `${cref(ctx, link.contactId)} is in the trash`;
    case 'contact-lacks-email': {
      const has = contact && contact.emails.length > 0 ? [...new Set(contact.emails.map((e) => e.email.trim()))].join(', ') : 'no email';
      return `${cref(ctx, link.contactId)} does not carry the user's email ${u.emailKey} (it has ${has})`;
    }
    case 'uf-name-differs':
      return `uf_name ${link.ufName.trim() || '(empty)'} differs from the user's email${u.emailKey === '' ? ' (the user has none)' : ` ${u.email.trim()}`}`;
  }
}

/** The warning's own fields in snake_case: the common ones first in a fixed order, then the code's own. */
export function viewWarning(w: Warning, words: Pick<WarningWords, 'explanation'>): WarningView {
  const out: Record<string, unknown> = {
    code: w.code,
    strong: isStrong(w.code),
    uf_id: w.ufId,
    contact_id: w.contactId,
    other_uf_id: w.otherUfId,
    score: w.score,
    detail: w.detail,
    explanation: capitalize(words.explanation),
  };
  for (const [k, v] of Object.entries(w)) {
    const snake = k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (!(snake in out)) out[snake] = v;
  }
  return out as WarningView;
}

/** The sentence with its first letter upper-case — unless it starts with an email address, which stays as written. */
export function capitalize(s: string): string {
  if ((s.split(' ', 1)[0] ?? '').includes('@')) return s;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function candidateWhy(ctx: ExplainContext, c: Candidate): string {
  const u = ctx.row.user;
  const contact = ctx.contact(c.contactId);
  const held = heldWords(ctx, c.contactId);
  const heldText = held ? `; ${held}` : '';
  const nameText = c.nameAgrees ? " and has the user's name" : '';
  switch (c.basis) {
    case 'existing-link':
      return (
        `linked to this user by the existing link${c.email ? `; carries the user's email${where(contact, c.email)}` : "; does not carry the user's email"}` +
        (c.nameAgrees ? " and has the user's name" : '') +
        (contact && !contact.deleted ? '' : contact ? '; in the trash' : '')
      );
    case 'exact-email': {
      let s = `carries the user's email ${c.email}${where(contact, c.email)}`;
      if (!c.usable && contact) {
        s += contact.deleted ? ', but is in the trash (CiviCRM ignores it)' : `, but is ${article(contact.type)} (CiviCRM links users only to Individuals)`;
      }
      return s + nameText + heldText;
    }
    case 'alias-email': {
      const w = ctx.row.warnings.find((x) => x.code === 'alias-email' && x.contactId === c.contactId);
      const rules = w && w.code === 'alias-email' && w.rules.length > 0 ? ` (${w.rules.join(', ')})` : '';
      return `has ${c.email}, the same mailbox as the user's ${u.emailKey}${rules}${nameText}${heldText}`;
    }
    case 'email-typo': {
      const w = ctx.row.warnings.find((x) => x.code === 'email-typo' && x.contactId === c.contactId);
      const how = w && w.code === 'email-typo' ? `, ${w.distance} edit${w.distance > 1 ? 's' : ''} away in the ${w.part === 'domain' ? 'domain' : 'part before the @'}` : '';
      const other = w && w.code === 'email-typo' && w.namesDiffer ? ', but another name than the user' : '';
      return `has ${c.email}; the user's ${u.emailKey} ${other ? 'is close to it' : 'is a typo away from it'}${how}${nameText}${other}${heldText}`;
    }
    case 'name-match': {
      const name = contact ? contactName(contact) : '';
      return `has ${c.nameAgrees ? 'the same name' : 'a near-identical name'}${name ? ` (${name})` : ''} but ${c.email ? `another email, ${c.email}` : 'no email'}${heldText}`;
    }
  }
}

function where(contact: Contact | undefined, email: string): string {
  const key = emailKey(email);
  const e = contact?.emails.find((x) => x.key === key);
  if (!e) return '';
  return e.primary ? ' as its primary email' : ` as ${sourceWords(e.source)} (not primary)`;
}

function viewCandidate(ctx: ExplainContext, c: Candidate): CandidateView {
  const contact = ctx.contact(c.contactId);
  const key = emailKey(c.email);
  const e = contact?.emails.find((x) => x.key === key && x.primary) ?? contact?.emails.find((x) => x.key === key);
  return {
    contact_id: c.contactId,
    score: c.score,
    basis: c.basis,
    why: candidateWhy(ctx, c),
    email: c.email,
    email_source: e?.source ?? '',
    primary_email: c.primaryEmail,
    usable: c.usable,
    name_agrees: c.nameAgrees,
    held_by_uf_id: ctx.holderOf(c.contactId),
    contact: contact ? viewContact(contact) : null,
  };
}

function viewDecision(ctx: ExplainContext, d: Decision): DecisionView {
  const by = d.decidedBy === 'operator' ? ' (decided by the operator)' : d.decidedBy === 'decisions-file' ? ' (from the decisions file)' : '';
  let text: string;
  switch (d.action) {
    case 'keep':
      text = `keep: the existing link to ${cref(ctx, d.contactId)} stays`;
      break;
    case 'link':
      text =
        `link: link ${cref(ctx, d.contactId)}` +
        (d.reason === 'exact-email'
          ? ": the only usable contact with the user's email"
          : d.reason === 'exact-email+name'
            ? ": of the contacts with the user's email, the only one with the user's name"
            : '');
      break;
    case 'create':
      text = 'create: a new contact for the user' + (d.reason === 'no-match' ? ', as no contact carries their email' : '');
      break;
    case 'review':
      text = `review: ufmatch will not guess, an operator decides${d.contactId !== null ? `; best candidate ${cref(ctx, d.contactId)}` : ''}`;
      break;
    case 'skip':
      text = 'skip: ' + (d.reason === 'no-email' ? 'the user has no email' : d.reason === 'invalid-email' ? 'the email is not a valid address' : 'the user is not linked');
      break;
  }
  return {
    action: d.action,
    contact_id: d.action === 'keep' || d.action === 'link' || d.action === 'review' ? d.contactId : null,
    reason: d.reason,
    decided_by: d.decidedBy,
    text: text + by,
  };
}

/**
 * How sure explain may be that a new contact duplicates an existing one: `sure` for the same
 * address in the trash or the same mailbox, `likely` for a typo of an address (names agreeing
 * or unknown), `maybe` for a name alone or a close address of someone with another name.
 */
type DuplicateCertainty = 'sure' | 'likely' | 'maybe';
interface DuplicateTarget {
  readonly id: number;
  readonly certainty: DuplicateCertainty;
}

function certaintyOf(w: Warning): DuplicateCertainty {
  if (w.code === 'deleted-match' || w.code === 'alias-email') return 'sure';
  if (w.code === 'email-typo' && !w.namesDiffer) return 'likely';
  return 'maybe';
}

/** The existing contact a new CiviCRM contact would duplicate, when a warning or the decision names it (the rule summary.json counts by). */
function duplicateTarget(ctx: ExplainContext): DuplicateTarget | null {
  const src = duplicateSource(ctx.row);
  if (src === null) return null;
  switch (src.kind) {
    case 'taken':
      // the user's address on a contact of another name (Grace's on Daniel's): a shared address,
      // perhaps the same person (a swapped or near name is theirs: hasAnotherName, as elsewhere)
      return { id: src.contactId, certainty: hasAnotherName(ctx, src.contactId) ? 'maybe' : 'likely' };
    case 'warning':
      return { id: src.contactId, certainty: certaintyOf(src.warning) };
    case 'decision':
      return { id: src.contactId, certainty: ctx.row.decision.decidedBy === 'auto' ? 'likely' : 'sure' };
  }
}

const DUPLICATE_WORDS: Record<DuplicateCertainty, string> = { sure: 'a duplicate of', likely: 'probably a duplicate of', maybe: 'perhaps a duplicate of' };

/**
 * Whether contact `id` has another name than the user: both names known (every part 2+
 * letters) and neither the same, swapped nor one edit apart. Another first name is enough
 * (Mark and Sarah Jones share a family address).
 */
function hasAnotherName(ctx: ExplainContext, id: number): boolean {
  const c = ctx.contact(id);
  if (!c) return false;
  const u = ctx.row.user;
  const un = nameKey(u.firstName, u.lastName, u.displayName);
  const cn = nameKey(c.firstName, c.lastName, c.displayName);
  return [un.first, un.last, cn.first, cn.last].every((x) => x.length >= NAME_PART_MIN) && nameRelation(un.first, un.last, cn.first, cn.last) === null;
}

/** A candidate other than `id` with the user's name, in words ("contact 361 (Søren Ferrari), in the trash,"), or null. */
function namesake(ctx: ExplainContext, id: number): string | null {
  const c = ctx.row.candidates.find((x) => x.contactId !== id && x.nameAgrees);
  if (!c) return null;
  const contact = ctx.contact(c.contactId);
  const state = contact?.deleted ? ', in the trash,' : contact && contact.type !== 'Individual' ? `, ${article(contact.type)} ${contact.type},` : '';
  return `${cref(ctx, c.contactId)}${state}`;
}

function viewCivicrm(ctx: ExplainContext): CivicrmView {
  const o: CivicrmOutcome = ctx.row.civicrm;
  const p = ctx.platform;
  const base = describeCivicrm(o, p, ctx.row.user.emailKey !== '');
  const target = duplicateTarget(ctx);
  let consequence: CivicrmConsequence;
  let text: string;
  switch (o.kind) {
    case 'keep': {
      consequence = 'keeps-link';
      const sound = ctx.linkProblems.length === 0;
      text = `${base} whatever the emails say: it does not look further for a linked user${sound ? '' : ', so the link stays as it is, problems included, until it is fixed'}.`;
      break;
    }
    case 'link': {
      consequence = 'links';
      const d = ctx.row.decision;
      const chooser = d.decidedBy === 'auto' ? 'ufmatch proposes' : d.decidedBy === 'operator' ? 'the operator chose' : 'the decisions file links';
      if (d.action === 'link' && d.contactId !== o.contactId) {
        // (ufmatch's name is written small, at the start of a sentence too)
        text = `${base}. ${chooser.startsWith('ufmatch') ? chooser : capitalize(chooser)} ${cref(ctx, d.contactId)} instead: CiviCRM's pick is probably the wrong person.`;
      } else {
        // CiviCRM's pick of a shared address may be someone else: say so when the names say so
        text = `${base}.` + (hasAnotherName(ctx, o.contactId) ? ` ${capitalize(cref(ctx, o.contactId))} has another name than the user (${userName(ctx.row.user)}): probably not them, yet the user would see its records.` : '');
      }
      break;
    }
    case 'link-failed':
      consequence = 'link-fails';
      text = `${base}. The user stays unlinked, and the attempt fails again each time.`;
      break;
    case 'create':
      if (o.takenContactId !== null || target !== null) {
        consequence = 'creates-duplicate';
        text =
          `${base}` +
          (target !== null
            ? `: ${DUPLICATE_WORDS[target.certainty]} ${cref(ctx, target.id)}, ${target.certainty === 'sure' ? 'so the user does not see' : 'and if so the user does not see'} that contact's history (donations, memberships, events).`
            : '.');
      } else {
        consequence = 'creates-contact';
        text = `${base}.`;
      }
      break;
    case 'create-unlinked':
      consequence = 'creates-orphans';
      text = `${base}. ${o.repeats ? 'Each of those contacts is' : 'That contact is'} an orphan, linked to no user${target !== null ? `, and ${DUPLICATE_WORDS[target.certainty]} ${cref(ctx, target.id)}` : ''}.`;
      break;
    case 'ignored':
      consequence = 'does-nothing';
      text = `${base}.`;
      break;
    case 'create-failed': {
      consequence = 'fails-with-error';
      const at = ctx.batchStopsAt;
      text = `${base}: ${at === ctx.row.user.ufId ? 'that is this user, so the users after them in its order are not reached by that run' : `user ${at ?? '?'}, before this one`}.`;
      break;
    }
  }
  const u = ctx.row.user;
  if (u.blocked && o.kind !== 'keep' && o.kind !== 'ignored') {
    // the logins and page loads the words above count on do not happen for a blocked account
    text += ` But user ${u.ufId} is blocked and cannot log in, so none of that happens at a login or page load: only CiviCRM's Synchronize Users batch reaches them, until the account is unblocked.`;
  }
  return {
    platform: p,
    platform_label: PLATFORM_LABEL[p],
    // (Joomla's "only when … first" would contradict an outcome that repeats, said just after)
    runs: SYNC_WHEN_REPEATING[p],
    outcome: {
      kind: o.kind,
      contact_id: o.kind === 'keep' || o.kind === 'link' || o.kind === 'link-failed' ? o.contactId : null,
      taken_contact_id: o.kind === 'create' || o.kind === 'create-unlinked' ? o.takenContactId : null,
      taken_by_uf_id: o.kind === 'create' || o.kind === 'create-unlinked' ? o.takenBy : null,
      conflict_uf_id: o.kind === 'link-failed' || o.kind === 'create-unlinked' ? o.conflictUfId : null,
    },
    consequence,
    duplicates_contact_id: consequence === 'creates-duplicate' || consequence === 'creates-orphans' ? target?.id ?? (o.kind === 'create' ? o.takenContactId : null) : null,
    repeats: consequence === 'link-fails' || consequence === 'creates-orphans',
    multiplies: o.kind === 'create-unlinked' && o.repeats,
    text,
  };
}

function headline(ctx: ExplainContext, ordered: readonly Warning[], words: readonly WarningWords[], civicrm: CivicrmView): string {
  // without --links, what the files say, not what CiviCRM holds
  const noLink = ctx.linksGiven ? 'has no link yet' : 'has no link in these files (no --links file was given)';
  const r = ctx.row;
  const u = r.user;
  const strongFirst = ordered.map((w, i) => ({ w, i })).sort((a, b) => Number(isStrong(b.w.code)) - Number(isStrong(a.w.code)) || a.i - b.i);
  const reasons = strongFirst.map(({ i }) => words[i]!.reason);
  if (ctx.link) {
    const to = ctx.contact(ctx.link.contactId) ? cref(ctx, ctx.link.contactId) : `contact ${ctx.link.contactId}`;
    if (reasons.length === 0) return `User ${u.ufId} is linked to ${to} and the link is sound.`;
    return `User ${u.ufId} is linked to ${to}, but ${reasons[0]}.`;
  }
  if (reasons.length > 0) {
    // a look-alike held the link back while CiviCRM on its own links someone else's contact: say so
    const o = civicrm.outcome;
    const own = o.kind === 'link' && o.contact_id !== null && hasAnotherName(ctx, o.contact_id) ? `; CiviCRM on its own would link ${cref(ctx, o.contact_id)}, who has another name` : '';
    return `User ${u.ufId} ${ctx.linksGiven ? 'has no link' : noLink}: ${reasons[0]}${own}.`;
  }
  const d = r.decision;
  if (civicrm.outcome.kind === 'link' && d.action === 'link' && d.contactId === civicrm.outcome.contact_id) {
    const check = hasAnotherName(ctx, d.contactId) ? ` — but it has another name than the user (${userName(u)}): check that it is them` : '';
    return `User ${u.ufId} ${noLink}; CiviCRM links ${cref(ctx, d.contactId)} ${SYNC_WHEN[ctx.platform]}, as ufmatch proposes${check}.`;
  }
  if (civicrm.consequence === 'creates-contact') {
    return `User ${u.ufId} ${noLink} and no contact carries their email; CiviCRM creates a new contact ${SYNC_WHEN[ctx.platform]}.`;
  }
  return `User ${u.ufId} ${noLink}: ${civicrm.text}`;
}

/** The warnings that each name a candidate found by likeness (SPEC §4's email-typo, alias-email, name-match). */
const LIKENESS: ReadonlySet<WarningCode> = new Set<WarningCode>(['alias-email', 'email-typo', 'name-match']);

/**
 * The plan's warnings with those that name a likeness candidate put best first (score, then
 * the plan's order) in the places those warnings hold; the others stay where they are. A
 * person reads the likeliest contact first, and its fix steps come first.
 */
export function candidatesBestFirst(ws: readonly Warning[]): Warning[] {
  const slots: number[] = [];
  for (let i = 0; i < ws.length; i++) if (LIKENESS.has(ws[i]!.code)) slots.push(i);
  const best = slots.slice().sort((a, b) => ws[b]!.score - ws[a]!.score || a - b);
  const out = ws.slice();
  slots.forEach((slot, k) => (out[slot] = ws[best[k]!]!));
  return out;
}

/**
 * Likeness candidates given their full fix steps (ask, then correct one side or the other);
 * the rest, less likely, are named in one step, so that a user with a dozen look-alike
 * contacts gets a fix a person can follow. When the best is all but certain (the same mailbox
 * or a one-letter typo, and the user's name: ALMOST_CERTAIN), it alone gets them.
 */
export const FULL_FIX_CANDIDATES = 3;
export const ALMOST_CERTAIN = 0.9;

/** ", linked to user 3" or ", ufmatch links it to user 3" for a held contact; '' for a free one. */
function heldNote(ctx: ExplainContext, contactId: number): string {
  const hold = holdOf(ctx, contactId);
  if (hold === null) return '';
  return `, ${hold.byLink ? 'linked to' : 'ufmatch links it to'} user ${hold.holder}`;
}

/** What a less likely candidate has, in a few words (its name is in its reference). */
function lessLikely(w: Warning): string {
  switch (w.code) {
    case 'email-typo':
      return `a close address, ${w.contactEmail}`;
    case 'alias-email':
      return `the same mailbox, ${w.contactEmail}`;
    case 'name-match':
      return w.contactEmail ? `another email, ${w.contactEmail}` : 'no email';
    default:
      return w.code;
  }
}

function fixSteps(ctx: ExplainContext, ordered: readonly Warning[], words: readonly WarningWords[], civicrm: CivicrmView): FixStep[] {
  const r = ctx.row;
  const u = r.user;
  const next = nextSync(ctx.platform, u);
  const steps: FixStep[] = [];
  const seen = new Set<string>();
  const sqlSeen = new Set<string>();
  const add = (s: FixStep) => {
    const k = `${s.text}\n${s.sql ?? ''}`;
    if (seen.has(k)) return;
    seen.add(k);
    // the same statement offered twice (two warnings about one gone account's link): its words
    // stay (they may say more), the statement is shown once
    if (s.sql && sqlSeen.has(s.sql)) {
      steps.push({ ...s, text: `${s.text.replace(/:$/, '')} (the statement above).`, sql: null });
      return;
    }
    if (s.sql) sqlSeen.add(s.sql);
    steps.push(s);
  };
  const d0 = r.decision;
  if (ctx.link && ctx.moreLinks.length > 0) {
    // every statement below names the link by uf_id: with two rows it changes both, and the
    // table's unique keys refuse that (a second row with the same contact or uf_name)
    const n = ctx.moreLinks.length + 1;
    const others = ctx.moreLinks.map((l) => `contact ${l.contactId} (line ${l.line})`).join(', ');
    add(
      step(
        null,
        `User ${u.ufId} has ${n} rows in civicrm_uf_match for domain ${ctx.domainId}: CiviCRM uses the first, to contact ${ctx.link.contactId} (links file line ${ctx.link.line}); the other${n > 2 ? 's' : ''}, to ${others}, still hold${n > 2 ? '' : 's'} ${n > 2 ? 'their contacts' : 'its contact'} and uf_name. First delete the rows that are wrong, by their id (a statement by uf_id, as any below, changes every row):`,
        `SELECT id, contact_id, uf_name FROM civicrm_uf_match WHERE uf_id = ${sqlInt(u.ufId)} AND domain_id = ${sqlInt(ctx.domainId)};`,
      ),
    );
  }
  if (d0.decidedBy !== 'auto' && r.warnings.length > 0) {
    // the operator has settled this user: the steps below are the records' case, not the plan
    const by = d0.decidedBy === 'operator' ? 'The operator' : 'The decisions file';
    const what = d0.action === 'link' || d0.action === 'keep' ? `${d0.action} ${cref(ctx, d0.contactId)}` : d0.action === 'create' ? 'create a new contact' : d0.action;
    add(step(null, `${by} has settled this user: ${what}. A step below that goes against that applies only if the decision turns out wrong.`));
  }
  // a review whose proposal carries the user's email: that is the likeliest answer, said first —
  // unless another user has that email: then no link can be made with it until the accounts are settled
  const emailShared = r.warnings.some((w) => w.code === 'duplicate-user-email');
  if (d0.action === 'review' && d0.contactId !== null && ctx.holderOf(d0.contactId) === null && !emailShared) {
    const best = r.candidates.find((c) => c.contactId === d0.contactId);
    if (best && best.basis === 'exact-email' && best.usable) {
      // (one of another name is "probably not them" above: asked about first, not linked unasked)
      add(
        step(
          null,
          hasAnotherName(ctx, d0.contactId)
            ? `ufmatch's proposal is ${cref(ctx, d0.contactId)}, which carries the user's email but has another name than the user (${userName(u)}): ask the user whether it is them (a shared address?) before linking it in the ufmatch review (y).`
            : `ufmatch's proposal is ${cref(ctx, d0.contactId)}, which carries the user's email${best.nameAgrees ? ' and has their name' : ''}: unless a step below shows it is someone else, link it in the ufmatch review (y).`,
        ),
      );
    }
  }
  // a name-match on a contact that an email warning already names adds one line, not a candidate
  const ownCandidate = (w: Warning) =>
    LIKENESS.has(w.code) && !(w.code === 'name-match' && ordered.some((x) => x !== w && x.contactId === w.contactId && LIKENESS.has(x.code)));
  const limit = ordered.some((w) => ownCandidate(w) && w.score >= ALMOST_CERTAIN) ? 1 : FULL_FIX_CANDIDATES;
  let full = 0;
  const rest: Warning[] = [];
  ordered.forEach((w, i) => {
    if (ownCandidate(w)) {
      if (full >= limit) {
        rest.push(w);
        return;
      }
      full++;
    }
    for (const s of words[i]!.fix) add(s);
  });
  if (rest.length > 0) {
    const named = rest.map((w) => `${cref(ctx, w.contactId!)}: ${lessLikely(w)}${heldNote(ctx, w.contactId!)}`);
    add(step(null, `Only if none of the contacts above is the user, ask the user about these others too (see the candidates above): ${named.join('; ')}.`));
  }
  if (full + rest.length > 0 && d0.action !== 'link' && d0.action !== 'keep' && ctx.link === null && !(d0.decidedBy !== 'auto' && d0.action === 'create')) {
    // once, after every look-alike: the answer when none of them is the user
    const emailHeld = r.warnings.some((w) => w.code === 'duplicate-user-email');
    add(
      step(
        null,
        emailHeld
          ? `If none of these contacts is the user, they need a contact of their own: settle the accounts that share their email first (see above), then let ufmatch create one (ufmatch review: c).`
          : `If none of these contacts is the user, they are not in CiviCRM yet: let ufmatch create a contact for user ${u.ufId} (ufmatch review: c).`,
      ),
    );
  }
  const d = r.decision;
  if (r.warnings.length === 0) {
    if (ctx.link && d.action === 'keep') {
      add(step(null, `Nothing to fix in the link: user ${u.ufId} is linked to ${cref(ctx, ctx.link.contactId)}, which carries their email.`));
      add(step(null, `If they still miss records (donations, for example), those are probably on a duplicate contact: search CiviCRM for ${u.emailKey || 'their email'} and their name, and merge any duplicate into contact ${ctx.link.contactId}, keeping ${ctx.link.contactId}.`));
    } else if (d.action === 'link') {
      // the one contact carrying the address, with someone else's name: a shared address, or a
      // typo on either side — neither "nothing is wrong" nor a link to make unasked
      const other = hasAnotherName(ctx, d.contactId);
      if (civicrm.outcome.kind === 'link' && civicrm.outcome.contact_id === d.contactId) {
        if (other) {
          const alike = namesake(ctx, d.contactId);
          add(step(null, `CiviCRM links ${cref(ctx, d.contactId)} by itself ${next}, but it has another name than the user (${userName(u)}): ask the user whether it is them (a family's or an office's shared address?).${alike ? ` ${capitalize(alike)} has their name: perhaps that one is theirs.` : ''} If it is not them, CiviCRM links it all the same: correct the address on one side (the user's in the CMS, or the contact's in CiviCRM), and decide the user otherwise in the ufmatch review (its Link queue).`));
        } else if (!ctx.linksGiven) {
          add(step(null, `Nothing is wrong in these files, but no --links file was given: check in CiviCRM that user ${u.ufId} is not linked already. If not, CiviCRM links ${cref(ctx, d.contactId)} by itself ${next}.`));
        } else add(step(null, `Nothing is wrong: CiviCRM links ${cref(ctx, d.contactId)} by itself ${next}.`));
      }
      const now = linkNow(ctx.domainId, u, d.contactId, other ? `If ${cref(ctx, d.contactId)} is them, to link now` : 'To link now');
      add(step(null, now.text, now.sql));
    } else if (d.action === 'create') {
      const carrier = r.candidates.find((c) => c.basis === 'exact-email' && c.usable);
      if (carrier) {
        // an operator or --decisions chose a new contact although one carries the address
        add(step(null, `The decision is a new contact, though ${cref(ctx, carrier.contactId)} carries ${u.emailKey}: CiviCRM on its own picks a contact carrying the address, so if the new contact is right, take ${u.emailKey} off ${cref(ctx, carrier.contactId)} (or link the new contact by hand once it is imported).`));
      } else {
        add(step(null, `No contact carries ${u.emailKey}: CiviCRM creates a new one ${next}. If the user gave another address (when donating, for example), find that contact and add ${u.email.trim()} to it first, so that CiviCRM links it instead.`));
      }
    } else if (d.action === 'review') {
      add(step(null, `Settle this user in the ufmatch review (the Review queue).`));
    } else if (d.action === 'skip') {
      add(step(null, `ufmatch skips this user (${d.reason}); nothing is written for them.`));
    }
  }
  const found = duplicateTarget(ctx);
  // a held contact cannot be linked: no merge into it; nor against an operator's create or skip
  const overruled = d0.decidedBy !== 'auto' && !(d0.action === 'link' && found !== null && d0.contactId === found.id);
  // nor while another user has the email: which account gets the contact is settled first (above)
  const target = found !== null && ctx.holderOf(found.id) === null && !overruled && !emailShared ? found.id : null;
  if (target !== null && ctx.link === null) {
    const many = civicrm.multiplies ? 'several new contacts' : 'a new contact';
    add(step(null, `If user ${u.ufId} ${hasSynced(ctx.platform, u)} since these exports, CiviCRM has probably already created ${many} for ${u.emailKey}: once the user is linked to ${cref(ctx, target)}${found!.certainty === 'sure' ? '' : ' (if it is theirs)'}, merge ${civicrm.multiplies ? 'them' : 'it'} into contact ${target}, keeping ${target}, which holds the history.`));
  }
  return steps;
}
