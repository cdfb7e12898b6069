/**
 * Resuming a journal: its decisions can be undone one by one, as in the session that made them.
 * The undo stack starts with the journal's own steps (applyJournal's `steps`), not with each
 * user's net change: two users who swapped contacts got there through a step that freed one
 * of them, and undoing the net changes in any order would pass through two links to one contact.
 */
import { describe, expect, it } from 'vitest';
import { applyJournal, type JournalEntry } from '../../src/decide/journal.js';
import { buildPlan } from '../../src/decide/plan.js';
import { sameDecision, type Decision } from '../../src/domain/decisions.js';
import { initialReview, reviewReducer, type ReviewState } from '../../src/tui/state/review.js';
import { reviewModel } from '../../src/tui/state/model.js';
import { contactFacts } from '../../src/domain/contactList.js';
import { contact, dataset, user } from '../helpers/build.js';

const ANN = ['ann@x.org', 'ann2@x.org'];
const data = dataset(
  [user(1, 'ann@x.org', { firstName: 'Ann', lastName: 'Lee' }), user(13, 'ann2@x.org', { firstName: 'Ann', lastName: 'Lee' })],
  [contact(101, ANN, { firstName: 'Ann', lastName: 'Lee' }), contact(102, ANN, { firstName: 'Ann', lastName: 'Lee' })],
);

let line = 1;
const entry = (ufId: number, action: JournalEntry['action'], contactId: number | null = null): JournalEntry => ({
  ufId,
  email: ufId === 1 ? 'ann@x.org' : 'ann2@x.org',
  action,
  contactId,
  decidedAt: '2026-11-22T10:00:00Z',
  line: ++line,
});

/** Contacts held by two users' link or keep decisions at once (none in any state a review may reach). */
function doublyHeld(s: ReviewState): number[] {
  const seen = new Set<number>();
  const twice: number[] = [];
  for (let i = 0; i < s.rows.length; i++) {
    const d: Decision = s.rows.decision(i);
    if (d.action !== 'link' && d.action !== 'keep') continue;
    if (seen.has(d.contactId)) twice.push(d.contactId);
    seen.add(d.contactId);
  }
  return twice;
}

describe('undo after resuming a journal', () => {
  // both users go to review (two contacts carry each address); the operator links them, then swaps them through a skip
  const swap = [entry(1, 'link', 101), entry(13, 'link', 102), entry(1, 'skip'), entry(13, 'link', 101), entry(1, 'link', 102)];

  it('applyJournal lists every step that changed a decision, in the journal order', () => {
    const plan = buildPlan(data);
    expect(plan.rows.map((r) => r.decision.action)).toEqual(['review', 'review']);
    const r = applyJournal(plan, swap, contactFacts(data.contacts), 'operator');
    expect(r.problems).toEqual([]);
    expect(r.steps!.map((st) => [st.row, st.to.action, 'contactId' in st.to ? st.to.contactId : null])).toEqual([
      [0, 'link', 101],
      [1, 'link', 102],
      [0, 'skip', null],
      [1, 'link', 101],
      [0, 'link', 102],
    ]);
  });

  it('u walks back through the earlier session\'s states, never two links to one contact, to ufmatch\'s proposals; Ctrl-r walks forward again', () => {
    const plan = buildPlan(data);
    const r = applyJournal(plan, swap, contactFacts(data.contacts), 'operator');
    let s = initialReview(reviewModel(r.plan, data.contacts, data.links, 'out'), { restoredSteps: r.steps!, unwritten: 2, baseline: plan.rows.map((x) => x.decision) });
    const states: string[] = [];
    const decisions = (st: ReviewState) => [0, 1].map((i) => { const d = st.rows.decision(i); return `${d.action}${'contactId' in d && d.contactId !== null ? ` ${d.contactId}` : ''}`; }).join(', ');
    for (let k = 0; k < 5; k++) {
      s = reviewReducer(s, { type: 'undo' });
      expect(s.events).toHaveLength(1); // each undo is journaled, as the earlier session's were
      expect(doublyHeld(s)).toEqual([]);
      states.push(decisions(s));
    }
    expect(states).toEqual(['skip, link 101', 'skip, link 102', 'link 101, link 102', 'link 101, review 102', 'review 101, review 102']);
    expect([0, 1].every((i) => sameDecision(s.rows.decision(i), plan.rows[i]!.decision))).toBe(true);
    expect(s.unwritten).toBe(0);
    expect(reviewReducer(s, { type: 'undo' }).message?.text).toBe('nothing to undo');
    for (let k = 0; k < 5; k++) s = reviewReducer(s, { type: 'redo' });
    expect(decisions(s)).toBe('link 102, link 101');
    expect(s.unwritten).toBe(2);
  });

  it('a journal with a row not applied gives no steps, so nothing restored is undone on a guess', () => {
    const plan = buildPlan(data);
    const r = applyJournal(plan, [...swap, entry(77, 'skip')], contactFacts(data.contacts), 'operator');
    expect(r.problems.map((p) => p.kind)).toEqual(['unknown-user']);
    expect(r.steps).toBeNull();
  });
});
