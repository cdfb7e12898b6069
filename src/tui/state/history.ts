/**
 * Undo and redo: persistent stacks of changes (push and pop in O(1), shared between states),
 * so any number of steps can be undone and redone.
 */
import type { Decision } from '../../domain/decisions.js';

/** One decision change: row `row` went from `from` to `to`. Undo applies `from`, redo `to`. */
export interface Change {
  readonly row: number;
  readonly from: Decision;
  readonly to: Decision;
}

export interface Stack {
  readonly top: Change;
  readonly rest: Stack | null;
  readonly depth: number;
}

export function push(s: Stack | null, c: Change): Stack {
  return { top: c, rest: s, depth: (s?.depth ?? 0) + 1 };
}

export function depth(s: Stack | null): number {
  return s?.depth ?? 0;
}
