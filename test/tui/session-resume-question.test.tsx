/**
 * Reopening a folder with a journal: "Resume N decisions?" is asked only when resuming would
 * change a decision, in the right number; a journal none of whose rows applies is not offered
 * ("Resume 0 decisions?") — its rows not applied are said on the status line and listed at
 * the end, and the review goes on appending to it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/cli/readJournal.js';
import { runSession } from '../../src/tui/session.js';
import { startSession } from './helpers/session.js';
import { tempDir } from '../helpers/tempDir.js';

/** q, the quit question (for `n` unwritten decisions when given), and q again: quit without writing. */
async function quitUnwritten(s: ReturnType<typeof startSession>, n?: number): Promise<void> {
  s.press('q');
  await s.waitFor(n === undefined ? 'Quit?' : `Quit? ${n} decision${n === 1 ? ' is' : 's are'} not written`);
  s.press('q');
}

/** An empty --out, and a --decisions file of those rows in a folder of its own. */
function replaying(rows: readonly string[]): { out: string; file: string } {
  const out = tempDir('ufm-replay-');
  const file = join(tempDir('ufm-replay-src-'), 'dec.csv');
  writeFileSync(file, ['uf_id,email,action,contact_id,decided_at', ...rows].map((r) => `${r}\r\n`).join(''));
  return { out, file };
}

function folderWithJournal(rows: readonly string[]): string {
  const out = tempDir('ufm-resume-');
  writeFileSync(join(out, 'decisions.csv'), ['uf_id,email,action,contact_id,decided_at', ...rows].map((r) => `${r}\r\n`).join(''));
  return out;
}

describe('the resume question', () => {
  it('is not asked when no row of the journal applies: the rows not applied are said, and the journal is kept and appended to', async () => {
    const out = folderWithJournal(['999,nobody@example.org,skip,,2026-11-22T10:00:01Z']);
    const s = startSession(runSession, out);
    const opened = await s.waitFor('1 not applied');
    expect(opened).not.toContain('Resume');
    expect(opened).toContain(`nothing to resume in ${out}/decisions.csv`);
    s.press('s');
    await s.waitFor('1 unwritten');
    await quitUnwritten(s, 1);
    expect(await s.ended).toBe(0);
    expect(s.stderr()).toContain(`ufmatch: ${out}/decisions.csv: 1 decision not applied\n  ${out}/decisions.csv line 2: user 999 is not in the users export\n`);
    expect(readJournal(join(out, 'decisions.csv')).entries.map((e) => e.ufId)).toEqual([999, expect.any(Number)]);
  }, 20_000);

  it('a journal whose every row is damaged is not asked about either, and its rows are reported', async () => {
    const out = folderWithJournal(['"31,oops', '42,katherne.walsh@yahoo.co.uk,link,14']);
    const s = startSession(runSession, out);
    const opened = await s.waitFor('2 not applied');
    expect(opened).not.toContain('Resume');
    s.press('q');
    expect(await s.ended).toBe(0);
    expect(s.stderr()).toContain(`${out}/decisions.csv: 2 decisions not applied\n  ${out}/decisions.csv line 2: damaged`);
    expect(s.stderr()).toContain(`${out}/decisions.csv line 3: cut short (4 of its 5 columns), not applied\n`);
  }, 20_000);

  it('Ctrl-C at the question quits as it says, the journal left as it is (no .bak)', async () => {
    const out = folderWithJournal(['29,hendersons@btinternet.com,skip,,2026-11-22T10:00:01Z']);
    const before = readFileSync(join(out, 'decisions.csv'));
    const s = startSession(runSession, out);
    const asked = await s.waitFor('Resume 1 decision? (y/n)');
    expect(asked).toContain('Ctrl-C quits, the journal left as it is');
    s.press('\u0003');
    expect(await s.ended).toBe(130);
    expect(readFileSync(join(out, 'decisions.csv'))).toEqual(before);
    expect(existsSync(join(out, 'decisions.csv.bak'))).toBe(false);
  }, 20_000);

  it('one decision to restore: "Resume 1 decision?", and y says "restored 1 decision"', async () => {
    const out = folderWithJournal(['29,hendersons@btinternet.com,skip,,2026-11-22T10:00:01Z']);
    const s = startSession(runSession, out);
    await s.waitFor('Resume 1 decision? (y/n)');
    s.press('y');
    await s.waitFor(`restored 1 decision from ${out}/decisions.csv`);
    await quitUnwritten(s, 1);
    expect(await s.ended).toBe(0);
    expect(s.stderr()).toContain('1 decision is not in the outputs yet; decisions made in a review are saved in');
  }, 20_000);

  it('u after resuming undoes the earlier session\'s last decision, journaled as any undo, and leaves nothing unwritten', async () => {
    const out = folderWithJournal(['29,hendersons@btinternet.com,skip,,2026-11-22T10:00:01Z']);
    const s = startSession(runSession, out);
    await s.waitFor('Resume 1 decision? (y/n)');
    s.press('y');
    await s.waitFor('1 unwritten');
    s.press('u');
    await s.waitFor('undone: user 29 is back to review');
    s.press('q');
    expect(await s.ended).toBe(0);
    expect(readJournal(join(out, 'decisions.csv')).entries.map((e) => `${e.ufId} ${e.action}`)).toEqual(['29 skip', '29 review']);
  }, 20_000);
});

