/** Rendering the real App in tests, with a store whose events are recorded. */
import { render as inkRender } from 'ink';
import { render } from 'ink-testing-library';
import { App } from '../../../src/tui/components/App.js';
import { FakeStdin, FakeStdout } from '../../../src/tui/fakeTerminal.js';
import { appReducer, initialApp, type AppAction, type AppEvent, type AppState } from '../../../src/tui/state/app.js';
import type { ReviewModel } from '../../../src/tui/state/model.js';
import type { Message } from '../../../src/tui/state/review.js';
import { Store } from '../../../src/tui/store.js';

export const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

export function reviewStore(model: ReviewModel, message: Message | null = null): { store: Store<AppState, AppAction, AppEvent>; events: AppEvent[] } {
  const store = new Store<AppState, AppAction, AppEvent>(initialApp, appReducer);
  const events: AppEvent[] = [];
  store.onEvent = (e) => events.push(e);
  store.dispatch({ type: 'start-review', model, unwritten: 0, message });
  return { store, events };
}

/** ink-testing-library (100 columns): type keys, read the last frame. */
export function renderApp(model: ReviewModel, opts: { rows?: number; color?: boolean } = {}) {
  const { store, events } = reviewStore(model);
  const ui = render(<App store={store} size={{ columns: 100, rows: opts.rows ?? 30 }} color={opts.color ?? true} />);
  const frame = () => stripAnsi(ui.lastFrame() ?? '');
  const type = async (...keys: string[]) => {
    for (const k of keys) {
      ui.stdin.write(k);
      await tick();
    }
  };
  return { ui, store, events, frame, type };
}

/** The real App on a stand-in terminal of any size, following resizes. */
export function renderOnTerminal(model: ReviewModel, columns: number, rows: number, message: Message | null = null) {
  const { store, events } = reviewStore(model, message);
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const ink = inkRender(<App store={store} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  /** The screen as the terminal shows it now: the last frame Ink wrote. */
  const screen = () => stripAnsi(stdout.writes.filter((w) => stripAnsi(w).trim() !== '').at(-1) ?? '').replace(/\n$/, '');
  return { ink, stdout, stdin, store, events, screen };
}

export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\u001b\][^\u0007]*\u0007/g, '');
}
