/**
 * The queues of the review screen: one per action, in the order an operator works through
 * them (Review first), plus All. A queue is a view of the row store: its length is a count
 * and its k-th user is found in O(log n).
 */
import type { Action } from '../../domain/decisions.js';
import type { RowStore } from './rowStore.js';

export const QUEUES = ['review', 'link', 'create', 'keep', 'skip', 'all'] as const;
export type QueueName = (typeof QUEUES)[number];

export const QUEUE_LABEL: Record<QueueName, string> = {
  review: 'Review',
  link: 'Link',
  create: 'Create',
  keep: 'Keep',
  skip: 'Skip',
  all: 'All',
};

export function queueLength(rows: RowStore, q: QueueName): number {
  return q === 'all' ? rows.size : rows.count(q);
}

/** Row index at a position of the queue, or -1. */
export function rowAt(rows: RowStore, q: QueueName, pos: number): number {
  if (q === 'all') return pos >= 0 && pos < rows.size ? pos : -1;
  return rows.nth(q, pos);
}

/** The position row `i` has in the queue, or — when it is not in it — the position of the next user that is. */
export function positionOf(rows: RowStore, q: QueueName, i: number): number {
  return q === 'all' ? i : rows.rank(q, i);
}

export function inQueue(rows: RowStore, q: QueueName, i: number): boolean {
  return q === 'all' || rows.action(i) === (q as Action);
}

export function nextQueue(q: QueueName, dir: 1 | -1): QueueName {
  const k = QUEUES.indexOf(q);
  return QUEUES[(k + dir + QUEUES.length) % QUEUES.length]!;
}