describe('links.csv that states what the journal no longer decides', () => {
  const LINKS_HEADER = 'uf_id,uf_name,contact_id,action,reason,candidates,warnings,decided_by';
  const writeLinks = (out: string) => writeFileSync(join(out, 'links.csv'), `${LINKS_HEADER}\r\n29,hendersons@btinternet.com,,skip,operator,,,operator\r\n`);

  it('an undo back to the proposal after writing counts as unwritten, and q asks', async () => {
    // skip, written (links.csv says skip), then undone: the journal's last word is the proposal
    const out = folderWithJournal(['29,hendersons@btinternet.com,skip,,2026-11-22T10:00:01Z', '29,hendersons@btinternet.com,review,135,2026-11-22T10:00:05Z']);
    writeLinks(out);
    const s = startSession(runSession, out);
    const opened = await s.waitFor('1 unwritten');
    expect(opened).not.toContain('Resume');
    expect(opened.replace(/\s+/g, ' ')).toContain(`links.csv in ${out} states other decisions for 1 user (unwritten)`);
    await quitUnwritten(s, 1);
    expect(await s.ended).toBe(0);
  }, 20_000);
});

describe('a review opened with --decisions', () => {
  it('counts the users the decisions file changed as unwritten, so q asks before leaving them unwritten', async () => {
    const dir = tempDir('ufm-decided-');
    const file = join(dir, 'earlier.csv');
    writeFileSync(file, 'uf_id,email,action,contact_id,decided_at\r\n29,hendersons@btinternet.com,skip,,2026-11-22T10:00:01Z\r\n');
    const out = join(dir, 'out');
    const s = startSession(runSession, out, ['--decisions', file]);
    await s.waitFor('1 unwritten');
    await quitUnwritten(s, 1);
    expect(await s.ended).toBe(0);
  }, 20_000);
});

