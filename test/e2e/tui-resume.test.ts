/**
 * Nothing lost: decisions made in the TUI survive a kill -9; reopening the same --out offers
 * to resume them (y restores every one, n starts over keeping the old journal aside).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv, reviewCount, samplesCommand, terminalSessions } from '../tui/helpers/e2e.js';
import type { Tmux } from '../tui/helpers/tmux.js';

/** Opens the samples on `out` over a journal an earlier review left (its rows, after the header). */
function openOverJournal(tmux: Tmux, out: string, rows: readonly string[]): string {
  writeFileSync(join(out, 'decisions.csv'), ['uf_id,email,action,contact_id,decided_at', ...rows].map((r) => `${r}\r\n`).join(''));
  return tmux.start(samplesCommand(out));
}

/** openOverJournal, then answers y to `prompt`. */
async function resumeJournal(tmux: Tmux, out: string, rows: readonly string[], prompt: string): Promise<string> {
  const s = openOverJournal(tmux, out, rows);
  await tmux.waitFor(s, prompt);
  tmux.keys(s, 'y');
  return s;
}

describe('resuming after a crash', () => {
  const open = terminalSessions('ufmatch-resume-');

  it('restores every decision after kill -9 mid-review, or starts over keeping decisions.csv.bak', async () => {
    const { tmux, out } = open(100, 30);

    // first session: skip the first two review cases, link Rachel Moore to candidate 1, then die
    const first = tmux.start(samplesCommand(out));
    const reviews = reviewCount(await tmux.waitFor(first, /\[Review \d+\]/));
    const decided: number[] = [];
    for (const key of ['s', 's']) {
      tmux.keys(first, key);
      const screen = await tmux.waitFor(first, `[Review ${reviews - decided.length - 1}]`);
      decided.push(Number(/user (\d+) → skip/.exec(screen)![1]));
    }
    tmux.keys(first, '/');
    await tmux.waitFor(first, 'Enter finds');
    tmux.type(first, 'rachel.moore');
    tmux.keys(first, 'Enter');
    await tmux.waitFor(first, /user \d+ · rachel\.moore@/);
    tmux.keys(first, '1');
    const linked = await tmux.waitFor(first, /user (\d+) → link to contact (\d+)/);
    const [, linkedUf, linkedContact] = /user (\d+) → link to contact (\d+)/.exec(linked)!;
    process.kill(tmux.childPid(first), 'SIGKILL');
    await tmux.waitFor(first, 'EXIT=137');
    expect(readCsv(join(out, 'decisions.csv'))).toHaveLength(3);
    expect(existsSync(join(out, 'links.csv'))).toBe(false);

    // reopen: resume them
    const second = tmux.start(samplesCommand(out));
    await tmux.waitFor(second, 'Resume 3 decisions? (y/n)');
    tmux.keys(second, 'y');
    const resumed = await tmux.waitFor(second, 'restored 3 decisions');
    expect(reviewCount(resumed)).toBe(reviews - 3);
    expect(resumed).toContain('3 unwritten');
    tmux.keys(second, 'w');
    await tmux.waitFor(second, 'Summary before writing');
    tmux.keys(second, 'Enter');
    await tmux.waitFor(second, 'wrote the outputs');
    tmux.keys(second, 'q');
    await tmux.waitFor(second, 'EXIT=0');
    const links = readCsv(join(out, 'links.csv'));
    for (const uf of decided) {
      expect(links.find((r) => r.uf_id === String(uf))).toMatchObject({ action: 'skip', reason: 'operator', decided_by: 'operator' });
    }
    expect(links.find((r) => r.uf_id === linkedUf)).toMatchObject({ action: 'link', contact_id: linkedContact, decided_by: 'operator' });

    // reopen again: start over
    const third = tmux.start(samplesCommand(out));
    await tmux.waitFor(third, 'Resume 3 decisions? (y/n)');
    tmux.keys(third, 'n');
    // links.csv still states the 3 decisions just set aside: unwritten (said first on the status
    // line, before "started over", which the terminal's width cuts here), so q asks
    const fresh = await tmux.waitFor(third, 'states other decisions for 3 users (unwritten)');
    expect(reviewCount(fresh)).toBe(reviews);
    expect(fresh).toContain('3 unwritten');
    expect(existsSync(join(out, 'decisions.csv.bak'))).toBe(true);
    expect(readCsv(join(out, 'decisions.csv.bak'))).toHaveLength(3);
    tmux.keys(third, 'q');
    await tmux.waitFor(third, 'Quit? 3 decisions are not written');
    tmux.keys(third, 'q');
    await tmux.waitFor(third, 'EXIT=0');
    // the new journal says those users are back at ufmatch's proposal; the old one stays aside
    expect(readCsv(join(out, 'decisions.csv'))).toHaveLength(3);
    expect(readCsv(join(out, 'decisions.csv.bak'))).toHaveLength(3);
  });

  it('a journal whose decisions no longer fit the inputs: every one not applied is listed when the review ends', async () => {
    const { tmux, out } = open(100, 30);
    const s = await resumeJournal(tmux, out, [
      '29,hendersons@btinternet.com,skip,,2026-11-22T10:00:00Z',
      '999,nobody@example.org,skip,,2026-11-22T10:00:01Z',
      '31,bronwen.evans@gmail.com,link,99999,2026-11-22T10:00:02Z',
      '1,fiona@riverside-food-bank.org,create,,2026-11-22T10:00:03Z',
    ], 'Resume 1 decision? (y/n)');
    // the report wraps onto the lines above the hints: its first entry is read in the review too
    const report = await tmux.waitFor(s, '3 not applied (listed when');
    expect(report).toContain('user 999 is not in the users export');
    tmux.keys(s, 'q');
    await tmux.waitFor(s, 'Quit? 1 decision is not written');
    tmux.keys(s, 'q');
    const end = await tmux.waitFor(s, 'EXIT=0');
    expect(end).toContain('3 decisions not applied');
    expect(end).toContain('decisions.csv line 3: user 999 is not in the users export');
    expect(end).toContain('decisions.csv line 4: contact 99999 is not in the contacts export');
    expect(end).toContain('decisions.csv line 5: user 1 already has a link to contact 101');
  });

  it('SIGTERM during the review: exit 130, the decisions not applied, and where the unwritten ones are saved', async () => {
    const { tmux, out } = open(100, 30);
    // no row of this journal applies: nothing to ask ("Resume 0 decisions?"), the review goes on appending to it
    const s = openOverJournal(tmux, out, ['999,nobody@example.org,skip,,2026-11-22T10:00:01Z']);
    const opened = await tmux.waitFor(s, '1 not applied');
    expect(opened).toContain('nothing to resume in');
    expect(opened).not.toContain('Resume');
    tmux.keys(s, 's');
    await tmux.waitFor(s, '1 unwritten');
    process.kill(tmux.childPid(s), 'SIGTERM');
    const end = await tmux.waitFor(s, 'EXIT=130');
    expect(end).toContain('ufmatch: interrupted — no output was written');
    expect(end).toContain('decisions.csv line 2: user 999 is not in the users export');
    expect(end).toContain('1 decision is not in the outputs yet; decisions made in a review are saved in');
    expect(readCsv(join(out, 'decisions.csv'))).toHaveLength(2);
  });

  it('quitting with unwritten decisions asks first, and they are offered again next time', async () => {
    const { tmux, out } = open(80, 24);
    const first = tmux.start(samplesCommand(out));
    await tmux.waitFor(first, /\[Review \d+\]/);
    tmux.keys(first, 's');
    await tmux.waitFor(first, '1 unwritten');
    tmux.keys(first, 'q');
    await tmux.waitFor(first, 'Quit? 1 decision is not written');
    tmux.keys(first, 'q');
    await tmux.waitFor(first, 'EXIT=0');
    expect(tmux.screen(first)).toContain('run again with --out');
    const second = tmux.start(samplesCommand(out));
    await tmux.waitFor(second, 'Resume 1 decision? (y/n)');
    tmux.keys(second, 'C-c');
    await tmux.waitFor(second, 'EXIT=130');
  });
});
