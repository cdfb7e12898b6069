/** The real review session in this process, on stand-in terminal streams: start it, press keys, wait for text on the screen. */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseCommandLine } from '../../../src/cli/args.js';
import { FakeStdin, FakeStdout } from '../../../src/tui/fakeTerminal.js';
import { stripAnsi } from './render.js';

const samples = (name: string) => join(import.meta.dirname, '../../../samples', name);

export const SAMPLE_RUN = ['--users', samples('wordpress-users.csv'), '--contacts', samples('contacts-ui.csv'), '--links', samples('uf_match.csv'), '--emails', samples('emails.csv')];

export function startSession(runSession: typeof import('../../../src/tui/session.js').runSession, out: string, extra: readonly string[] = [], size = { columns: 120, rows: 30 }) {
  const o = parseCommandLine([...SAMPLE_RUN, '--out', out, ...extra]);
  if (o.command !== 'run') throw new Error('not a run');
  const stdin = new FakeStdin();
  const stdout = new FakeStdout(size.columns, size.rows);
  const err = { text: '' };
  const stderr = new Writable({ write: (c, _e, done) => ((err.text += String(c)), done()) });
  const ended = runSession(o, { stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream, stderr, env: { ...process.env, NO_COLOR: '1' } });
  const screen = () => stripAnsi(stdout.writes.filter((w) => stripAnsi(w).trim() !== '').at(-1) ?? '');
  /** The screen once it shows `text` (line breaks and runs of spaces read as one space). */
  const waitFor = async (text: string | RegExp): Promise<string> => {
    for (let i = 0; i < 200; i++) {
      const s = screen();
      if (typeof text === 'string' ? s.replace(/\s+/g, ' ').includes(text) : text.test(s)) return s;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${String(text)}; the screen shows:\n${screen()}`);
  };
  /** Presses `keys` the moment a frame showing `text` is written, as fast as a typist at that screen could (resolves then). */
  const pressOn = (text: string, ...keys: string[]): Promise<void> =>
    new Promise((resolve) => {
      const write = stdout.write.bind(stdout);
      stdout.write = (data: string): boolean => {
        const ok = write(data);
        if (stripAnsi(data).replace(/\s+/g, ' ').includes(text)) {
          stdout.write = write;
          for (const k of keys) stdin.press(k);
          resolve();
        }
        return ok;
      };
    });
  return { o, ended, press: (k: string) => stdin.press(k), pressOn, screen, waitFor, stderr: () => err.text };
}