describe('starting over after a write, and --decisions replayed in a review', () => {
  const LINKS_HEADER = 'uf_id,uf_name,contact_id,action,reason,candidates,warnings,decided_by';

  it('n after a write: the users links.csv still states the old decisions for are unwritten, q asks, and reopening says so again', async () => {
    const out = folderWithJournal(['29,hendersons@btinternet.com,skip,,2026-11-22T10:00:01Z']);
    writeFileSync(join(out, 'links.csv'), `${LINKS_HEADER}\r\n29,hendersons@btinternet.com,,skip,operator,,,operator\r\n`);
    const s = startSession(runSession, out);
    await s.waitFor('Resume 1 decision? (y/n)');
    s.press('n');
    const opened = await s.waitFor('1 unwritten');
    expect(opened.replace(/\s+/g, ' ')).toContain(`links.csv in ${out} states other decisions for 1 user (unwritten) · started over;`);
    await quitUnwritten(s, 1);
    expect(await s.ended).toBe(0);
    // the new journal holds user 29 back at the proposal: reopening finds links.csv stale again
    expect(readJournal(join(out, 'decisions.csv')).entries.map((e) => [e.ufId, e.action])).toEqual([[29, 'review']]);
    const again = startSession(runSession, out);
    const reopened = await again.waitFor('1 unwritten');
    expect(reopened).not.toContain('Resume');
    await quitUnwritten(again, 1);
    expect(await again.ended).toBe(0);
  }, 30_000);

  it('--decisions: a replayed decision is journaled with the time its file gives, when that is an ISO 8601 time', async () => {
    const { out, file } = replaying(['29,hendersons@btinternet.com,skip,,2026-11-20T09:15:00.000Z', '24,eleanor.vaughan@outlook.com,skip,,10/11/2026 09:15']);
    const before = Date.now();
    const s = startSession(runSession, out, ['--decisions', file]);
    await s.waitFor('2 unwritten');
    await quitUnwritten(s, 2);
    expect(await s.ended).toBe(0);
    const entries = readJournal(join(out, 'decisions.csv')).entries;
    expect(entries.map((e) => e.ufId).sort()).toEqual([24, 29]);
    // in the order decided, as a journal is appended (a reopened one read out of order is taken as sorted)
    const times = entries.map((e) => Date.parse(e.decidedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // 10/11/2026: the 10th of November or the 11th of October; not guessed at, that one is journaled now
    const eleanor = Date.parse(entries.find((e) => e.ufId === 24)!.decidedAt);
    expect(eleanor).toBeGreaterThanOrEqual(before - 1000);
    expect(eleanor).toBeLessThanOrEqual(Date.now());
    expect(entries.find((e) => e.ufId === 29)!.decidedAt).toBe('2026-11-20T09:15:00.000Z');
  }, 30_000);

  it('--decisions, then a resumed journal that puts the user elsewhere: the row journaled for that user is not given the file\'s time', async () => {
    // the folder's journal names user 29 with another email: refused, so resuming puts 29 back on ufmatch's proposal
    const out = folderWithJournal(['29,someone.else@example.org,skip,,2026-11-21T08:00:00.000Z']);
    const file = join(tempDir('ufm-replay-src-'), 'dec.csv');
    writeFileSync(file, 'uf_id,email,action,contact_id,decided_at\r\n29,hendersons@btinternet.com,skip,,2026-11-20T09:15:00.000Z\r\n');
    const s = startSession(runSession, out, ['--decisions', file]);
    await s.waitFor('Resume 1 decision? (y/n)');
    s.press('y');
    await s.waitFor('restored 1 decision');
    s.press('q'); // nothing unwritten: 29 is on the proposal, as no links.csv states otherwise
    expect(await s.ended).toBe(0);
    const rows = readJournal(join(out, 'decisions.csv')).entries.filter((e) => e.ufId === 29);
    const last = rows[rows.length - 1]!;
    expect(last.action).toBe('review');
    expect(last.decidedAt).not.toBe('2026-11-20T09:15:00.000Z');
  }, 30_000);

  it('--decisions: the replayed decisions go into the journal, as the quit question promises, and reopening offers them', async () => {
    const { out, file } = replaying(['29,hendersons@btinternet.com,skip,,2026-11-22T10:00:01Z']);
    const s = startSession(runSession, out, ['--decisions', file]);
    await s.waitFor('1 unwritten');
    await quitUnwritten(s, 1);
    expect(await s.ended).toBe(0);
    expect(s.stderr()).toContain(`1 decision is not in the outputs yet; decisions made in a review are saved in ${out}/decisions.csv`);
    expect(readJournal(join(out, 'decisions.csv')).entries.map((e) => [e.ufId, e.action])).toEqual([[29, 'skip']]);
    const again = startSession(runSession, out);
    await again.waitFor('Resume 1 decision? (y/n)');
    again.press('y');
    await again.waitFor('restored 1 decision');
    await quitUnwritten(again);
    expect(await again.ended).toBe(0);
  }, 30_000);

  it('--decisions rows not applied: the status line names the first, and every one is listed when the review ends', async () => {
    const { out, file } = replaying([
      '29,hendersons@btinternet.com,skip,,2026-11-22T10:00:01Z',
      '999,nobody@example.org,skip,,2026-11-22T10:00:02Z',
      '998,nobody2@example.org,skip,,2026-11-22T10:00:03Z',
    ]);
    const s = startSession(runSession, out, ['--decisions', file]);
    await s.waitFor('--decisions: 2 not applied (line 3: user 999 is not in the users export, …; all listed when ufmatch ends)');
    await quitUnwritten(s, 1);
    expect(await s.ended).toBe(0);
    expect(s.stderr()).toContain(`  ${file} line 3: user 999 is not in the users export\n  ${file} line 4: user 998 is not in the users export\n`);
  }, 30_000);

  it('more --decisions rows not applied than are listed: the list\'s tail ("… and 5 more") stays off the status line, and is printed at the end', async () => {
    const { out, file } = replaying(Array.from({ length: 25 }, (_, i) => `${900 + i},nobody${i}@example.org,skip,,2026-11-22T10:00:01Z`));
    const s = startSession(runSession, out, ['--decisions', file]);
    const opened = await s.waitFor('--decisions: 25 not applied');
    expect(opened).not.toContain('more, at lines');
    s.press('q');
    expect(await s.ended).toBe(0);
    expect(s.stderr()).toContain(`  … and 5 more, at lines 22-26\n`);
  }, 30_000);

  it('after starting over, deciding a user as links.csv states it leaves nothing unwritten: the count is of users the outputs do not hold', async () => {
    const out = folderWithJournal(['29,hendersons@btinternet.com,skip,,2026-11-22T10:00:01Z']);
    writeFileSync(join(out, 'links.csv'), `uf_id,uf_name,contact_id,action,reason,candidates,warnings,decided_by\r\n29,hendersons@btinternet.com,,skip,operator,,,operator\r\n`);
    const s = startSession(runSession, out);
    await s.waitFor('Resume 1 decision? (y/n)');
    s.press('n');
    await s.waitFor('1 unwritten');
    s.press('s'); // user 29, first in Review: skip, as links.csv says
    await s.waitFor('user 29 → skip');
    expect(s.screen()).not.toMatch(/\d+ unwritten/);
    s.press('q'); // nothing to ask
    expect(await s.ended).toBe(0);
  }, 30_000);

  it('a links.csv of other decisions, without a journal: the users it states otherwise are unwritten, and the status line says why', async () => {
    const out = tempDir('ufm-other-links-');
    writeFileSync(join(out, 'links.csv'), `uf_id,uf_name,contact_id,action,reason,candidates,warnings,decided_by\r\n29,hendersons@btinternet.com,,skip,operator,,,operator\r\n31,x@example.org,,create,operator,,,operator\r\n`);
    const s = startSession(runSession, out);
    const opened = await s.waitFor('2 unwritten');
    expect(opened.replace(/\s+/g, ' ')).toContain(`links.csv in ${out} states other decisions for 2 users (unwritten)`);
    await quitUnwritten(s, 2);
    expect(await s.ended).toBe(0);
  }, 30_000);

  it('starting over where links.csv also differs for a user the journal never named: the status line accounts for every unwritten user', async () => {
    const out = folderWithJournal(['29,hendersons@btinternet.com,skip,,2026-11-22T10:00:01Z']);
    writeFileSync(join(out, 'links.csv'), `uf_id,uf_name,contact_id,action,reason,candidates,warnings,decided_by\r\n29,hendersons@btinternet.com,,skip,operator,,,operator\r\n31,x@example.org,,create,operator,,,operator\r\n`);
    const s = startSession(runSession, out);
    await s.waitFor('Resume 1 decision? (y/n)');
    s.press('n');
    const opened = (await s.waitFor('2 unwritten')).replace(/\s+/g, ' ');
    // user 29 (the old journal's) and user 31 (links.csv's alone), in one count
    expect(opened).toContain(`links.csv in ${out} states other decisions for 2 users (unwritten) · started over;`);
    await quitUnwritten(s, 2);
    expect(await s.ended).toBe(0);
  }, 30_000);

  it('--decisions given again on reopening: journaled once, and with no links.csv nothing blames one', async () => {
    const { out, file } = replaying(['29,hendersons@btinternet.com,skip,,2026-11-22T10:00:01Z']);
    for (let round = 0; round < 3; round++) {
      const s = startSession(runSession, out, ['--decisions', file]);
      const opened = (await s.waitFor('1 unwritten')).replace(/\s+/g, ' ');
      expect(opened).not.toContain('links.csv');
      await quitUnwritten(s, 1);
      expect(await s.ended).toBe(0);
      expect(readJournal(join(out, 'decisions.csv')).entries.map((e) => [e.ufId, e.action]), `round ${round}`).toEqual([[29, 'skip']]);
    }
  }, 60_000);

  it('users that differ only from an earlier links.csv: the quit question and the end say so, and promise no journal', async () => {
    const out = tempDir('ufm-other-links-');
    writeFileSync(join(out, 'links.csv'), `uf_id,uf_name,contact_id,action,reason,candidates,warnings,decided_by\r\n29,hendersons@btinternet.com,,skip,operator,,,operator\r\n`);
    const s = startSession(runSession, out);
    await s.waitFor('1 unwritten');
    s.press('q');
    const asked = (await s.waitFor('Quit? 1 decision is not written')).replace(/\s+/g, ' ');
    expect(asked).toContain(`links.csv in ${out} states other decisions for them: w writes what this review shows; quitting leaves links.csv as it is.`);
    expect(asked).not.toContain('safe in');
    s.press('q');
    expect(await s.ended).toBe(0);
    expect(s.stderr()).toContain(`1 decision is not in the outputs yet: links.csv in ${out} states other decisions for that user`);
    expect(s.stderr()).not.toContain('saved in');
    expect(existsSync(join(out, 'decisions.csv'))).toBe(false);
  }, 30_000);
});

describe('a journal re-saved in another layout', () => {
  // found by an audit: the review appended its rows in its own layout to a journal read by
  // another header (reordered, without decided_at, tab-separated UTF-16), and the next resume
  // refused them — the decisions made after resuming were lost
  it.each([
    ['without decided_at', Buffer.from('uf_id,email,action,contact_id\r\n29,hendersons@btinternet.com,skip,\r\n')],
    ['with its columns reordered', Buffer.from('action,contact_id,uf_id,email,decided_at\r\nskip,,29,hendersons@btinternet.com,2026-11-22T10:00:01Z\r\n')],
    ['as Unicode text (UTF-16LE, tabs)', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('uf_id\temail\taction\tcontact_id\tdecided_at\r\n29\thendersons@btinternet.com\tskip\t\t2026-11-22T10:00:01Z\r\n', 'utf16le')])],
  ])('%s: resumed, it is rewritten in ufmatch’s layout (the file kept as .bak), and the next resume restores every decision', async (_how, bytes) => {
    const out = tempDir('ufm-layout-');
    const path = join(out, 'decisions.csv');
    writeFileSync(path, bytes);
    const s = startSession(runSession, out);
    await s.waitFor('Resume 1 decision? (y/n)');
    s.press('y');
    await s.waitFor(`${out}/decisions.csv was not in ufmatch's own layout: rewritten in it`);
    s.press('s');
    await s.waitFor('2 unwritten');
    await quitUnwritten(s, 2);
    expect(await s.ended).toBe(0);
    expect(readFileSync(join(out, 'decisions.csv.bak'))).toEqual(bytes);
    const { entries, problems } = readJournal(path);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.ufId, e.action])).toEqual([[29, 'skip'], [expect.any(Number), 'skip']]);
    const again = startSession(runSession, out);
    await again.waitFor('Resume 2 decisions? (y/n)');
    again.press('\u0003');
    expect(await again.ended).toBe(130);
  }, 30_000);
});

