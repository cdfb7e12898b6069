/** summary.json and summary.txt (SPEC §5.4). */
import { ACTIONS, type Action, type Plan } from '../domain/decisions.js';
import { PLATFORM_LABEL } from '../domain/platform.js';
import type { InputInfo } from '../domain/types.js';
import { WARNING_CODES, type WarningCode } from '../domain/warnings.js';
import { allWarnings } from './warningsCsv.js';
import { duplicateAvoided } from '../domain/duplicates.js';
import { createsPassedOver, type PassedOverCreate } from '../domain/createPassedOver.js';
import { linksToOtherAddresses, type LinkToOtherAddress } from '../domain/linksToOtherAddresses.js';

export interface CivicrmFigures {
  /** "Checked N user records." */
  readonly checked: number;
  /** "Found N matching contact records." (everything checked that did not make a new link) */
  readonly matching: number;
  /** "Created N new contact records." (CiviCRM counts every new link as created) */
  readonly created: number;
  /**
   * Duplicate contacts CiviCRM would create that the plan does not: users CiviCRM would give a
   * new contact although a warning, the decision or a taken contact names an existing contact
   * they probably are (domain/duplicates.ts, the rule explain says it by), or a new contact
   * whose link fails (repeated at every login), while the plan links, holds for review or skips.
   */
  readonly duplicates_avoided: number;
}

export interface Summary {
  readonly checked: number;
  readonly keep: number;
  readonly link: number;
  readonly create: number;
  readonly review: number;
  readonly skip: number;
  readonly warnings: Record<WarningCode, number>;
  readonly civicrm: CivicrmFigures;
  readonly platform: string;
  readonly domain_id: number;
  readonly inputs: Record<string, InputInfo | Record<string, never>>;
  readonly version: string;
  readonly elapsed_ms: number;
}

export interface SummaryMeta {
  readonly inputs: { users: InputInfo; contacts: InputInfo; links?: InputInfo; emails?: InputInfo };
  readonly version: string;
  readonly elapsedMs: number;
}

/** '' or spaces only: what `mail != ''` leaves out under a PAD SPACE collation. */
const onlySpaces = (s: string): boolean => /^ *$/.test(s);

export function civicrmFigures(plan: Plan): CivicrmFigures {
  let checked = 0;
  let created = 0;
  let avoided = 0;
  let failed = 0;
  for (const r of plan.rows) {
    // WordPress's and Joomla's batches walk every user (Joomla's `where($mail != '')` is
    // where(true) in PHP); Drupal's selects only `mail != ''`, which MySQL compares with
    // trailing spaces ignored (PAD SPACE collations): '  ' is ''.
    if (plan.platform !== 'drupal' || !onlySpaces(r.user.email)) checked++;
    const k = r.civicrm.kind;
    if (k === 'link' || k === 'create') created++;
    if (k === 'create-failed') failed++;
    if (duplicateAvoided(r)) avoided++;
  }
  // a user whose contact create throws is neither found nor created
  return { checked, matching: checked - created - failed, created, duplicates_avoided: avoided };
}

export function countActions(plan: Plan): Record<Action, number> {
  const counts = { keep: 0, link: 0, create: 0, review: 0, skip: 0 };
  for (const r of plan.rows) counts[r.decision.action]++;
  return counts;
}

export function countWarnings(plan: Plan): Record<WarningCode, number> {
  const counts = Object.fromEntries(WARNING_CODES.map((c) => [c, 0])) as Record<WarningCode, number>;
  for (const w of allWarnings(plan)) counts[w.code]++;
  return counts;
}

export function buildSummary(plan: Plan, meta: SummaryMeta): Summary {
  const a = countActions(plan);
  return {
    checked: plan.rows.length,
    keep: a.keep,
    link: a.link,
    create: a.create,
    review: a.review,
    skip: a.skip,
    warnings: countWarnings(plan),
    civicrm: civicrmFigures(plan),
    platform: plan.platform,
    domain_id: plan.domainId,
    inputs: {
      users: meta.inputs.users,
      contacts: meta.inputs.contacts,
      links: meta.inputs.links ?? {},
      ...(meta.inputs.emails ? { emails: meta.inputs.emails } : {}),
    },
    version: meta.version,
    elapsed_ms: Math.round(meta.elapsedMs),
  };
}

export function summaryJson(s: Summary): string {
  return JSON.stringify(s, null, 2) + '\n';
}

