/**
 * What the main thread (writerThread.ts) and the writer worker (writerWorker.ts) share: the
 * slots' bytes, and control words in one Int32Array — per slot, whether it is being written
 * (SLOT_BUSY) or free; then the number of fsyncs done; then whether a write or fsync failed,
 * and the length of that failure's JSON in `errorText`; then whether the worker has started.
 */

export const SLOT_FREE = 0;
export const SLOT_BUSY = 1;
/** Control words after the slots' own: fsyncs done, failed (0/1), the failure's JSON length, started (0/1). */
export const SYNCS = 0;
const FAILED = 1;
export const STARTED = 3;
export const CONTROL_WORDS = 4;
export const ERROR_TEXT_BYTES = 1024;

export interface WriterData {
  readonly slots: number;
  readonly slotSize: number;
  /** slots × slotSize bytes. */
  readonly data: SharedArrayBuffer;
  /** (slots + CONTROL_WORDS) Int32 words. */
  readonly control: SharedArrayBuffer;
  readonly errorText: SharedArrayBuffer;
}

export type WriterMessage =
  /** Write slot `slot`'s first n bytes at `position` of fd, then free the slot. */
  | { readonly kind: 'write'; readonly fd: number; readonly slot: number; readonly n: number; readonly position: number }
  /** fsync fd (its writes were sent before), then count it. */
  | { readonly kind: 'sync'; readonly fd: number };

/** The failure words (failed, JSON length) within the control words. */
export function failureWords(state: Int32Array, slots: number): Int32Array {
  return state.subarray(slots + FAILED, slots + FAILED + 2);
}
