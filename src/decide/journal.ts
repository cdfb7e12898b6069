/**
 * decisions.csv (SPEC §5.6): the operator's journal, `uf_id,email,action,contact_id,decided_at`.
 * Parsing and applying are pure; appending lives in output/journalFile.ts.
 */
import { article } from '../domain/article.js';
import { ACTIONS, decisionContact, sameDecision, type Action, type Decision, type Plan, type UserPlan } from '../domain/decisions.js';
import { withDecidedCandidate } from './decidedCandidate.js';
import { Holds } from './holds.js';
import { refusalOf, type ContactFacts, type Refusal } from './operatorRules.js';
import type { ExistingLink } from '../domain/types.js';
import { emailKey } from '../match/email.js';
import { undefused } from '../output/csvCell.js';
import { runsOn } from './journalLines.js';

export const JOURNAL_HEADER = ['uf_id', 'email', 'action', 'contact_id', 'decided_at'] as const;

export interface JournalEntry {
  readonly ufId: number;
  readonly email: string;
  readonly action: Action;
  readonly contactId: number | null;
  readonly decidedAt: string;
  /** Line in the file, for reports. */
  readonly line: number;
}

export type ReplayProblemKind =
  | 'unknown-user'
  | 'email-changed'
  | 'contact-gone'
  | 'contact-unusable'
  | 'has-link'
  | 'no-email'
  | 'conflict'
  | 'not-linked'
  | 'malformed';

export interface ReplayProblem {
  readonly kind: ReplayProblemKind;
  readonly ufId: number | null;
  readonly line: number;
  readonly detail: string;
}

export function journalRow(e: Omit<JournalEntry, 'line'>): (string | number | null)[] {
  return [e.ufId, e.email, e.action, e.contactId, e.decidedAt];
}

export function entryFor(r: UserPlan, d: Decision, at: Date | string): Omit<JournalEntry, 'line'> {
  return { ufId: r.user.ufId, email: journalEmail(r.user.email), action: d.action, contactId: decisionContact(d), decidedAt: typeof at === 'string' ? at : at.toISOString() };
}

/**
 * The email as the journal writes it: a line break (an export's quoted cell can hold one) as a
 * space, so that every row of the journal is one line (journalLines.ts reads it line by line).
 * The replay compares emails by emailKey, which trims: an address a stray line break ends or
 * starts reads the same; one with a break inside is no valid address, which no decision links.
 */
export function journalEmail(email: string): string {
  return email.replace(/[\r\n]/g, ' ');
}

/**
 * Parse data rows (header already checked by the caller) into entries and problems. A row must
 * have the header's `width` columns: fewer is a row cut short (a crash or a full disk in the
 * middle of a write: `…,link,14` may be `…,link,143` cut), more with an action word among them
 * two rows run together (shapeProblem); either is reported and replaces nothing, so the decision before it stays in
 * force. decided_at is not checked: it only records when (the order of the rows decides which
 * entry wins), and a cut inside it leaves the decision's own cells whole.
 */
export function parseJournalRows(
  rows: readonly { cells: readonly string[]; line: number }[],
  col: { ufId: number; email: number; action: number; contactId: number; decidedAt: number },
  width: number,
): { entries: JournalEntry[]; problems: ReplayProblem[] } {
  const entries: JournalEntry[] = [];
  const problems: ReplayProblem[] = [];
  for (const { cells, line } of rows) {
    // a spreadsheet's empty row (`,,,,`) is no row, as in the inputs
    if (cells.every((c) => c.trim() === '')) continue;
    const uf = (cells[col.ufId] ?? '').trim();
    const shape = shapeProblem(cells, width);
    if (shape !== null) {
      problems.push({ kind: 'malformed', ufId: /^\d+$/.test(uf) && Number.isSafeInteger(Number(uf)) ? Number(uf) : null, line, detail: shape });
      continue;
    }
    const act = (cells[col.action] ?? '').trim().toLowerCase();
    const cid = (cells[col.contactId] ?? '').trim();
    const ufId = /^\d+$/.test(uf) ? Number(uf) : NaN;
    if (!Number.isSafeInteger(ufId) || !(ACTIONS as readonly string[]).includes(act) || (cid !== '' && !/^\d+$/.test(cid))) {
      problems.push({ kind: 'malformed', ufId: Number.isSafeInteger(ufId) ? ufId : null, line, detail: 'not a decision row (uf_id, action or contact_id unreadable)' });
      continue;
    }
    entries.push({
      ufId,
      email: cells[col.email] ?? '',
      action: act as Action,
      contactId: cid === '' ? null : Number(cid),
      decidedAt: (cells[col.decidedAt] ?? '').trim(),
      line,
    });
  }
  return { entries, problems };
}