describe('a journal re-saved in another layout, with rows not applied', () => {
  it('the rows not applied are named in the .bak, where those lines are; a UTF-8 BOM alone rewrites nothing', async () => {
    const out = tempDir('ufm-layout-lines-');
    const path = join(out, 'decisions.csv');
    writeFileSync(path, 'uf_id;email;action;contact_id\r\n29;hendersons@btinternet.com;skip;\r\n999;nobody@example.org;skip;\r\n');
    const s = startSession(runSession, out);
    await s.waitFor('Resume 1 decision? (y/n)');
    s.press('y');
    await s.waitFor('rewritten in it');
    s.press('q');
    await s.waitFor('Quit?');
    s.press('q');
    expect(await s.ended).toBe(0);
    expect(s.stderr()).toContain(`ufmatch: ${out}/decisions.csv.bak: 1 decision not applied\n  ${out}/decisions.csv.bak line 3: user 999 is not in the users export\n`);

    const bom = tempDir('ufm-layout-bom-');
    const bytes = Buffer.from('\ufeffuf_id,email,action,contact_id,decided_at\r\n29,hendersons@btinternet.com,skip,,2026-11-22T10:00:01Z\r\n');
    writeFileSync(join(bom, 'decisions.csv'), bytes);
    const b = startSession(runSession, bom);
    await b.waitFor('Resume 1 decision? (y/n)');
    b.press('y');
    await b.waitFor('restored 1 decision');
    b.press('s');
    await b.waitFor('2 unwritten');
    await quitUnwritten(b, 2);
    expect(await b.ended).toBe(0);
    expect(existsSync(join(bom, 'decisions.csv.bak'))).toBe(false);
    expect(readJournal(join(bom, 'decisions.csv')).entries.map((e) => e.action)).toEqual(['skip', 'skip']);
  }, 30_000);
});

