/**
 * Keypress → frame latency of the real component tree (SPEC §6: a 200k-user file moves as
 * fast as a 20-user one), for `npm run bench`. Renders <App> with Ink on stand-in terminal
 * streams (fakeTerminal.ts), presses a cycle of review keys (moves, pages, queues, a
 * decision and its undo) and times each from the key to the frame Ink writes. Presses are
 * 40 ms apart, faster than a person types but slower than Ink's 30-frames-a-second cap, so
 * each figure is what a key costs, not the frame-rate wait. In those gaps the App's idle
 * collection (hooks/useIdleCollect.ts, 30 ms after the last frame) empties V8's young
 * generation, as it does between an operator's keys; held-down keys (auto-repeat, under
 * 30 ms apart) leave collection to V8 and are capped by Ink's frame rate anyway.
 *
 * As in the TUI itself (runTui.ts), CI mode is turned off and React's production build is
 * chosen (when NODE_ENV is unset) before Ink and React are loaded.
 */
import type { ReviewModel } from './state/model.js';
import { leaveCiMode, preferProductionReact } from './runTui.js';

export interface LatencyOptions {
  readonly rows: number;
  readonly columns: number;
  readonly presses: number;
}

/** Milliseconds from key to frame. */
export interface Latency {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

export async function measureKeypressLatency(model: ReviewModel, opts: LatencyOptions): Promise<Latency> {
  leaveCiMode(process.env);
  preferProductionReact(process.env);
  const { measure } = await import('./benchRender.js');
  return measure(model, opts);
}
