/**
 * Where the cursor and the list window are in the current queue, and the plan as decided now:
 * queries of the review state, used by the reducer and the components alike.
 */
import type { UserPlan } from '../../domain/decisions.js';
import { queueLength, rowAt, type QueueName } from './queues.js';
import type { Message, QueueView, ReviewState } from './review.js';

export const ORIGIN: QueueView = { cursor: 0, top: 0 };

/** The current queue's cursor and window, clamped to its length and the list height. */
export function currentView(s: ReviewState): QueueView {
  return clampView(s.views[s.queue], queueLength(s.rows, s.queue), s.listHeight);
}

/** The row under the cursor, or -1 when the queue is empty. */
export function currentRow(s: ReviewState): number {
  return rowAt(s.rows, s.queue, currentView(s).cursor);
}

/** Scroll `top` so the cursor is visible; both within the queue. */
export function clampView(v: QueueView, length: number, height: number): QueueView {
  if (length <= 0) return ORIGIN;
  const cursor = Math.min(Math.max(0, v.cursor), length - 1);
  let top = Math.min(Math.max(0, v.top), Math.max(0, length - height));
  if (cursor < top) top = cursor;
  if (cursor >= top + height) top = cursor - height + 1;
  return cursor === v.cursor && top === v.top ? v : { cursor, top };
}

/** The plan with the current decisions (O(n): for writing and the summary, not per key). */
export function currentRows(s: ReviewState): UserPlan[] {
  const out: UserPlan[] = new Array(s.rows.size);
  for (let i = 0; i < s.rows.size; i++) {
    const r = s.rows.row(i);
    const d = s.rows.decision(i);
    out[i] = d === r.decision ? r : { ...r, decision: d };
  }
  return out;
}

/** The state with queue `q` current and its cursor and window at `v` (clamped). */
export function withView(s: ReviewState, q: QueueName, v: QueueView): ReviewState {
  const next = clampView(v, queueLength(s.rows, q), s.listHeight);
  if (q === s.queue && next === s.views[q]) return s;
  return { ...s, queue: q, views: { ...s.views, [q]: next } };
}

export function moveTo(s: ReviewState, cursor: number): ReviewState {
  return withView(s, s.queue, { ...currentView(s), cursor });
}

/** The state with a message for the operator. */
export function say(s: ReviewState, text: string, tone: Message['tone'] = 'info'): ReviewState {
  return { ...s, message: { text, tone } };
}
