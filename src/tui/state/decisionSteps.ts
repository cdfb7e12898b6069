/**
 * Changing a user's decision: the operator's keys (checked against the rules and the holds),
 * and undo/redo. Each change journals the new decision (an event for the shell) and counts
 * as unwritten.
 */
import { article } from '../../domain/article.js';
import { emailPickOverCreate } from '../../domain/createPassedOver.js';
import { decisionContact, type Decision } from '../../domain/decisions.js';
import { candidatesOnScreen } from '../detailLayout.js';
import { push, type Change } from './history.js';
import { operatorDecision, sameDecision, type OperatorCommand } from './operatorDecision.js';
import { QUEUE_LABEL, inQueue, positionOf } from './queues.js';
import type { JournalFault, ReviewEvent, ReviewState } from './review.js';
import { currentRow, currentView, say, withView } from './view.js';
import { keysSaid } from '../keys.js';

function userLabel(s: ReviewState, ufId: number): string {
  const i = s.model.rowOfUf.get(ufId);
  if (i === undefined) return `user ${ufId} (an existing link; not in the users export)`;
  const email = s.rows.row(i).user.email;
  return email ? `user ${ufId} (${email})` : `user ${ufId}`;
}

export function describeDecision(d: Decision): string {
  switch (d.action) {
    case 'link':
      return `link to contact ${d.contactId}`;
    case 'keep':
      return `keep the link to contact ${d.contactId}`;
    case 'create':
      return 'create a new contact';
    case 'skip':
      return 'skip';
    case 'review':
      return 'review';
  }
}

/**
 * Why `y` (accept ufmatch's proposal) would be refused for row i, in a few words, or null when
 * it would be taken: the detail pane promises y only where it works.
 */
export function acceptBlocked(s: ReviewState, i: number): string | null {
  const r = s.rows.row(i);
  const out = operatorDecision(r, { kind: 'accept' }, (id) => s.model.contacts.get(id));
  if ('refused' in out) {
    const c = r.candidates.find((x) => 'contactId' in r.proposal && x.contactId === r.proposal.contactId);
    const f = c ? s.model.contacts.get(c.contactId) : undefined;
    return f?.deleted ? 'in the trash' : f && f.type !== 'Individual' ? article(f.type) : `${keysSaid('accept')} says why not`;
  }
  if (sameDecision(s.rows.decision(i), out.ok)) return null;
  const conflict = s.holds.conflict(r.user, out.ok);
  if (!conflict) return null;
  return conflict.kind === 'contact' ? `held by user ${conflict.holder}` : `user ${conflict.holder} has this email`;
}

export function decide(s: ReviewState, command: OperatorCommand): ReviewState {
  const i = currentRow(s);
  if (i < 0) return say(s, `the ${QUEUE_LABEL[s.queue]} queue is empty: ${keysSaid('next-queue')} goes to the next one`, 'warn');
  const r = s.rows.row(i);
  // a digit for a candidate the detail pane has no room to show: the operator never saw that contact
  if (command.kind === 'pick' && s.detailSize !== null && command.n <= r.candidates.length) {
    const shown = candidatesOnScreen(r, s.model.plan.platform, s.detailSize.width, s.detailSize.height);
    // one short line: a message taller than that takes lines from the pane, and so hides candidates
    if (command.n > shown) return say(s, `candidate ${command.n} is off screen; ${shown > 1 ? `1–${shown} are` : shown === 1 ? '1 is' : 'none is'} shown`, 'warn');
  }
  const facts = (id: number) => s.model.contacts.get(id);
  const out = operatorDecision(r, command, facts);
  if ('refused' in out) return say(s, out.refused, 'warn');
  const from = s.rows.decision(i);
  const to = out.ok;
  if (sameDecision(from, to)) return say(s, `user ${r.user.ufId} is already set to ${describeDecision(to)}`);
  const conflict = s.holds.conflict(r.user, to);
  if (conflict) {
    // held through an existing link (a kept user, or one missing from the export): that user cannot be changed here
    const holderRow = s.model.rowOfUf.get(conflict.holder);
    const inCivicrm = holderRow === undefined || s.rows.decision(holderRow).action === 'keep';
    const who = userLabel(s, conflict.holder);
    const text =
      conflict.kind === 'contact'
        ? inCivicrm
          ? `contact ${decisionContact(to)} is linked to user ${conflict.holder} in CiviCRM — choose another, ${keysSaid('create')} create or ${keysSaid('skip')} skip (no second link to a contact; ${who})`
          : `contact ${decisionContact(to)} is taken by user ${conflict.holder} — change that user first, or choose another (no second link to a contact; ${who})`
        : inCivicrm
          ? `user ${conflict.holder} is linked with this email in CiviCRM — ${keysSaid('skip')} skips this user (one link per email; ${who})`
          : `user ${conflict.holder} already links this email — skip this user, or change that user first (one link per email; ${who})`;
    return say(s, text, 'warn');
  }
  const change: Change = { row: i, from, to };
  const next = apply(s, change, to);
  const over = emailPickOverCreate({ decision: to, candidates: r.candidates });
  return {
    ...next,
    undo: push(s.undo, change),
    redo: null,
    message:
      over === null
        ? { text: `user ${r.user.ufId} → ${describeDecision(to)} · u undoes`, tone: 'info' }
        : {
            text: `user ${r.user.ufId} → ${describeDecision(to)}, but CiviCRM takes contact ${over} by email when it links them: link the new one by hand after the import · u undoes`,
            tone: 'warn',
          },
  };
}

