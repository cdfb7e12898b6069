/**
 * The loaders' progress, turned into actions for the loading screen (at most ~20 redraws a
 * second per file). Once aborted (Ctrl-C), the next progress report throws Aborted, which
 * stops the loading or matching where it is.
 */
import type { ProgressSink } from '../cli/progress.js';
import type { AppAction } from './state/app.js';

export class Aborted extends Error {
  constructor() {
    super('aborted');
  }
}

export interface AbortableSink extends ProgressSink {
  abort(): void;
  readonly aborted: boolean;
}

export function loadingSink(dispatch: (a: AppAction) => void, now: () => number = () => performance.now(), everyMs = 50): AbortableSink {
  const last = new Map<string, number>();
  let aborted = false;
  return {
    get aborted() {
      return aborted;
    },
    abort() {
      aborted = true;
    },
    update(label, done, total, _unit, rows) {
      if (aborted) throw new Aborted();
      const at = now();
      const prev = last.get(label);
      if (prev !== undefined && at - prev < everyMs) return;
      last.set(label, at);
      dispatch({ type: 'progress', label, done, total, rows, at });
    },
    finish(label, rows) {
      if (aborted) throw new Aborted();
      dispatch({ type: 'finished', label, rows, at: now() });
    },
  };
}