/** What summary.txt says beyond summary.json's figures. */
export interface SummaryNotes {
  /** Plan.civicrmBatchStopsAt */
  readonly civicrmBatchStopsAt?: number | null;
  /** The creates CiviCRM's email match will pass over (domain/createPassedOver.ts). */
  readonly passedOver?: readonly PassedOverCreate[];
  /** The links to contacts without the user's email (domain/linksToOtherAddresses.ts). */
  readonly otherAddresses?: readonly LinkToOtherAddress[];
}

/** What summary.txt says of this plan beyond its figures (the file and the scripted run's stdout alike). */
export function summaryNotesOf(plan: Plan): SummaryNotes {
  return { civicrmBatchStopsAt: plan.civicrmBatchStopsAt, passedOver: createsPassedOver(plan), otherAddresses: linksToOtherAddresses(plan) };
}

/** How many users summary.txt names in each of its lists. */
const NAMED_IN_A_LIST = 5;

const BASIS_WORDS: Readonly<Record<LinkToOtherAddress['basis'], string>> = {
  'alias-email': 'an alias of their address',
  'email-typo': 'a typo away from their address',
  'name-match': 'same name, another address',
  'not-a-candidate': 'another address',
};

export function summaryText(s: Summary, notes: SummaryNotes = {}): string {
  const lines: string[] = [];
  lines.push(`ufmatch ${s.version} — ${PLATFORM_LABEL[s.platform as keyof typeof PLATFORM_LABEL] ?? s.platform} users, domain ${s.domain_id}`);
  lines.push(`Checked ${s.checked} users: ${ACTIONS.map((a) => `${s[a]} ${a}`).join(', ')}.`);
  const ws = WARNING_CODES.filter((c) => s.warnings[c] > 0).map((c) => `${c} ${s.warnings[c]}`);
  lines.push(ws.length ? `Warnings: ${ws.join(', ')}.` : 'Warnings: none.');
  const c = s.civicrm;
  lines.push(
    `CiviCRM's own sync would report: Checked ${c.checked} user records. Found ${c.matching} matching contact records. Created ${c.created} new contact records.`,
  );
  if (notes.civicrmBatchStopsAt != null) {
    lines.push(
      `But CiviCRM's Synchronize Users batch would stop with an error at user ${notes.civicrmBatchStopsAt}, who has no email and no first or last name (its Contact create refuses such a contact): the figures above are what it would report if it went on. Give that user an email or a name first.`,
    );
  }
  lines.push(`Duplicate contacts CiviCRM would create that this plan avoids: ${c.duplicates_avoided}.`);
  const over = notes.passedOver ?? [];
  if (over.length > 0) {
    const n = over.length;
    const named = over.slice(0, NAMED_IN_A_LIST).map((p) => `user ${p.ufId} → contact ${p.contactId}`).join(', ');
    lines.push(
      `${n === 1 ? '1 user is' : `${n} users are`} to get a new contact (contacts-to-create.csv) that CiviCRM's email match will pass over: an existing contact has ${n === 1 ? 'their' : 'each one\'s'} email as its primary address, and CiviCRM takes that one when it next links them (${named}${n > NAMED_IN_A_LIST ? ', …' : ''}; action=create in links.csv, candidates listed). After the import, link ${n === 1 ? 'the new contact to its user' : 'each new contact to its user'} in civicrm_uf_match yourself, or change the address on one side first.`,
    );
  }
  const other = notes.otherAddresses ?? [];
  if (other.length > 0) {
    const n = other.length;
    const named = other.slice(0, NAMED_IN_A_LIST).map((l) => `user ${l.ufId} → contact ${l.contactId}, ${BASIS_WORDS[l.basis]}`).join('; ');
    lines.push(
      `${n === 1 ? '1 link joins a user' : `${n} links join users`} to a contact without ${n === 1 ? 'their' : 'the user\'s'} email (${named}${n > NAMED_IN_A_LIST ? '; …' : ''}). CiviCRM keeps such a link, but correct the contact's address, or add the user's to it, or the next run lists it as stale-link.`,
    );
  }
  if (s.review > 0) lines.push(`${s.review} ${s.review === 1 ? 'user needs' : 'users need'} review: open the TUI, or see links.csv (action=review).`);
  lines.push(`Done in ${s.elapsed_ms} ms.`);
  return lines.join('\n') + '\n';
}
