/**
 * decisions.csv (SPEC §5.6): the operator's journal, `uf_id,email,action,contact_id,decided_at`.
 * Parsing and applying are pure; appending lives in output/journalFile.ts.
 */
import { ACTIONS, type Action, type Decision, type Plan, type UserPlan } from '../domain/decisions.js';
import { Holds } from './holds.js';
import type { ExistingLink } from '../domain/types.js';
import { emailKey } from '../match/email.js';
import { undefused } from '../output/csvCell.js';

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

export type ReplayProblemKind = 'unknown-user' | 'email-changed' | 'contact-gone' | 'conflict' | 'not-linked' | 'malformed';

export interface ReplayProblem {
  readonly kind: ReplayProblemKind;
  readonly ufId: number | null;
  readonly line: number;
  readonly detail: string;
}

export function journalRow(e: Omit<JournalEntry, 'line'>): (string | number | null)[] {
  return [e.ufId, e.email, e.action, e.contactId, e.decidedAt];
}

export function entryFor(r: UserPlan, d: Decision, at: Date): Omit<JournalEntry, 'line'> {
  const contactId = d.action === 'link' || d.action === 'keep' || d.action === 'review' ? d.contactId : null;
  return { ufId: r.user.ufId, email: r.user.email, action: d.action, contactId, decidedAt: at.toISOString() };
}

/** Parse data rows (header already checked by the caller) into entries and problems. */
export function parseJournalRows(
  rows: readonly { cells: readonly string[]; line: number }[],
  col: { ufId: number; email: number; action: number; contactId: number; decidedAt: number },
): { entries: JournalEntry[]; problems: ReplayProblem[] } {
  const entries: JournalEntry[] = [];
  const problems: ReplayProblem[] = [];
  for (const { cells, line } of rows) {
    const uf = (cells[col.ufId] ?? '').trim();
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

export interface ReplayResult {
  readonly plan: Plan;
  readonly applied: number;
  readonly problems: readonly ReplayProblem[];
}

const sameDecision = (a: Decision, action: Action, contactId: number | null): boolean =>
  a.action === action &&
  ((a.action === 'link' || a.action === 'keep' || a.action === 'review' ? a.contactId : null) ?? null) === (contactId ?? null);

/**
 * Apply journal entries in order (a later entry for a user replaces an earlier one). An entry
 * is not applied, and is reported, when its user is gone, the user's email changed since,
 * its contact is gone, or it would make a second link to a contact or with an email.
 * An entry equal to ufmatch's own proposal restores that proposal (decided_by stays auto).
 */
export function applyJournal(
  plan: Plan,
  entries: readonly JournalEntry[],
  contactExists: (id: number) => boolean,
  by: 'operator' | 'decisions-file',
  links: readonly ExistingLink[] = [],
): ReplayResult {
  const rows = plan.rows.slice();
  const pos = new Map<number, number>();
  rows.forEach((r, i) => pos.set(r.user.ufId, i));
  const holds = Holds.fromRows(rows, links);
  const problems: ReplayProblem[] = [];
  let applied = 0;
  for (const e of entries) {
    const i = pos.get(e.ufId);
    if (i === undefined) {
      problems.push({ kind: 'unknown-user', ufId: e.ufId, line: e.line, detail: `user ${e.ufId} is not in the users export` });
      continue;
    }
    const r = rows[i]!;
    // the journal's writer defuses an email that starts with = + - @ (csvCell): either form is the user's
    if (emailKey(e.email) !== r.user.emailKey && emailKey(undefused(e.email)) !== r.user.emailKey) {
      problems.push({ kind: 'email-changed', ufId: e.ufId, line: e.line, detail: `user ${e.ufId}'s email has changed since the decision was made` });
      continue;
    }
    let d: Decision;
    if (sameDecision(r.proposal, e.action, e.contactId)) d = r.proposal;
    else {
      const reason = by === 'operator' ? 'operator' : 'decisions-file';
      switch (e.action) {
        case 'link':
        case 'keep': {
          if (e.contactId === null || !contactExists(e.contactId)) {
            problems.push({ kind: 'contact-gone', ufId: e.ufId, line: e.line, detail: `contact ${e.contactId ?? '(none)'} is not in the contacts export` });
            continue;
          }
          if (e.action === 'keep' && !(r.proposal.action === 'keep' && r.proposal.contactId === e.contactId)) {
            problems.push({ kind: 'not-linked', ufId: e.ufId, line: e.line, detail: `user ${e.ufId} has no existing link to contact ${e.contactId} to keep` });
            continue;
          }
          d = e.action === 'link'
            ? { action: 'link', contactId: e.contactId, reason, decidedBy: by }
            : { action: 'keep', contactId: e.contactId, reason, decidedBy: by };
          break;
        }
        case 'create':
          d = { action: 'create', reason, decidedBy: by };
          break;
        case 'skip':
          d = { action: 'skip', reason, decidedBy: by };
          break;
        case 'review':
          d = { action: 'review', contactId: e.contactId, reason: 'needs-review', decidedBy: by };
          break;
      }
    }
    const conflict = holds.conflict(r.user, d);
    if (conflict) {
      problems.push({
        kind: 'conflict',
        ufId: e.ufId,
        line: e.line,
        detail: conflict.kind === 'contact'
          ? `contact ${(d as { contactId: number }).contactId} is already linked to user ${conflict.holder}`
          : `user ${conflict.holder} already holds this email`,
      });
      continue;
    }
    holds.change(r.user, r.decision, d);
    rows[i] = { ...r, decision: d };
    applied++;
  }
  return { plan: { ...plan, rows }, applied, problems };
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

/** A decision as links.csv states it: the action, and for link and keep the contact (`link:135`, `create`). */
export function writtenAs(d: Decision): string {
  return writtenKey(d.action, d.action === 'link' || d.action === 'keep' ? d.contactId : null);
}

/** writtenAs from a links.csv row's action and contact_id cells. */
export function writtenKey(action: string, contactId: number | string | null): string {
  return action === 'link' || action === 'keep' ? `${action}:${contactId}` : action;
}
