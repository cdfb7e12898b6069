/** Driving the review reducer in tests: apply actions, collect events, put the cursor on a user. */
import type { Action } from '../../../src/domain/decisions.js';
import { queueLength, rowAt, type QueueName } from '../../../src/tui/state/queues.js';
import { initialReview, reviewReducer, type ReviewAction, type ReviewEvent, type ReviewState } from '../../../src/tui/state/review.js';
import { currentRow } from '../../../src/tui/state/view.js';
import { samplePlan } from './plans.js';

export function start(listHeight = 5): ReviewState {
  return initialReview(samplePlan().model, { listHeight });
}

/** Apply actions in order; returns the final state and every event emitted on the way. */
export function run(s: ReviewState, ...actions: ReviewAction[]): { state: ReviewState; events: ReviewEvent[] } {
  const events: ReviewEvent[] = [];
  let state = s;
  for (const a of actions) {
    state = reviewReducer(state, a);
    events.push(...state.events);
  }
  return { state, events };
}

export function apply(s: ReviewState, ...actions: ReviewAction[]): ReviewState {
  return run(s, ...actions).state;
}

/** The state with the cursor on user `ufId` in the All queue. */
export function at(s: ReviewState, ufId: number): ReviewState {
  const i = s.model.rowOfUf.get(ufId);
  if (i === undefined) throw new Error(`no user ${ufId}`);
  return { ...s, queue: 'all', views: { ...s.views, all: { cursor: i, top: Math.max(0, i - 1) } } };
}

export function decisionOf(s: ReviewState, ufId: number) {
  return s.rows.decision(s.model.rowOfUf.get(ufId)!);
}

export function selectedUf(s: ReviewState): number | null {
  const i = currentRow(s);
  return i < 0 ? null : s.rows.row(i).user.ufId;
}

export function queueUfIds(s: ReviewState, q: QueueName): number[] {
  const out: number[] = [];
  for (let p = 0; p < queueLength(s.rows, q); p++) out.push(s.rows.row(rowAt(s.rows, q, p)).user.ufId);
  return out;
}

export function counts(s: ReviewState): Record<Action, number> {
  return { keep: s.rows.count('keep'), link: s.rows.count('link'), create: s.rows.count('create'), review: s.rows.count('review'), skip: s.rows.count('skip') };
}

export const pick = (n: number): ReviewAction => ({ type: 'decide', command: { kind: 'pick', n } });
export const accept: ReviewAction = { type: 'decide', command: { kind: 'accept' } };
export const create: ReviewAction = { type: 'decide', command: { kind: 'create' } };
export const skip: ReviewAction = { type: 'decide', command: { kind: 'skip' } };
export const undo: ReviewAction = { type: 'undo' };
export const redo: ReviewAction = { type: 'redo' };
