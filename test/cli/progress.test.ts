/**
 * Issue 4, point 4: loading and matching show progress (rows, %, rows/s, ETA) on stderr when
 * stderr is a terminal, and nothing when it is not (no escape codes in logs).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { silentProgress, terminalProgress } from '../../src/cli/progress.js';
import { tempDir } from '../helpers/tempDir.js';

const SAMPLE = ['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv', '--links', 'samples/uf_match.csv', '--emails', 'samples/emails.csv'];

function fakeTerminal(columns?: number): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = { isTTY: true, columns, write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, text: () => chunks.join('') };
}

async function run(args: string[], tty: boolean): Promise<{ code: number; stderr: string; stdout: string }> {
  const err = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (tty) err.isTTY = true;
  let stderr = '';
  let stdout = '';
  err.on('data', (d) => (stderr += d));
  const out = new PassThrough();
  out.on('data', (d) => (stdout += d));
  const code = await main(args, { stdin: new PassThrough(), stdout: out, stderr: err, env: {} });
  return { code, stderr, stdout };
}

describe('terminal progress line', () => {
  it('shows the label, a bar, %, rows, rows/s and the ETA, redrawn in place', () => {
    let now = 1000;
    const t = fakeTerminal();
    const p = terminalProgress(t.stream, () => now);
    p.update('contacts', 0, 1000, 'bytes', 0); // starts the clock for this label
    now += 2000;
    p.update('contacts', 250, 1000, 'bytes', 5000);
    const line = t.text().split('\r\x1b[2K').pop()!;
    expect(line).toBe('contacts [#####...............]  25% 5,000 rows 2,500 rows/s ETA 6s');
  });

  it('gives minutes in the ETA of long runs, -- while nothing is known', () => {
    let now = 1000;
    const t = fakeTerminal();
    const p = terminalProgress(t.stream, () => now);
    p.update('matching', 0, 100, 'rows', 0);
    expect(t.text()).toContain('ETA --');
    now = 101_000;
    p.update('matching', 50, 100, 'rows', 50);
    expect(t.text()).toMatch(/ 50% 50 rows 1 rows\/s ETA 1m40s$/);
  });

  it('takes the ETA from the recent rate, not the average since the start (units of uneven cost)', () => {
    let now = 0;
    const t = fakeTerminal();
    const p = terminalProgress(t.stream, () => now);
    p.update('matching', 0, 1000, 'rows', 0);
    now = 200;
    p.update('matching', 800, 1000, 'rows', 0); // the index: 80% of the units in 0.2 s
    for (let done = 810; done <= 900; done += 10) {
      now += 500;
      p.update('matching', done, 1000, 'rows', done - 800); // then users, 20 units a second
    }
    // since the start: 900 units in 5.2 s would say 1s; the last 3 s say 100 units at 20/s
    expect(t.text().split('\r\x1b[2K').pop()).toMatch(/ 90% 100 rows \d+ rows\/s ETA 5s$/);
  });

  it('a phase finished without any update took 0.0s, never -0.0s', () => {
    let now = 1000;
    const t = fakeTerminal();
    const p = terminalProgress(t.stream, () => (now += 0.01));
    p.finish('indexing', 65);
    expect(t.text()).toBe('\r\x1b[2Kindexing: 65 rows in 0.0s\n');
  });

  it('redraws at most ten times a second', () => {
    let now = 1000;
    const t = fakeTerminal();
    const p = terminalProgress(t.stream, () => now);
    p.update('users', 1, 10, 'bytes', 1);
    for (let i = 0; i < 50; i++) {
      now += 1;
      p.update('users', 2, 10, 'bytes', 2);
    }
    expect(t.text().split('\r\x1b[2K').length - 1).toBe(1);
  });

  it('ends each phase with a summary line', () => {
    let now = 1000;
    const t = fakeTerminal();
    const p = terminalProgress(t.stream, () => now);
    p.update('users', 0, 10, 'bytes', 0);
    now = 2500;
    p.finish('users', 200_000);
    expect(t.text().endsWith('\r\x1b[2Kusers: 200,000 rows in 1.5s\n')).toBe(true);
  });

  it('stays within one line of a narrow terminal: erase-line reaches back over one line only, so a wrapped line left a trail', () => {
    let now = 1000;
    const t = fakeTerminal(40);
    const p = terminalProgress(t.stream, () => now);
    p.update('contacts', 0, 1000, 'bytes', 0);
    now += 2000;
    p.update('contacts', 250, 1000, 'bytes', 5000);
    const line = t.text().split('\r\x1b[2K').pop()!;
    expect(line).toBe('contacts [#####...............]  25% 5,');
    expect(line.length).toBe(39);
  });

  it('the silent sink writes nothing, to either standard stream', () => {
    const writes: unknown[] = [];
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (writes.push(s), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (writes.push(s), true));
    try {
      silentProgress.update('users', 1, 2, 'rows', 1);
      silentProgress.finish('users', 1);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(writes).toEqual([]);
  });
});

describe('scripted run (--yes)', () => {
  const out = tempDir('ufm-progress-');
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('prints no progress and no escape code when stderr is not a terminal', async () => {
    const { code, stderr, stdout } = await run([...SAMPLE, '--yes', '--out', join(out, 'a')], false);
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/\x1b|\r/);
    expect(stderr).not.toMatch(/\[[#.]{20}\]|rows\/s|ETA| rows in /);
    expect(stdout).toContain('Checked 42 users'); // the summary itself is still there
  });

  it('shows loading and matching progress when stderr is a terminal', async () => {
    const { code, stderr } = await run([...SAMPLE, '--yes', '--out', join(out, 'b')], true);
    expect(code).toBe(0);
    expect(stderr).toContain('\r\x1b[2K');
    expect(stderr).toMatch(/users \[[#.]{20}\] +\d+% [\d,]+ rows [\d,]+ rows\/s ETA /);
    for (const label of ['users', 'contacts', 'emails', 'links', 'indexing', 'matching']) expect(stderr).toMatch(new RegExp(`${label}: [\\d,]+ rows in \\d+\\.\\ds\\n`));

    // indexing counts the contacts, matching the users: one bar over both promised the end too early
    expect(stderr).toMatch(/indexing: 65 rows in /);
    expect(stderr).toMatch(/matching: 42 rows in /);
  });
});