/**
 * Why a row does not have the header's shape, or null. Cells past the header's columns are a
 * second row run into this one when one of them is an action word (a lost line break leaves the
 * next row's cells there); anything else there is an operator's note in a column added without a
 * name (a spreadsheet's), and is ignored as a named column the journal does not use would be.
 */
function shapeProblem(cells: readonly string[], width: number): string | null {
  if (cells.length < width) return `cut short (${cells.length} of its ${width} columns), not applied`;
  if (runsOn(cells, width)) return `more columns than the header (${cells.length} for ${width}: two rows run together?), not applied`;
  return null;
}

export interface ReplayResult {
  readonly plan: Plan;
  readonly applied: number;
  readonly problems: readonly ReplayProblem[];
  /** Row position → decided_at of the entry that decided it, for the rows an entry decides at the end. */
  readonly decidedAt: ReadonlyMap<number, string>;
  /**
   * Each entry that changed a decision, in the journal's order (its undos and redos are entries
   * too), when every entry applied as it stood: each step was valid after the ones before it, so
   * undoing them one by one from the last walks back through states the earlier session had.
   * Null when any entry was not applied: what the others meant may then rest on it.
   */
  readonly steps: readonly ReplayStep[] | null;
  /** The file's rows were not in decided_at order (sorted in a spreadsheet?): they were applied in time order. */
  readonly reordered: boolean;
}

/** One entry's change of a user's decision (the shape of the review's undo steps). */
export interface ReplayStep {
  readonly row: number;
  readonly from: Decision;
  readonly to: Decision;
}

/** A link or keep entry whose contact_id is empty. */
const NAMES_NO_CONTACT: Refusal = { code: 'contact-gone', contactId: null };

/** A refused line, in words that name no key (the TUI words its own refusals with keys). */
function refusalWords(no: Refusal, ufId: number): { kind: ReplayProblemKind; detail: string } {
  switch (no.code) {
    case 'has-link':
      return { kind: 'has-link', detail: `user ${ufId} already has a link to contact ${no.contactId} in CiviCRM, which CiviCRM keeps whatever the emails say; change existing links in CiviCRM itself` };
    case 'not-linked':
      return { kind: 'not-linked', detail: `user ${ufId} has no existing link to contact ${no.contactId ?? '(none)'} to keep` };
    case 'no-email':
      return { kind: 'no-email', detail: `user ${ufId} has no email: a link needs it as its uf_name; add the email in the CMS first` };
    case 'invalid-email':
      return { kind: 'no-email', detail: `user ${ufId}'s email is not a valid address: ufmatch links no such user; correct the address in the CMS first` };
    case 'contact-gone':
      return { kind: 'contact-gone', detail: no.contactId === null ? 'the link names no contact (contact_id is empty)' : `contact ${no.contactId} is not in the contacts export` };
    case 'contact-unusable':
      return {
        kind: 'contact-unusable',
        detail: `contact ${no.contactId} ${no.deleted ? 'is in the trash' : `is ${article(no.type)}, not an Individual`}: CiviCRM links users to Individuals not in the trash`,
      };
  }
}

/**
 * Apply journal entries in order; a later entry for a user replaces an earlier one. An entry
 * is not applied, and is reported, when its user is gone, the user's email changed since,
 * it breaks an operator rule (decide/operatorRules.ts: an existing link stays, a user without
 * a valid email is not linked, a link names an Individual of the export not in the trash), or
 * it would make a second link to a contact or with an email. A user whose latest entry is not
 * applied goes back to ufmatch's own proposal, not to an earlier entry that this one replaced;
 * meanwhile it holds nothing, so the other users' valid entries stand, and it ends on review
 * when one of them has taken what its proposal links.
 * An entry equal to ufmatch's own proposal restores that proposal (decided_by stays auto).
 */
