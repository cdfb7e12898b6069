/**
 * V8's `gc` function, for the two places that time a collection better than V8 can: the
 * review TUI (a minor one between keystrokes, see tui/idleCollect.ts) and the indexing worker
 * (a full one of its small heap once its growing buffers are garbage, see parallel/).
 *
 * V8 only lends `gc` when asked by flag; the flag is set here at run time and the function
 * taken from a fresh context, so the application's global scope is untouched. Where V8 will
 * not lend it, callers get null and simply leave collection to V8.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = (options?: { type: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void;

let gc: GcFunction | null | undefined;

function lent(): GcFunction | null {
  if (gc === undefined) {
    try {
      const own = (globalThis as { gc?: unknown }).gc;
      if (typeof own === 'function') gc = own as GcFunction;
      else {
        setFlagsFromString('--expose-gc');
        const fn: unknown = runInNewContext('typeof gc === "function" ? gc : null');
        gc = typeof fn === 'function' ? (fn as GcFunction) : null;
      }
    } catch {
      gc = null;
    }
  }
  return gc;
}

/** A function that runs one young-generation collection, or null where V8 will not lend one. */
export function minorCollector(): (() => void) | null {
  const f = lent();
  return f ? () => f({ type: 'minor' }) : null;
}

/** A function that runs one full collection of this thread's heap, or null. */
export function fullCollector(): (() => void) | null {
  const f = lent();
  // no options: Node 20's V8 (11.3) runs a scavenge for `gc({ type: 'major' })` unless it is
  // also asked to run async; the bare call is the synchronous full collection on every version
  return f ? () => f() : null;
}