describe('keys typed while the screen is busy', () => {
  // at 200k users the review takes seconds to prepare after the bars are full, and after the
  // resume answer; keys typed then were applied to users the operator never saw (a tmux audit)
  it('while it is prepared after loading: the screen says so, and s acts on no one', async () => {
    const out = tempDir('ufm-prep-');
    const s = startSession(runSession, out);
    await s.pressOn('preparing the review of 42 users…', 's', 's');
    expect(s.screen()).toContain('ufmatch — preparing the review');
    const opened = await s.waitFor('Review');
    expect(opened).not.toContain('unwritten');
    s.press('q');
    expect(await s.ended).toBe(0);
    expect(existsSync(join(out, 'decisions.csv'))).toBe(false);
  }, 20_000);

  it('after y at the resume question: a second y, typed while the decisions are restored, links no one', async () => {
    const out = folderWithJournal(['29,hendersons@btinternet.com,skip,,2026-11-22T10:00:01Z']);
    const s = startSession(runSession, out);
    await s.waitFor('Resume 1 decision? (y/n)');
    const typed = s.pressOn('restoring 1 decision…', 'y');
    s.press('y');
    await typed;
    await s.waitFor('1 unwritten');
    await quitUnwritten(s, 1);
    expect(await s.ended).toBe(0);
    expect(readJournal(join(out, 'decisions.csv')).entries.map((e) => `${e.ufId} ${e.action}`)).toEqual(['29 skip']);
  }, 20_000);

  it('while the outputs are written: the message line says so, and s typed then skips no one', async () => {
    const out = tempDir('ufm-writing-');
    const s = startSession(runSession, out);
    await s.waitFor('Review');
    s.press('w');
    await s.waitFor('Summary before writing');
    const typed = s.pressOn('writing the outputs…', 's', 's');
    s.press('\r');
    await typed;
    const written = await s.waitFor('wrote the outputs');
    expect(written).not.toContain('unwritten');
    s.press('q');
    expect(await s.ended).toBe(0); // no quit question: nothing was decided
    expect(existsSync(join(out, 'decisions.csv'))).toBe(false);
  }, 20_000);
});
