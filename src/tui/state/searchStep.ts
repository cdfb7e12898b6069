/** Moving to the next (or previous) user matching the search, in the queue or else in All. */
import { QUEUE_LABEL, inQueue, positionOf } from './queues.js';
import type { ReviewState } from './review.js';
import { findRow } from './search.js';
import { currentRow, currentView, say, withView } from './view.js';

export function searchStep(s: ReviewState, dir: 1 | -1): ReviewState {
  const query = s.search.query;
  const plan = s.model.plan.rows;
  const here = currentRow(s);
  const q = s.queue;
  const hit = findRow(plan, query, here, dir, (i) => inQueue(s.rows, q, i));
  if (hit >= 0) {
    const moved = withView(s, q, { ...currentView(s), cursor: positionOf(s.rows, q, hit) });
    // findRow tries the row it starts from last: found there, it is the queue's only match
    if (hit === here) return say(moved, `"${query}": user ${plan[hit]!.user.ufId} is the only match${q === 'all' ? '' : ` in ${QUEUE_LABEL[q]}`}`);
    return say(moved, `"${query}": user ${plan[hit]!.user.ufId} · n next, N previous`);
  }
  if (q !== 'all') {
    const anywhere = findRow(plan, query, here, dir);
    if (anywhere >= 0) {
      const moved = withView(s, 'all', { ...s.views.all, cursor: anywhere });
      return say(moved, `"${query}" is not in ${QUEUE_LABEL[q]}: showing user ${plan[anywhere]!.user.ufId} in All`);
    }
  }
  return say(s, `no user matches "${query}"`, 'warn');
}