export function applyJournal(
  plan: Plan,
  fileEntries: readonly JournalEntry[],
  facts: ContactFacts,
  by: 'operator' | 'decisions-file',
  links: readonly ExistingLink[] = [],
): ReplayResult {
  const entries = inTimeOrder(fileEntries);
  const reordered = entries !== fileEntries;
  const rows = plan.rows.slice();
  const pos = new Map<number, number>();
  rows.forEach((r, i) => pos.set(r.user.ufId, i));
  const holds = Holds.fromRows(rows, links);
  const problems: ReplayProblem[] = [];
  const steps: ReplayStep[] = [];
  let applied = 0;
  /**
   * Users whose latest entry so far was refused: on review meanwhile, holding nothing, so that
   * an operator's valid decision for another user is not refused because of them; at the end
   * they go back to ufmatch's proposal, or stay on review when someone now holds what it links.
   */
  const pending = new Set<number>();
  const decidedAt = new Map<number, string>();
  const withdraw = (i: number): void => {
    const r = rows[i]!;
    decidedAt.delete(i);
    if (r.proposal.action === 'keep') return; // an existing link: no entry changes it, and it holds its contact throughout
    const waiting: Decision = { action: 'review', contactId: decisionContact(r.proposal), reason: 'needs-review', decidedBy: 'auto' };
    holds.change(r.user, r.decision, waiting);
    rows[i] = { ...r, decision: waiting };
    pending.add(i);
  };
  /** Why an entry cannot stand whatever the other users hold (its user's own facts and the rules), or null. */
  const ownProblem = (e: JournalEntry, r: UserPlan): { kind: ReplayProblemKind; detail: string } | null => {
    // the journal's writer defuses an email that starts with = + - @ (csvCell): either form is the user's
    if (emailKey(e.email) !== r.user.emailKey && emailKey(undefused(e.email)) !== r.user.emailKey) {
      return { kind: 'email-changed', detail: `user ${e.ufId}'s email has changed since the decision was made` };
    }
    const d = decisionOf(r, e, by);
    const no = d === null ? NAMES_NO_CONTACT : refusalOf(r, d, facts);
    return no === null ? null : refusalWords(no, e.ufId);
  };
  // A user whose last entry cannot stand ends on the proposal (or review) whatever came before
  // it: it holds nothing from the start, so the order of the other users' entries does not
  // decide whether they get what its proposal links.
  const last = new Map<number, JournalEntry>();
  for (const e of entries) last.set(e.ufId, e);
  const doomed = new Set<number>();
  for (const [ufId, e] of last) {
    const i = pos.get(ufId);
    if (i !== undefined && ownProblem(e, rows[i]!) !== null) doomed.add(i);
  }
  for (const i of doomed) withdraw(i);
  for (const e of entries) {
    const i = pos.get(e.ufId);
    if (i === undefined) {
      problems.push({ kind: 'unknown-user', ufId: e.ufId, line: e.line, detail: `user ${e.ufId} is not in the users export` });
      continue;
    }
    const r = rows[i]!;
    const own = ownProblem(e, r);
    if (own !== null) {
      problems.push({ ufId: e.ufId, line: e.line, ...own });
      withdraw(i);
      continue;
    }
    if (doomed.has(i)) continue; // replaced by a later entry that cannot stand
    const d = decisionOf(r, e, by)!;
    const conflict = holds.conflict(r.user, d);
    if (conflict) {
      // an existing link (of a user in the export, whose decision stays keep, or of one missing
      // from it) or another user's decision, automatic or not
      const holderRow = pos.get(conflict.holder);
      const planned = holderRow !== undefined && rows[holderRow]!.decision.action !== 'keep';
      const what = conflict.kind === 'contact' ? `contact ${decisionContact(d)}` : 'this email';
      problems.push({
        kind: 'conflict',
        ufId: e.ufId,
        line: e.line,
        detail: planned
          ? `the plan already gives ${what} to user ${conflict.holder} (decide that user otherwise first)`
          : `${what} is already linked to user ${conflict.holder} in CiviCRM`,
      });
      withdraw(i);
      continue;
    }
    holds.change(r.user, r.decision, d);
    if (!sameDecision(r.decision, d)) steps.push({ row: i, from: r.decision, to: d });
    rows[i] = withDecidedCandidate({ ...r, decision: d }, d, facts);
    pending.delete(i);
    decidedAt.set(i, e.decidedAt);
    applied++;
  }
  for (const i of [...pending].sort((a, b) => a - b)) {
    const r = rows[i]!;
    if (holds.conflict(r.user, r.proposal)) continue;
    holds.change(r.user, r.decision, r.proposal);
    rows[i] = { ...r, decision: r.proposal };
  }
  return { plan: { ...plan, rows }, applied, problems, decidedAt, steps: problems.length === 0 ? steps : null, reordered };
}

