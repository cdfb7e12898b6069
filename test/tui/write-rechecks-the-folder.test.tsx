/**
 * A review's `w` checks the folder again just before writing: a file of an output's name put
 * there during the review, which ufmatch did not write, is kept (it was replaced: the check ran
 * only when the review opened). A write that fails says the file first, in the command line's
 * words (a folder where summary.txt goes read "EISDIR: illegal operation on a directory, rename
 * '…", its file name lost where a small screen cuts the line).
 */
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSession } from '../../src/tui/session.js';
import { startSession } from './helpers/session.js';
import { tempDir } from '../helpers/tempDir.js';

describe("a review's w, against the folder as it is when writing", () => {
  it('keeps a summary.txt someone put there during the review, and writes once it is gone', async () => {
    const out = tempDir('ufm-recheck-');
    const s = startSession(runSession, out);
    await s.waitFor(/\[Review \d+\]/);
    writeFileSync(join(out, 'summary.txt'), 'my notes\n');
    s.press('w');
    await s.waitFor('Summary before writing');
    s.press('w');
    await s.waitFor(`Error: not written: --out ${out} holds a summary.txt that does not begin as ufmatch writes it`);
    expect(readFileSync(join(out, 'summary.txt'), 'utf8')).toBe('my notes\n');
    writeFileSync(join(out, 'summary.txt'), '');
    s.press('w');
    await s.waitFor('Summary before writing');
    s.press('w');
    await s.waitFor('wrote the outputs');
    expect(readFileSync(join(out, 'summary.txt'), 'utf8')).toMatch(/^ufmatch /);
    s.press('q');
    expect(await s.ended).toBe(0);
  }, 20_000);

  it('a folder standing where summary.json goes: the file first, then what is wrong, then "press w again"', async () => {
    const out = tempDir('ufm-recheck-');
    const s = startSession(runSession, out);
    await s.waitFor(/\[Review \d+\]/);
    mkdirSync(join(out, 'summary.json'));
    s.press('w');
    await s.waitFor('Summary before writing');
    s.press('w');
    await s.waitFor(`Error: not written: ${join(out, 'summary.json')}: a folder stands where the output file goes — nothing was overwritten; fix it and press w again`);
    rmdirSync(join(out, 'summary.json'));
    s.press('q'); // nothing decided: q quits at once
    expect(await s.ended).toBe(0);
  }, 20_000);
});
