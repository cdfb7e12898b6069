/**
 * Messages between the main thread and the fuzzy-index worker (fuzzyWorker.ts).
 *
 * 1. The main thread sends the users' local parts (`init`), then, while the contacts load,
 *    chunks of email rows and names: their text as UTF-16 code units and an Int32Array of what
 *    cuts it up (both copied), then `end`.
 * 2. The worker builds the indexes in shared memory and answers `built` (the buffer is shared,
 *    not moved: both threads read it from then on).
 * 3. The main thread sends the users it will run typo and name look-ups for (`queries`, in
 *    export order); the worker answers them in order, in blocks (`hits`), while the main
 *    thread plans the users before them.
 */
import type { FuzzyIndexesState } from '../match/fuzzyIndexes.js';

export type ToWorker =
  | { readonly kind: 'init'; readonly locals: { readonly bits: Int32Array; readonly mask: number } | null }
  /** meta: [row, key length] per email row; text: the keys one after the other. */
  | { readonly kind: 'emails'; readonly text: Uint16Array; readonly meta: Int32Array; readonly count: number }
  /** meta: [pos, first length, last length, display length] per contact; text: the names one after the other. */
  | { readonly kind: 'names'; readonly text: Uint16Array; readonly meta: Int32Array; readonly count: number }
  | { readonly kind: 'end' }
  /**
   * meta: [user position, key length, first length, last length, display length] per user, in
   * ascending position; text: key and names one after the other. `users`: how many users in all.
   */
  | { readonly kind: 'queries'; readonly text: Uint16Array; readonly meta: Int32Array; readonly count: number; readonly users: number };

export type FromWorker =
  | { readonly kind: 'built'; readonly state: FuzzyIndexesState; readonly buffer: SharedArrayBuffer }
  /**
   * The answers for users before `upTo` (every queried user below it is in this block or an
   * earlier one). users: [user position, typo candidates, name hits] per user; typoRows: the
   * email rows typoCandidates found (the main thread, which has the keys, applies the typo
   * rule to them); names: [pos, relation (0 same, 1 swapped, 2 typo)] per name hit.
   */
  | {
      readonly kind: 'hits';
      readonly upTo: number;
      readonly users: Int32Array;
      readonly typoRows: Int32Array;
      readonly names: Int32Array;
    }
  | { readonly kind: 'failed'; readonly message: string };

export const RELATIONS = ['same', 'swapped', 'typo'] as const;