/** An ISO 8601 time as entryFor writes it (or with an offset): kept as it is when a decision is journaled again. */
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * Whether each part of an ISO_TIME match names a time that exists: Date.parse takes 2026-02-30
 * for 2 March and 24:00 for the next midnight, which would journal a time the file never said.
 */
function existingTime(m: RegExpExecArray): boolean {
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const offsetHours = m[7] === undefined ? 0 : Number(m[7]);
  const offsetMinutes = m[8] === undefined ? 0 : Number(m[8]);
  if (month! < 1 || month! > 12 || day! < 1 || hour! > 23 || minute! > 59 || second > 59) return false;
  if (offsetHours > 23 || offsetMinutes > 59) return false;
  const leap = year! % 4 === 0 && (year! % 100 !== 0 || year! % 400 === 0);
  return day! <= (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month! - 1]!);
}

/** Milliseconds since 1970 of an ISO 8601 decided_at (ISO_TIME, a time that exists), or NaN. */
function isoMillis(decidedAt: string): number {
  const m = ISO_TIME.exec(decidedAt);
  return m !== null && existingTime(m) ? Date.parse(decidedAt) : NaN;
}

/**
 * The entries in the order they were decided. A journal is appended in that order, so this is
 * the file's order — unless the file was sorted (a spreadsheet's sort by action or newest first
 * would otherwise have an abandoned decision replayed over the one that replaced it). Only when
 * every row has an ISO 8601 decided_at (as ufmatch writes it) are they put back in time order,
 * rows of one time keeping the file's order; otherwise, and when already in order, the same array.
 */
export function inTimeOrder(entries: readonly JournalEntry[]): readonly JournalEntry[] {
  const times = entries.map((e) => isoMillis(e.decidedAt));
  if (times.some((t) => Number.isNaN(t))) return entries;
  if (times.every((t, i) => i === 0 || times[i - 1]! <= t)) return entries;
  return entries.map((e, i) => ({ e, t: times[i]!, i })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.e);
}

/**
 * The time to journal a replayed decision with: the decided_at its file gave, when that is an
 * ISO 8601 time, so that the journal keeps when the operator decided; else `now`. A time written
 * otherwise (a spreadsheet's 22/11/2026 10:04) is not guessed at: day and month are ambiguous.
 */
export function replayedAt(decidedAt: string | undefined, now: Date): string {
  const m = decidedAt === undefined ? null : ISO_TIME.exec(decidedAt);
  return m !== null && existingTime(m) && !Number.isNaN(Date.parse(decidedAt!)) ? decidedAt! : now.toISOString();
}

/**
 * The decision an entry states for its user: ufmatch's own proposal object when it states that;
 * null for a link or keep that names no contact.
 */
function decisionOf(r: UserPlan, e: JournalEntry, by: 'operator' | 'decisions-file'): Decision | null {
  const p = r.proposal;
  if (e.action === p.action && (e.contactId ?? null) === decisionContact(p)) return p;
  // a link decided earlier and since loaded into CiviCRM (a journal replayed on a fresh export):
  // the existing link it made is what the entry asked for
  if (e.action === 'link' && p.action === 'keep' && e.contactId === p.contactId) return p;
  const reason = by === 'operator' ? 'operator' : 'decisions-file';
  switch (e.action) {
    case 'link':
      return e.contactId === null ? null : { action: 'link', contactId: e.contactId, reason, decidedBy: by };
    case 'keep':
      return e.contactId === null ? null : { action: 'keep', contactId: e.contactId, reason, decidedBy: by };
    case 'create':
      return { action: 'create', reason, decidedBy: by };
    case 'skip':
      return { action: 'skip', reason, decidedBy: by };
    case 'review':
      // a review row carries its best candidate (SPEC §5.1): the one its entry names, or the
      // proposal's (a hand-written `…,review,,` put the user back to review, not away from it)
      return { action: 'review', contactId: e.contactId ?? bestCandidateOf(r), reason: 'needs-review', decidedBy: by };
  }
}

/** The contact a review of this user points at when its entry names none: the proposal's, else the best usable candidate. */
function bestCandidateOf(r: UserPlan): number | null {
  const p = r.proposal;
  if (p.action === 'link' || p.action === 'review') return p.contactId;
  return r.candidates.find((c) => c.usable)?.contactId ?? null;
}

/**
 * The users whose decision a replayed journal changes (by position): a journal records every
 * step, undos included, so its rows overcount what resuming it restores.
 */