/** Set row's decision, update holds, journal it, and count it unwritten when it now differs from what was written. */
function apply(s: ReviewState, c: Change, d: Decision): ReviewState {
  const from = s.rows.decision(c.row);
  const user = s.rows.row(c.row).user;
  const written = s.baseline.decision(c.row);
  const delta = (sameDecision(written, d) ? 0 : 1) - (sameDecision(written, from) ? 0 : 1);
  return {
    ...s,
    rows: s.rows.set(c.row, d),
    holds: s.holds.change(user, from, d),
    unwritten: Math.max(0, s.unwritten + delta),
    journaled: true,
    events: [...s.events, { kind: 'decided', row: c.row, decision: d, before: s }],
  };
}

/**
 * The journal could not take a decision: the review goes back to the state before it (the
 * decision, its undo step and its count undone), saying so and why.
 */
export function notSaved(e: Extract<ReviewEvent, { kind: 'decided' }>, fault: JournalFault): ReviewState {
  const s = e.before;
  const journal = `${s.model.outDir}/decisions.csv`;
  const full = fault.code === undefined || fault.code === 'ENOSPC' || fault.code === 'EDQUOT';
  const after = fault.damaged ? `${journal} now ends in a part of it: ${keysSaid('write')} writes the outputs; delete that last line before resuming` : `${full ? 'free space' : 'fix that'}, then decide again (${journal})`;
  return {
    ...s,
    events: [],
    journalFault: fault,
    message: { tone: 'error', text: `not saved (${fault.why}), so not applied: user ${s.rows.row(e.row).user.ufId} → ${describeDecision(e.decision)} — ${after}` },
  };
}

export function travel(s: ReviewState, way: 'undo' | 'redo'): ReviewState {
  const stack = way === 'undo' ? s.undo : s.redo;
  if (!stack) return say(s, way === 'undo' ? 'nothing to undo' : 'nothing to redo');
  const c = stack.top;
  const d = way === 'undo' ? c.from : c.to;
  let next = apply(s, c, d);
  next = way === 'undo' ? { ...next, undo: stack.rest, redo: push(s.redo, c) } : { ...next, redo: stack.rest, undo: push(s.undo, c) };
  // show the user whose decision changed, when the queue still holds it
  if (inQueue(next.rows, next.queue, c.row)) {
    next = withView(next, next.queue, { ...currentView(next), cursor: positionOf(next.rows, next.queue, c.row) });
  }
  const ufId = s.rows.row(c.row).user.ufId;
  const text = way === 'undo'
    ? `undone: user ${ufId} is back to ${describeDecision(d)} · ${keysSaid('redo')} redoes`
    : `redone: user ${ufId} → ${describeDecision(d)} · ${keysSaid('undo')} undoes`;
  return say(next, text);
}
