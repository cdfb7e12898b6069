import { describe, expect, it } from 'vitest';
import { layoutFor } from '../../src/tui/layout.js';
import { loadingSink, Aborted } from '../../src/tui/progressSink.js';
import { appReducer, initialApp, type AppAction, type AppState } from '../../src/tui/state/app.js';
import { samplePlan } from './helpers/plans.js';

describe('the phases', () => {
  it('loading keeps one progress line per file, with its rows and rate', () => {
    let s: AppState = initialApp;
    s = appReducer(s, { type: 'progress', label: 'users', done: 10, total: 100, rows: 50, at: 1000 });
    s = appReducer(s, { type: 'progress', label: 'users', done: 60, total: 100, rows: 300, at: 2000 });
    s = appReducer(s, { type: 'progress', label: 'contacts', done: 1, total: 10, rows: 5, at: 2000 });
    s = appReducer(s, { type: 'finished', label: 'users', rows: 500, at: 3000 });
    expect(s.phase === 'loading' && s.files).toEqual([
      { label: 'users', done: 100, total: 100, rows: 500, startedAt: 1000, updatedAt: 3000, finished: true },
      { label: 'contacts', done: 1, total: 10, rows: 5, startedAt: 2000, updatedAt: 2000, finished: false },
    ]);
  });

  it('asks about an earlier journal and reports the answer as an event', () => {
    const s = appReducer(initialApp, { type: 'ask-resume', entries: 3, journal: 'out/decisions.csv' });
    expect(s).toMatchObject({ phase: 'resume', entries: 3 });
    expect(appReducer(s, { type: 'resume-answer', restore: false }).events).toEqual([{ kind: 'resume', restore: false }]);
  });

  it('Ctrl-C while loading exits with 130', () => {
    expect(appReducer(initialApp, { type: 'abort' }).events).toEqual([{ kind: 'exit', code: 130 }]);
  });

  it('starts the review with restored decisions counted as unwritten', () => {
    const s = appReducer(initialApp, { type: 'start-review', model: samplePlan().model, unwritten: 4, message: { text: 'restored 4 decisions', tone: 'info' } });
    expect(s.phase === 'review' && s.review.unwritten).toBe(4);
    expect(s.phase === 'review' && s.review.message?.text).toBe('restored 4 decisions');
  });
});

describe('the loading sink', () => {
  it('reports progress at most every 50 ms per file, always the finish, and stops the load once aborted', () => {
    const got: AppAction[] = [];
    let now = 0;
    const sink = loadingSink((a) => got.push(a), () => now);
    sink.update('users', 1, 10, 'bytes', 1);
    now = 20;
    sink.update('users', 2, 10, 'bytes', 2);
    now = 60;
    sink.update('users', 3, 10, 'bytes', 3);
    sink.finish('users', 3);
    expect(got.map((a) => a.type)).toEqual(['progress', 'progress', 'finished']);
    sink.abort();
    expect(() => sink.update('contacts', 1, 2, 'bytes', 1)).toThrow(Aborted);
  });
});

describe('layout', () => {
  it('is never taller than the terminal minus one line, from 50×12 to 300×100', () => {
    for (let columns = 50; columns <= 300; columns += 25) {
      for (let rows = 12; rows <= 100; rows += 7) {
        const l = layoutFor(columns, rows);
        expect(l.height).toBe(rows - 1);
        const used = l.mode === 'side' ? 3 + Math.max(l.listHeight, l.detailHeight) : 3 + l.listHeight + 1 + l.detailHeight;
        expect(used, `${columns}×${rows}`).toBe(rows - 1);
        expect(l.listRows).toBeGreaterThanOrEqual(3);
        expect(l.mode === 'side' ? l.listWidth + 2 + l.detailWidth : l.detailWidth).toBe(columns);
      }
    }
  });

  it('stacks list and detail at 80×24 and puts them side by side at 200×60', () => {
    expect(layoutFor(80, 24)).toMatchObject({ mode: 'stacked', listRows: 5, detailHeight: 13 });
    expect(layoutFor(200, 60)).toMatchObject({ mode: 'side', listRows: 55, detailHeight: 56 });
    expect(layoutFor(40, 10).mode).toBe('too-small');
  });

  it('stacked on a tall terminal, the detail grows to half the body (warnings need the room more than the list)', () => {
    expect(layoutFor(100, 30)).toMatchObject({ mode: 'stacked', detailHeight: 17 });
    expect(layoutFor(100, 60)).toMatchObject({ mode: 'stacked', detailHeight: 28, listHeight: 27 });
  });
});
