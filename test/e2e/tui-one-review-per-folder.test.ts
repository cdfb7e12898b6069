/**
 * One review per --out folder: a second review, or a scripted run, on a folder a live review
 * holds is refused (exit 2, one line naming the folder and the pid) and touches nothing; a
 * review killed with -9 leaves a stale lock the next review takes over.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv, REPO, samplesCommand, terminalSessions } from '../tui/helpers/e2e.js';
import { tempDir } from '../helpers/tempDir.js';

const LOCK = '.ufmatch.lock';

function scripted(out: string) {
  const cmd = `${samplesCommand(out)} --yes`;
  return spawnSync('sh', ['-c', cmd], { cwd: REPO, encoding: 'utf8' });
}

describe('two ufmatch runs on one --out', () => {
  const open = terminalSessions('ufmatch-lock-');

  it('a second review and a --yes run are refused while a review holds the folder; the first one\'s decisions stay', async () => {
    const { tmux, out } = open(100, 30);
    const a = tmux.start(samplesCommand(out));
    await tmux.waitFor(a, /\[Review \d+\]/);
    const pidA = tmux.childPid(a);
    tmux.keys(a, 's');
    await tmux.waitFor(a, '1 unwritten');

    const b = tmux.start(samplesCommand(out));
    const refused = await tmux.waitFor(b, 'EXIT=2');
    expect(refused).toContain(`ufmatch: --out ${out} is in use by another ufmatch (a review, pid ${pidA}`);
    expect(refused).not.toContain('Resume');

    const yes = scripted(out);
    expect(yes.status).toBe(2);
    expect(yes.stderr).toContain(`--out ${out} is in use by another ufmatch (a review, pid ${pidA}`);
    expect(yes.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(existsSync(join(out, 'links.csv'))).toBe(false);

    // the first review goes on journaling, and ends releasing the folder
    tmux.keys(a, 's');
    await tmux.waitFor(a, '2 unwritten');
    expect(readCsv(join(out, 'decisions.csv'))).toHaveLength(2);
    tmux.keys(a, 'q');
    await tmux.waitFor(a, 'Quit?');
    tmux.keys(a, 'q');
    await tmux.waitFor(a, 'EXIT=0');
    expect(existsSync(join(out, LOCK))).toBe(false);
    expect(readCsv(join(out, 'decisions.csv'))).toHaveLength(2);
    expect(scripted(out).status).toBe(0);
  });

  it('a review killed with -9 leaves a stale lock, which the next review takes over', async () => {
    const { tmux, out } = open(100, 30);
    const a = tmux.start(samplesCommand(out));
    await tmux.waitFor(a, /\[Review \d+\]/);
    const pidA = tmux.childPid(a);
    expect(JSON.parse(readFileSync(join(out, LOCK), 'utf8')).pid).toBe(pidA);
    tmux.keys(a, 's');
    await tmux.waitFor(a, '1 unwritten');
    process.kill(pidA, 'SIGKILL');
    await tmux.waitFor(a, 'EXIT=137');

    const b = tmux.start(samplesCommand(out));
    await tmux.waitFor(b, 'Resume 1 decision? (y/n)');
    expect(JSON.parse(readFileSync(join(out, LOCK), 'utf8')).pid).toBe(tmux.childPid(b));
    tmux.keys(b, 'C-c');
    await tmux.waitFor(b, 'EXIT=130');
    expect(existsSync(join(out, LOCK))).toBe(false);
    expect(readCsv(join(out, 'decisions.csv'))).toHaveLength(1);
  });

  it('closing the terminal under a review releases the lock and keeps the journal: exit 130, the note, no native abort', async () => {
    const { tmux, out } = open(100, 30);
    const side = tempDir('ufm-lock-side-');
    const err = join(side, 'stderr.txt');
    const exit = join(side, 'exit.txt');
    // SIGHUP ignored (and so inherited): only the terminal's end of input tells ufmatch it is gone
    const a = tmux.start(`bash -c "trap '' HUP; ${samplesCommand(out)} 2>'${err}'; echo \\$? > '${exit}'"`);
    await tmux.waitFor(a, /\[Review \d+\]/);
    tmux.keys(a, 's');
    await tmux.waitFor(a, '1 unwritten');
    expect(existsSync(join(out, LOCK))).toBe(true);
    tmux.killSession(a);
    for (let i = 0; i < 100 && !existsSync(exit); i++) await new Promise((r) => setTimeout(r, 100));
    expect(readFileSync(exit, 'utf8').trim()).toBe('130');
    expect(existsSync(join(out, LOCK))).toBe(false);
    expect(readCsv(join(out, 'decisions.csv'))).toHaveLength(1);
    const said = readFileSync(err, 'utf8');
    expect(said).toContain('ufmatch: interrupted — no output was written');
    expect(said).toContain('1 decision is not in the outputs yet');
    expect(said).not.toMatch(/Assertion failed|Native stack trace/);
  });

  it('closing the terminal while ufmatch starts or loads never aborts natively and leaves no lock', async () => {
    // whenever the window closes — before Node runs ufmatch at all (its SIGHUP then ends it:
    // 129), before the mode is decided (no terminal by then: 2), on the loading screen or in
    // the review (130) — never 134 or 139, a native abort
    for (const afterMs of [50, 150, 300, 600]) {
      const { tmux, out } = open(100, 30);
      const side = tempDir('ufm-lock-side-');
      const err = join(side, 'stderr.txt');
      const exit = join(side, 'exit.txt');
      const a = tmux.start(`bash -c "trap '' HUP; ${samplesCommand(out)} 2>'${err}'; echo \\$? > '${exit}'"`);
      await new Promise((r) => setTimeout(r, afterMs));
      tmux.killSession(a);
      // the shell creates the file before `echo` writes the code into it: wait for the code
      const written = () => existsSync(exit) && readFileSync(exit, 'utf8').trim() !== '';
      for (let i = 0; i < 100 && !written(); i++) await new Promise((r) => setTimeout(r, 100));
      const code = readFileSync(exit, 'utf8').trim();
      const said = readFileSync(err, 'utf8');
      expect(['2', '129', '130'], `closed after ${afterMs} ms: exit ${code}\n${said}`).toContain(code);
      expect(said).not.toMatch(/Assertion failed|Native stack trace|internal error/);
      expect(existsSync(join(out, LOCK))).toBe(false);
      tmux.kill();
    }
  });
});
