import { describe, expect, it } from 'vitest';
import { fitHints } from '../../src/tui/components/HintBar.js';
import { actionForKey, contextOf } from '../../src/tui/input.js';
import { bindingsIn, HELP_SECTIONS, KEY_TABLE, keysSaid, keyWord, type KeyContext } from '../../src/tui/keys.js';
import { appReducer, initialApp, type AppState } from '../../src/tui/state/app.js';
import type { ReviewState } from '../../src/tui/state/review.js';
import { samplePlan } from './helpers/plans.js';

const CONTEXTS: KeyContext[] = ['loading', 'resume', 'review', 'search', 'help', 'summary', 'quit'];

function reviewApp(patch: Partial<ReviewState> = {}): AppState {
  const s = appReducer(initialApp, { type: 'start-review', model: samplePlan().model, unwritten: 0, message: null });
  if (s.phase !== 'review') throw new Error('not reviewing');
  return { ...s, review: { ...s.review, ...patch } };
}

describe('the key table', () => {
  it('binds no key twice in one context', () => {
    for (const c of CONTEXTS) {
      const keys = bindingsIn(c).flatMap((b) => b.keys);
      expect(new Set(keys).size, `context ${c}`).toBe(keys.length);
    }
  });

  it('has every key of SPEC §6 in the review', () => {
    const review = new Set(bindingsIn('review').flatMap((b) => b.keys));
    for (const k of ['j', 'k', 'down', 'up', 'g', 'G', 'pageup', 'pagedown', 'tab', '1', '5', '9', 'y', 'c', 's', 'u', 'ctrl+r', '/', 'n', 'N', '?', 'w', 'q', 'ctrl+c']) {
      expect(review.has(k), k).toBe(true);
    }
    expect(bindingsIn('help').flatMap((b) => b.keys)).toEqual(expect.arrayContaining(['escape', '?']));
  });

  it('every binding leads to an action in each of its contexts', () => {
    const states: Record<KeyContext, AppState> = {
      loading: initialApp,
      resume: { phase: 'resume', entries: 2, journal: 'out/decisions.csv', events: [] },
      review: reviewApp(),
      search: reviewApp({ search: { editing: true, text: '', query: '' } }),
      help: reviewApp({ overlay: 'help' }),
      summary: reviewApp({ overlay: 'summary' }),
      quit: reviewApp({ overlay: 'quit' }),
    };
    for (const b of KEY_TABLE) {
      for (const c of b.contexts) {
        expect(contextOf(states[c])).toBe(c);
        for (const k of b.keys) expect(actionForKey(states[c], k, ''), `${k} in ${c}`).not.toBeNull();
      }
    }
  });

  it("writes every key of a binding in its help label, and sentences name a command's keys from the table", () => {
    for (const b of KEY_TABLE) {
      if (b.command === 'pick') continue; // 1–9
      expect(b.label.split(' '), b.command).toEqual(b.keys.map(keyWord));
    }
    expect(KEY_TABLE.find((b) => b.command === 'close-help')!.label).toBe('Esc ? q');
    expect(keysSaid('close-help')).toBe('Esc, ? or q');
    expect(keysSaid('confirm-write')).toBe('w or Enter');
    expect(keysSaid('pick')).toBe('1–9');
    expect(keysSaid('abort')).toBe('Ctrl-C');
  });

  it('lists every review command in the help', () => {
    const inHelp = new Set(HELP_SECTIONS.flatMap((s) => s.commands));
    for (const b of bindingsIn('review')) expect(inHelp.has(b.command), b.command).toBe(true);
  });
});

describe('keys to actions', () => {
  it('digits pick the candidate of that number', () => {
    expect(actionForKey(reviewApp(), '7')).toEqual({ type: 'decide', command: { kind: 'pick', n: 7 } });
  });

  it('the search line takes printable keys, even those bound elsewhere', () => {
    const s = reviewApp({ search: { editing: true, text: '', query: '' } });
    expect(actionForKey(s, 'q')).toEqual({ type: 'search-type', text: 'q' });
    expect(actionForKey(s, '?')).toEqual({ type: 'search-type', text: '?' });
    expect(actionForKey(s, 'return', '')).toEqual({ type: 'search-confirm' });
    expect(actionForKey(s, 'escape', '')).toEqual({ type: 'search-cancel' });
    expect(actionForKey(s, 'ctrl+c', '')).toEqual({ type: 'abort' });
  });

  it('the same key means what its context says', () => {
    expect(actionForKey(reviewApp(), 'w')).toEqual({ type: 'write-open' });
    expect(actionForKey(reviewApp({ overlay: 'summary' }), 'w')).toEqual({ type: 'write-confirm' });
    expect(actionForKey(reviewApp({ overlay: 'quit' }), 'w')).toEqual({ type: 'quit-write' });
    // in the help, j turns its page (a small terminal shows it in pages); deciding keys mean nothing
    expect(actionForKey(reviewApp({ overlay: 'help' }), 'j')).toEqual({ type: 'help-page', dir: 1 });
    expect(actionForKey(reviewApp({ overlay: 'help' }), 'pageup')).toEqual({ type: 'help-page', dir: -1 });
    expect(actionForKey(reviewApp({ overlay: 'help' }), 'y')).toBeNull();
    expect(actionForKey({ phase: 'resume', entries: 1, journal: 'x', events: [] }, 'y')).toEqual({ type: 'resume-answer', restore: true });
    expect(actionForKey(initialApp, 'ctrl+c')).toEqual({ type: 'abort' });
  });
});

describe('the hint bar', () => {
  it('fits the width, keeps "? help", and starts with deciding keys', () => {
    for (const width of [40, 60, 80, 100, 200]) {
      const hints = fitHints('review', width);
      const text = hints.map((h) => `${h.keys} ${h.text}`).join('  ');
      expect(text.length, `width ${width}`).toBeLessThanOrEqual(width);
      expect(hints.at(-1)).toEqual({ keys: '?', text: 'help' });
    }
    expect(fitHints('review', 80).map((h) => h.keys)).toEqual(['1-9', 'y', 'c', 's', 'u', 'w', 'q', 'Tab', '?']);
    expect(fitHints('review', 200).length).toBe(12);
  });
});

describe('screens that take no key but Ctrl-C', () => {
  it('while the review is prepared, and while the outputs are written (from the summary or the quit question)', () => {
    const preparing = appReducer(initialApp, { type: 'preparing', text: 'preparing the review of 42 users…' });
    expect(contextOf(preparing)).toBe('loading');
    for (const k of ['s', 'y', '1', 'q', 'return']) expect(actionForKey(preparing, k), k).toBeNull();
    expect(actionForKey(preparing, 'ctrl+c')).toEqual({ type: 'abort' });

    for (const from of ['write-confirm', 'quit-write'] as const) {
      const writing = appReducer(reviewApp({ overlay: from === 'write-confirm' ? 'summary' : 'quit' }), { type: from });
      expect(writing.phase === 'review' && writing.review.message?.text).toBe('writing the outputs…');
      expect(contextOf(writing)).toBe('loading');
      for (const k of ['s', 'w', 'return', 'escape', 'q']) expect(actionForKey(writing, k), `${from} ${k}`).toBeNull();
      expect(actionForKey(writing, 'ctrl+c')).toEqual({ type: 'abort' });
      const done = appReducer(writing, { type: 'written', text: 'wrote' });
      expect(done.phase === 'review' && done.review.writing).toBe(false);
      expect(contextOf(done)).toBe('review');
    }
  });
});
