/** The measuring half of benchKeypress.ts (this one loads Ink). */
import { render } from 'ink';
import type { Latency, LatencyOptions } from './benchKeypress.js';
import { App } from './components/App.js';
import { FakeStdin, FakeStdout } from './fakeTerminal.js';
import { appReducer, initialApp, type AppAction, type AppEvent, type AppState } from './state/app.js';
import type { ReviewModel } from './state/model.js';
import { Store } from './store.js';


/** j s u k PgDn PgUp G g Tab Shift-Tab: each changes the screen, so each makes a frame. */
export const BENCH_KEYS: readonly string[] = ['j', 's', 'u', 'k', '\u001b[6~', '\u001b[5~', 'G', 'g', '\t', '\u001b[Z'];

const FRAME_TIMEOUT_MS = 5000;
const GAP_MS = 40;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function measure(model: ReviewModel, opts: LatencyOptions): Promise<Latency> {
  const store = new Store<AppState, AppAction, AppEvent>(initialApp, appReducer);
  store.dispatch({ type: 'start-review', model, unwritten: 0, message: null });
  const stdout = new FakeStdout(opts.columns, opts.rows, false);
  const stdin = new FakeStdin();
  const first = stdout.nextFrame(FRAME_TIMEOUT_MS);
  const ink = render(<App store={store} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: new FakeStdout(opts.columns, opts.rows, false) as unknown as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const times: number[] = [];
  try {
    if ((await first) === null) {
      throw new Error('the review screen never drew: is Ink in CI mode? run with CI unset or CI=false');
    }
    await sleep(GAP_MS);
    for (let k = 0; k < opts.presses; k++) {
      const key = BENCH_KEYS[k % BENCH_KEYS.length]!;
      const frame = stdout.nextFrame(FRAME_TIMEOUT_MS);
      const t0 = performance.now();
      stdin.press(key);
      if ((await frame) === null) throw new Error(`no frame within ${FRAME_TIMEOUT_MS} ms after key ${JSON.stringify(key)}`);
      times.push(performance.now() - t0);
      await sleep(GAP_MS);
    }
  } finally {
    ink.unmount();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted[sorted.length - 1] ?? 0) };
}
