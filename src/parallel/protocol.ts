/**
 * Messages between the main thread and the fuzzy-index worker (fuzzyWorker.ts). The main
 * thread sends the users' local parts, then, while the contacts load, chunks of email rows and
 * names, each chunk their text as UTF-16 code units and an Int32Array of what cuts it up (both
 * copied); the worker
 * answers once, after `end`, with the built indexes in one transferred buffer.
 */
import type { FuzzyIndexesState } from '../match/fuzzyIndexes.js';

export type ToWorker =
  | { readonly kind: 'init'; readonly locals: { readonly bits: Int32Array; readonly mask: number } | null }
  /** meta: [row, key length] per email row; text: the keys one after the other (UTF-16 code units). */
  | { readonly kind: 'emails'; readonly text: Uint16Array; readonly meta: Int32Array; readonly count: number }
  /** meta: [pos, first length, last length, display length] per contact; text: the names one after the other. */
  | { readonly kind: 'names'; readonly text: Uint16Array; readonly meta: Int32Array; readonly count: number }
  | { readonly kind: 'end' };

export type FromWorker =
  | { readonly kind: 'built'; readonly state: FuzzyIndexesState; readonly buffer: ArrayBuffer }
  | { readonly kind: 'failed'; readonly message: string };
