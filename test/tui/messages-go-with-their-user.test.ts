/**
 * The status line speaks of the user it was about: once the cursor leaves that user, a search's
 * "user 57 · n next" or a decision's "user 12 → skip" goes (found in tmux: it stayed over user
 * 29). Errors stay until replaced, and so do messages about the whole session (the review's
 * opening notes, a journal written again).
 */
import { describe, expect, it } from 'vitest';
import { initialReview, reviewReducer } from '../../src/tui/state/review.js';
import { samplePlan } from './helpers/plans.js';
import { apply, at, start } from './helpers/review.js';

const find = (q: string) => [{ type: 'search-open' as const }, { type: 'search-type' as const, text: q }, { type: 'search-confirm' as const }];

describe('a message about a user goes when the cursor leaves them', () => {
  it("a search's hit message goes with j, g, G and a page", () => {
    const found = apply(at(start(), 1), ...find('eve'));
    expect(found.message?.text).toBe('"eve": user 6 · n next, N previous');
    for (const away of [{ type: 'move' as const, by: 1 }, { type: 'jump' as const, to: 'top' as const }, { type: 'jump' as const, to: 'bottom' as const }, { type: 'page' as const, dir: 1 as const }]) {
      expect(apply(found, away).message, JSON.stringify(away)).toBeNull();
    }
    // and n still finds the next hit: the search itself is kept
    expect(apply(found, { type: 'move', by: 1 }).search.query).toBe('eve');
  });

  it("a decision's message goes when the cursor moves on; a move that stays put keeps it", () => {
    const decided = apply(at(start(), 3), { type: 'decide', command: { kind: 'skip' } });
    expect(decided.message?.text).toMatch(/user 3 → skip/);
    expect(apply(decided, { type: 'move', by: 1 }).message).toBeNull();
    const top = apply(decided, { type: 'jump', to: 'top' });
    const again = apply({ ...top, message: { text: 'user 1 → skip · u undoes', tone: 'info' } }, { type: 'move', by: -1 });
    expect(again.message?.text).toBe('user 1 → skip · u undoes');
  });

  it('an error, and a message about the session, stay', () => {
    const s = start();
    const error = apply({ ...s, message: { text: 'not written: disk full', tone: 'error' } }, { type: 'move', by: 1 });
    expect(error.message?.text).toBe('not written: disk full');
    const opening = initialReview(samplePlan().model, { listHeight: 5, message: { text: 'resumed 3 decisions', tone: 'info', session: true } });
    expect(reviewReducer(opening, { type: 'move', by: 1 }).message?.text).toBe('resumed 3 decisions');
    const written = apply(s, { type: 'written', text: 'wrote the outputs to out' }, { type: 'move', by: 1 });
    expect(written.message?.text).toBe('wrote the outputs to out');
    const restored = apply(s, { type: 'journal-restored', text: 'decisions.csv had gone: written again' }, { type: 'move', by: 1 });
    expect(restored.message?.text).toBe('decisions.csv had gone: written again');
  });
});
