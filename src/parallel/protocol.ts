/**
 * Messages between the main thread and the fuzzy-index worker (fuzzyWorker.ts).
 *
 * 1. The main thread sends the users' local parts (`init`), then, while the contacts load, how
 *    many are stored so far (`stored`), with views of the contact table's columns, which are in
 *    shared memory: the worker reads the names and addresses there itself. Then the addresses
 *    the --emails file added (`added`), and `end`.
 * 2. The worker builds the indexes in shared memory and answers `built` (the buffer is shared,
 *    not moved: both threads read it from then on), with a copy of the email rows it numbered.
 * 3. The main thread sends the users it will run typo and name look-ups for (`queries`, in
 *    export order); the worker answers them in order, in blocks (`hits`), while the main
 *    thread plans the users before them.
 */
import type { StoredTableView } from '../load/contactTable.js';
import type { EmailRowsState } from '../match/contactIndex.js';
import type { FuzzyCapacity, FuzzyIndexesState } from '../match/fuzzyIndexes.js';

export type ToWorker =
  /** capacity: a guess at the indexes' sizes, from the files' (contactIndexing.ts), or null. */
  | { readonly kind: 'init'; readonly locals: { readonly bits: Int32Array; readonly mask: number } | null; readonly capacity: FuzzyCapacity | null }
  /** The contacts before `upTo` are stored in the table `view` shows. */
  | { readonly kind: 'stored'; readonly view: StoredTableView; readonly upTo: number }
  /** Addresses the --emails file added to usable contacts: positions[i] got keys[i]. */
  | { readonly kind: 'added'; readonly positions: Int32Array; readonly keys: readonly string[] }
  | { readonly kind: 'end' }
  /**
   * meta: [user position, key length, first length, last length, display length] per user, in
   * ascending position; text: key and names one after the other. `users`: how many users in all.
   */
  | { readonly kind: 'queries'; readonly text: Uint16Array; readonly meta: Int32Array; readonly count: number; readonly users: number };

export type FromWorker =
  | { readonly kind: 'built'; readonly state: FuzzyIndexesState; readonly buffer: SharedArrayBuffer; readonly rows: EmailRowsState }
  /**
   * The answers for users before `upTo` (every queried user below it is in this block or an
   * earlier one). users: [user position, typo hits, name hits] per user; typo: [email row,
   * part (0 local, 1 domain), distance] per typo hit, in typoHits' order; names: [pos,
   * relation (0 same, 1 swapped, 2 typo)] per name hit.
   */
  | {
      readonly kind: 'hits';
      readonly upTo: number;
      readonly users: Int32Array;
      readonly typo: Int32Array;
      readonly names: Int32Array;
    }
  | { readonly kind: 'failed'; readonly message: string };

export const RELATIONS = ['same', 'swapped', 'typo'] as const;
export const TYPO_PARTS = ['local', 'domain'] as const;