export function changedRows(before: Plan, after: Plan): number[] {
  const out: number[] = [];
  for (let i = 0; i < before.rows.length; i++) {
    if (writtenAs(before.rows[i]!.decision) !== writtenAs(after.rows[i]!.decision)) out.push(i);
  }
  return out;
}

/**
 * Of those rows, how many links.csv (as written earlier into the same folder: uf_id → action
 * and contact_id) does not already state: the decisions still to write after a resume.
 * @param written null when there is no links.csv
 */
export function unwrittenAfterResume(after: Plan, rows: readonly number[], written: ReadonlyMap<number, string> | null): number {
  if (written === null) return rows.length;
  let n = 0;
  for (const i of rows) {
    const r = after.rows[i]!;
    if (written.get(r.user.ufId) !== writtenAs(r.decision)) n++;
  }
  return n;
}

/**
 * The rows of the users a journal names (by uf_id) that links.csv does not state as the plan
 * now decides them: after an undo back to ufmatch's proposal, or after starting over, the
 * journal changes nothing, but links.csv may still hold what the earlier session wrote. A user
 * links.csv does not list is not counted (that file is of other inputs, or older).
 */
export function staleRowsInOutputs(plan: Plan, ufIds: ReadonlySet<number>, written: ReadonlyMap<number, string>): number[] {
  const out: number[] = [];
  plan.rows.forEach((r, i) => {
    if (!ufIds.has(r.user.ufId)) return;
    const w = written.get(r.user.ufId);
    if (w !== undefined && w !== writtenAs(r.decision)) out.push(i);
  });
  return out;
}

/**
 * What the outputs in the folder hold, per row: the decision links.csv states for the user
 * (written earlier into the same folder), or — for a user it does not list, or with no
 * links.csv — ufmatch's automatic one (each row's proposal, whatever a journal or --decisions
 * file made of its decision since), which a quit loses nothing of. A review counts as
 * unwritten exactly the users whose decision differs from this (sameDecision), whatever
 * brought them there: a resumed journal, a replayed file, an undo after writing, or starting over.
 * A decision links.csv states is rebuilt from its action and contact; a review there is the
 * review the row has (links.csv's contact_id of a review is that review's best candidate).
 */
export function writtenBaseline(plan: Plan, written: ReadonlyMap<number, string> | null): Decision[] {
  return plan.rows.map((r) => {
    const w = written?.get(r.user.ufId);
    // links.csv's review names the review's best candidate, which is what a review decision
    // carries: the one on screen is the one written (a refused entry's review, say, whose
    // contact is not the proposal's)
    if (w === 'review' && r.decision.action === 'review') return r.decision;
    if (w === undefined || w === writtenAs(r.proposal)) return r.proposal;
    const [action, contact] = w.split(':') as [string, string | undefined];
    const id = contact === undefined || contact === '' ? NaN : Number(contact);
    switch (action) {
      case 'link':
        return Number.isSafeInteger(id) ? { action, contactId: id, reason: 'operator', decidedBy: 'operator' } : r.proposal;
      case 'keep':
        return Number.isSafeInteger(id) ? { action, contactId: id, reason: 'existing-link', decidedBy: 'auto' } : r.proposal;
      case 'create':
        return { action, reason: 'operator', decidedBy: 'operator' };
      case 'skip':
        return { action, reason: 'operator', decidedBy: 'operator' };
      case 'review':
        return r.proposal.action === 'review' ? r.proposal : { action, contactId: null, reason: 'needs-review', decidedBy: 'auto' };
      default:
        return r.proposal; // not an action of ours: as if not listed
    }
  });
}

/** How many rows of `plan` decide otherwise than `baseline` (writtenBaseline) does. */
export function unwrittenAgainst(plan: Plan, baseline: readonly Decision[]): number {
  let n = 0;
  plan.rows.forEach((r, i) => {
    if (!sameDecision(r.decision, baseline[i]!)) n++;
  });
  return n;
}

/** A decision as links.csv states it: the action, and for link and keep the contact (`link:135`, `create`). */
export function writtenAs(d: Decision): string {
  return writtenKey(d.action, d.action === 'link' || d.action === 'keep' ? d.contactId : null);
}

/** writtenAs from a links.csv row's action and contact_id cells. */
export function writtenKey(action: string, contactId: number | string | null): string {
  return action === 'link' || action === 'keep' ? `${action}:${contactId}` : action;
}
