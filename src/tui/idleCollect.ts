/**
 * Young-generation garbage collection while the operator is not typing.
 *
 * Ink lays out the whole screen on every frame, allocating about 7 MB at 200×60, so V8's young
 * generation fills every second or third keypress, and the scavenge then runs inside that
 * keypress's frame: 5–10 ms with a 200k-user review in the heap (the old generation's size
 * makes each scavenge dearer). Emptying the young generation once the screen has been idle
 * for a moment moves that work between keystrokes, as browsers do with idle-time GC. Only
 * minor collections are forced: a full one over a heap of hundreds of MB would take longer
 * than any pause between keys.
 *
 * V8 only lends its `gc` function when asked by flag; the flag is set here at run time and
 * the function taken from a fresh context, so the application's global scope is untouched.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = (options: { type: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void;

let gc: GcFunction | null | undefined;

/** A function that runs one young-generation collection, or null where V8 will not lend one. */
export function minorCollector(): (() => void) | null {
  if (gc === undefined) {
    try {
      const own = (globalThis as { gc?: unknown }).gc;
      if (typeof own === 'function') gc = own as GcFunction;
      else {
        setFlagsFromString('--expose-gc');
        const lent: unknown = runInNewContext('typeof gc === "function" ? gc : null');
        gc = typeof lent === 'function' ? (lent as GcFunction) : null;
      }
    } catch {
      gc = null;
    }
  }
  const f = gc;
  return f ? () => f({ type: 'minor' }) : null;
}
