/**
 * A decision the journal cannot take (a full disk) is not applied: the review goes back to the
 * state before it, says it was not saved and why, and from then on promises no "safe" journal.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { ReviewEvent } from '../../src/tui/state/review.js';
import { quitNote, unwrittenNote } from '../../src/tui/unwrittenWords.js';
import { UF } from './helpers/plans.js';
import { renderApp } from './helpers/render.js';
import { apply, at, decisionOf, run, start } from './helpers/review.js';

afterEach(() => cleanup());

type Decided = Extract<ReviewEvent, { kind: 'decided' }>;

describe('a decision the journal could not take', () => {
  it('is not applied: decision, undo step and unwritten count are as before, and the message says why', () => {
    const s0 = apply(at(start(), UF.fresh), { type: 'decide', command: { kind: 'skip' } });
    expect(s0.unwritten).toBe(1);
    const { state: applied, events } = run(at(s0, UF.sharedEmail), { type: 'decide', command: { kind: 'pick', n: 2 } });
    expect(decisionOf(applied, UF.sharedEmail)).toMatchObject({ action: 'link', contactId: 102 });
    const event = events.find((e): e is Decided => e.kind === 'decided')!;
    const back = apply(applied, { type: 'not-saved', event, fault: { why: 'no space left on the device', damaged: false } });
    expect(decisionOf(back, UF.sharedEmail).action).toBe('review');
    expect(back.unwritten).toBe(1);
    expect(back.undo?.depth).toBe(1);
    expect(back.rows).toBe(event.before.rows);
    expect(back.holds).toBe(event.before.holds);
    expect(back.events).toEqual([]);
    expect(back.message).toEqual({
      tone: 'error',
      text: 'not saved (no space left on the device), so not applied: user 1 → link to contact 102 — free space, then decide again (out/decisions.csv)',
    });
    expect(back.journalFault).toEqual({ why: 'no space left on the device', damaged: false });
    // undo now undoes the skip of user 3, the last decision that was saved
    expect(decisionOf(apply(back, { type: 'undo' }), UF.fresh).action).toBe('create');
  });

  it('a fault that is not a full disk does not tell the operator to free space', () => {
    const s0 = at(start(), UF.sharedEmail);
    const { state, events } = run(s0, { type: 'decide', command: { kind: 'pick', n: 2 } });
    const event = events.find((e): e is Decided => e.kind === 'decided')!;
    const why = 'it was removed during the review and could not be written again (not a folder)';
    const back = apply(state, { type: 'not-saved', event, fault: { why, damaged: false, code: 'ENOTDIR' } });
    expect(back.message?.text).toBe(`not saved (${why}), so not applied: user 1 → link to contact 102 — fix that, then decide again (out/decisions.csv)`);
    const full = apply(state, { type: 'not-saved', event, fault: { why: 'no space left on the device', damaged: false, code: 'ENOSPC' } });
    expect(full.message?.text).toContain('— free space, then decide again');
  });

  it('an undo the journal could not take is not undone', () => {
    const s0 = apply(at(start(), UF.fresh), { type: 'decide', command: { kind: 'skip' } });
    const { state, events } = run(s0, { type: 'undo' });
    const event = events.find((e): e is Decided => e.kind === 'decided')!;
    const back = apply(state, { type: 'not-saved', event, fault: { why: 'permission denied', damaged: false } });
    expect(decisionOf(back, UF.fresh).action).toBe('skip');
    expect(back.undo?.depth).toBe(1);
    expect(back.redo).toBeNull();
    expect(back.unwritten).toBe(1);
  });

  it('after a failed append, neither the quit question nor the end of the review says the decisions are safe or saved', () => {
    for (const damaged of [false, true]) {
      const fault = { why: 'no space left on the device', damaged };
      const words = [quitNote('out/decisions.csv', 'out', fault), unwrittenNote(2, 'out/decisions.csv', 'out', fault)];
      for (const w of words) {
        expect(w).not.toMatch(/safe|saved/);
        expect(w).toContain('no space left on the device');
      }
      if (damaged) expect(words.join(' ')).toContain('delete');
    }
    expect(quitNote('out/decisions.csv', 'out', null)).toContain('Decisions made in a review are safe in out/decisions.csv');
    expect(unwrittenNote(1, 'out/decisions.csv', 'out', null)).toBe('1 decision is not in the outputs yet; decisions made in a review are saved in out/decisions.csv — run again with --out out to take them up again');
  });

  it('the quit question on screen follows the fault', async () => {
    const { store, frame, type } = renderApp(start().model);
    await type('2'); // user 1 → link to contact 102: saved
    // the next decision (say, user 1 to contact 101) was refused by the journal: back to this state
    const state = store.getState();
    if (state.phase !== 'review') throw new Error('not reviewing');
    store.dispatch({ type: 'not-saved', event: { kind: 'decided', row: 0, decision: state.review.rows.decision(0), before: state.review }, fault: { why: 'no space left on the device', damaged: false } });
    await type('q');
    expect(frame()).toContain('Quit? 1 decision is not written to the outputs yet.');
    expect(frame()).not.toContain('safe');
    expect(frame().replace(/\s+/g, ' ')).toContain('a decision it could not take (no space left on the device) was not applied');
  });
});
