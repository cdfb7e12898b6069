/**
 * A real pseudo-terminal for end-to-end tests: a private tmux server (its own socket), one
 * session of a fixed size running a command, keys sent with send-keys, the screen read with
 * capture-pane and polled until the expected text shows.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let serial = 0;

export interface TmuxOptions {
  readonly columns: number;
  readonly rows: number;
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
}

export class Tmux {
  readonly socket = `ufmatch-e2e-${process.pid}-${Date.now()}-${serial++}`;
  private sessions = 0;

  constructor(private readonly opts: TmuxOptions) {}

  private tmux(args: string[]): string {
    const env: NodeJS.ProcessEnv = { ...process.env, ...this.opts.env };
    delete env.TMUX; // run inside tmux or not, talk only to our own server
    return execFileSync('tmux', ['-L', this.socket, ...args], { cwd: this.opts.cwd, encoding: 'utf8', env });
  }

  /** Run `command` (through sh) in a new session; its exit code is printed as EXIT=<n>, and the pane stays. */
  start(command: string): string {
    const name = `s${this.sessions++}`;
    this.tmux(['new-session', '-d', '-s', name, '-x', String(this.opts.columns), '-y', String(this.opts.rows), `${command}; echo EXIT=$?; sleep 600`]);
    return name;
  }

  /** Close one session as closing its window would: its terminal hangs up. */
  killSession(session: string): void {
    this.tmux(['kill-session', '-t', session]);
  }

  keys(session: string, ...keys: string[]): void {
    for (const k of keys) this.tmux(['send-keys', '-t', session, k]);
  }

  /** Type text literally (no key names). */
  type(session: string, text: string): void {
    this.tmux(['send-keys', '-t', session, '-l', text]);
  }

  resize(session: string, columns: number, rows: number): void {
    this.tmux(['resize-window', '-t', session, '-x', String(columns), '-y', String(rows)]);
  }

  /** The screen with its escape sequences (colours, inverse), as tmux keeps them. */
  styledScreen(session: string): string {
    return this.tmux(['capture-pane', '-p', '-e', '-t', session]);
  }

  screen(session: string): string {
    return this.tmux(['capture-pane', '-p', '-t', session]);
  }

  async waitFor(session: string, expected: string | RegExp, timeoutMs = 20_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < until) {
      last = this.screen(session);
      if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${String(expected)}; the screen shows:\n${last}`);
  }

  /** The pid of the process the pane's shell runs (the ufmatch node process). */
  childPid(session: string): number {
    const shell = Number(this.tmux(['display-message', '-p', '-t', session, '#{pane_pid}']).trim());
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === shell) return Number(entry);
      } catch {
        // the process ended meanwhile
      }
    }
    throw new Error(`no child process of the pane's shell ${shell}`);
  }

  kill(): void {
    try {
      this.tmux(['kill-server']);
    } catch {
      // already gone
    }
  }
}
