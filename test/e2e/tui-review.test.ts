/**
 * The review TUI in a real pseudo-terminal (tmux): open the samples, settle a review case by
 * picking a candidate, undo, redo, write, quit, and check links.csv and the journal.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv, reviewCount, samplesCommand, terminalSessions } from '../tui/helpers/e2e.js';

describe('ufmatch review in a terminal', () => {
  const open = terminalSessions('ufmatch-tui-');

  it('settles a review case by candidate, undoes, redoes, writes links.csv and quits', async () => {
    const { tmux, out } = open(100, 30);
    const s = tmux.start(samplesCommand(out));
    const opened = await tmux.waitFor(s, /\[Review \d+\]/);
    const reviews = reviewCount(opened);
    expect(opened).toContain('? help');

    // find the Hendersons (two contacts share their email) and link the second candidate
    tmux.keys(s, '/');
    await tmux.waitFor(s, 'Enter finds');
    tmux.type(s, 'hendersons');
    tmux.keys(s, 'Enter');
    const detail = await tmux.waitFor(s, /user (\d+) · hendersons@btinternet\.com/);
    const ufId = Number(/user (\d+) · hendersons@/.exec(detail)![1]);
    const second = Number(/ 2 #(\d+) /.exec(detail)![1]);
    tmux.keys(s, '2');
    await tmux.waitFor(s, `user ${ufId} → link to contact ${second}`);
    expect(reviewCount(tmux.screen(s))).toBe(reviews - 1);

    tmux.keys(s, 'u');
    await tmux.waitFor(s, `undone: user ${ufId} is back to review`);
    expect(reviewCount(tmux.screen(s))).toBe(reviews);
    tmux.keys(s, 'C-r');
    await tmux.waitFor(s, `redone: user ${ufId} → link to contact ${second}`);

    tmux.keys(s, 'w');
    await tmux.waitFor(s, 'Summary before writing');
    tmux.keys(s, 'Enter');
    await tmux.waitFor(s, 'wrote the outputs');
    tmux.keys(s, 'q');
    await tmux.waitFor(s, 'EXIT=0');

    const links = readCsv(join(out, 'links.csv'));
    const row = links.find((r) => r.uf_id === String(ufId))!;
    expect(row).toMatchObject({ action: 'link', contact_id: String(second), reason: 'operator', decided_by: 'operator' });
    expect(links.filter((r) => r.decided_by === 'operator')).toHaveLength(1);
    const journal = readCsv(join(out, 'decisions.csv'));
    expect(journal.map((e) => [e.uf_id, e.action, e.contact_id])).toEqual([
      [String(ufId), 'link', String(second)],
      [String(ufId), 'review', expect.any(String)],
      [String(ufId), 'link', String(second)],
    ]);
  });

  it('escape sequences that are no key (pasted colours, a status query) neither end the review nor act', async () => {
    const { tmux, out } = open(100, 30);
    const s = tmux.start(samplesCommand(out));
    const opened = await tmux.waitFor(s, /\[Review \d+\]/);
    // Ink 6.8's useInput threw on these (a Ctrl key without a name): exit 1 and a stack trace
    // and a terminal's replies, whose characters would otherwise be keys (ESC[1;1R: 1 links candidate 1)
    for (const seq of ['\u001b[31m', '\u001b[0m', '\u001b[5i', '\u001b[6n', '\u001b[1;31mred\u001b[0m', '\u001b[1;1R', '\u001b[>0;276;0c', '\u001b]11;rgb:0000/0000/0000\u001b\\', '\u001b[1;5X']) tmux.type(s, seq);
    tmux.keys(s, 'j');
    await tmux.waitFor(s, /2\/\d+/);
    expect(reviewCount(tmux.screen(s))).toBe(reviewCount(opened));
    tmux.keys(s, 'q');
    await tmux.waitFor(s, 'EXIT=0');
  });

  it('Ctrl-C on the loading screen, while a slow plan runs, leaves within a second: 130, nothing written, no folder left', async () => {
    const { tmux, out } = open(100, 30);
    // addresses that differ by a digit: each user is within two edits of hundreds of contacts
    const users = ['ID,user_login,user_email,first_name,last_name,display_name'];
    for (let i = 1; i <= 20000; i++) users.push(`${i},u${i},user${10000 + 2 * i + 1}@example.com,F,L${i},d`);
    const contacts = ['Contact ID,Contact Type,Display Name,First Name,Last Name,Email,Contact is in Trash'];
    for (let j = 1; j <= 60000; j++) contacts.push(`${j},Individual,d,G,M${j},user${10000 + 2 * j}@example.com,No`);
    writeFileSync(join(out, 'users.csv'), users.join('\n') + '\n');
    writeFileSync(join(out, 'contacts.csv'), contacts.join('\n') + '\n');
    const target = join(out, 'review-out');
    const s = tmux.start(`node dist/cli.js --users '${join(out, 'users.csv')}' --contacts '${join(out, 'contacts.csv')}' --out '${target}'`);
    await tmux.waitFor(s, /matching .* \d+%/);
    const sent = performance.now();
    tmux.keys(s, 'C-c');
    const end = await tmux.waitFor(s, 'EXIT=130');
    expect(performance.now() - sent).toBeLessThan(1500);
    expect(end).toContain('ufmatch: interrupted — no output was written');
    expect(existsSync(target)).toBe(false);
  });

  it('q without a decision and without writing leaves no folder and no empty journal behind', async () => {
    const { tmux, out } = open(100, 30);
    const target = join(out, 'fresh-out');
    const s = tmux.start(samplesCommand(target));
    await tmux.waitFor(s, /\[Review \d+\]/);
    expect(existsSync(join(target, 'decisions.csv'))).toBe(true); // made when the review opens
    tmux.keys(s, 'q');
    await tmux.waitFor(s, 'EXIT=0');
    expect(existsSync(target)).toBe(false);
  });

  it('SIGTERM during a review without decisions, or an internal error, leaves no journal and no folder it made', async () => {
    const { tmux, out } = open(100, 30);
    const target = join(out, 'term-out');
    const s = tmux.start(samplesCommand(target));
    await tmux.waitFor(s, /\[Review \d+\]/);
    expect(existsSync(join(target, 'decisions.csv'))).toBe(true);
    process.kill(tmux.childPid(s), 'SIGTERM');
    const end = await tmux.waitFor(s, 'EXIT=130');
    expect(end).toContain('ufmatch: interrupted — no output was written');
    expect(existsSync(target)).toBe(false);

    const boomOut = join(out, 'boom-out');
    const b = tmux.start(`node --import 'data:text/javascript,setTimeout(()=>{throw new Error("boom")},2500)' dist/cli.js --users samples/wordpress-users.csv --contacts samples/contacts-ui.csv --out '${boomOut}'`);
    await tmux.waitFor(b, /\[Review \d+\]/);
    const died = await tmux.waitFor(b, 'EXIT=70');
    expect(died).toContain('ufmatch: internal error: boom');
    expect(existsSync(boomOut)).toBe(false);
  });

  it('SIGTERM after a write and one more decision: the earlier outputs are in place, and what they lack is said', async () => {
    const { tmux, out } = open(100, 30);
    const target = join(out, 'term-after-write');
    const s = tmux.start(samplesCommand(target));
    await tmux.waitFor(s, /\[Review \d+\]/);
    tmux.keys(s, 'w');
    await tmux.waitFor(s, 'Summary before writing');
    tmux.keys(s, 'w');
    await tmux.waitFor(s, 'wrote the outputs');
    tmux.keys(s, 's');
    await tmux.waitFor(s, '1 unwritten');
    process.kill(tmux.childPid(s), 'SIGTERM');
    const end = await tmux.waitFor(s, 'EXIT=130');
    expect(end).toContain('ufmatch: interrupted; the outputs written earlier in this review are in place');
    expect(end).not.toContain('interrupted after the outputs were written');
    expect(end).toMatch(/1 decision is not in the outputs/);
    expect(existsSync(join(target, 'links.csv'))).toBe(true);
  });

  it('Ctrl-C leaves at once with exit code 130', async () => {
    const { tmux, out } = open(80, 24);
    const s = tmux.start(samplesCommand(out));
    await tmux.waitFor(s, /\[Review \d+\]/);
    tmux.keys(s, 'C-c');
    await tmux.waitFor(s, 'EXIT=130');
  });

  it('uses the room of a big terminal and follows a resize down to 80×24', async () => {
    const { tmux, out } = open(200, 60);
    const s = tmux.start(samplesCommand(out));
    const big = await tmux.waitFor(s, /\[Review \d+\]/);
    // side by side: the list's column header and the detail's first line share a line
    expect(big.split('\n').some((l) => l.includes('action*') && /user \d+ · /.test(l))).toBe(true);
    tmux.resize(s, 80, 24);
    await tmux.waitFor(s, /^─{80}$/m); // stacked: the divider between list and detail
    const small = tmux.screen(s).split('\n');
    expect(small.length).toBeLessThanOrEqual(25);
    expect(small.slice(23).every((l) => l.trim() === '')).toBe(true);
    expect(small[0]).toMatch(/\[Review \d+\]/);
    tmux.keys(s, 'q');
    await tmux.waitFor(s, 'EXIT=0');
  });

  it('after a resize narrower, what ufmatch says at the end starts on a line of its own, not after the hint bar', async () => {
    const { tmux, out } = open(80, 24);
    const s = tmux.start(samplesCommand(out));
    await tmux.waitFor(s, /\[Review \d+\]/);
    tmux.resize(s, 60, 15);
    await tmux.waitFor(s, /^─{60}$/m);
    tmux.keys(s, 'q');
    const end = await tmux.waitFor(s, 'EXIT=0');
    // the samples' note about a link of another domain
    expect(end).toMatch(/^ufmatch: 1 link of other domains ignored/m);
    expect(end).not.toMatch(/\? help[ \t]*ufmatch:/);
  });

  it('with NO_COLOR the screen is monochrome and still shows state in text', async () => {
    const { tmux, out } = open(100, 30);
    const s = tmux.start(`NO_COLOR=1 ${samplesCommand(out)}`);
    await tmux.waitFor(s, /\[Review \d+\]/);
    const colored = tmux.styledScreen(s);
    expect(colored).not.toMatch(/\u001b\[(3[0-7]|9[0-7]|7)m/);
    expect(tmux.screen(s)).toMatch(/^> review/m);
    tmux.keys(s, 'q');
    await tmux.waitFor(s, 'EXIT=0');
  });
});

