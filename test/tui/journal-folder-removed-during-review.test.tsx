/**
 * The --out folder removed while a review runs (another terminal's `rm -rf`): the decisions made
 * after it used to go to a journal no one could open, while the quit question and the end of the
 * review said they were safe in it. The journal is written again with every decision, the review
 * says so, w writes the outputs into the folder made again, and the end's words stay true.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interruptNote, runLeavingCleanup } from '../../src/cli/interruptNote.js';
import { readJournal } from '../../src/cli/readJournal.js';
import { startSession } from './helpers/session.js';
import { tempDir } from '../helpers/tempDir.js';

const { runSession } = await import('../../src/tui/session.js');

/** A review on a fresh --out with one decision made (a skip), then its folder removed. */
async function oneDecisionThenFolderRemoved(prefix: string) {
  const out = join(tempDir(prefix), 'out');
  const session = startSession(runSession, out);
  await session.waitFor(/\[Review \d+\]/);
  session.press('s');
  await session.waitFor('1 unwritten');
  rmSync(out, { recursive: true });
  return { out, ...session };
}

describe('a review whose --out folder is removed', () => {
  it('writes the journal again with every decision, says so, and w writes the outputs there', async () => {
    const { out, o, ended, press, waitFor, stderr } = await oneDecisionThenFolderRemoved('ufm-gone-');
    press('s');
    const said = (await waitFor('had gone')).replace(/\s+/g, ' ');
    expect(said).toContain(`${o.out}/decisions.csv had gone (removed during the review): written again with every decision`);
    expect(readJournal(join(out, 'decisions.csv')).entries).toHaveLength(2);
    // the folder's lock went with it: taken again, so no second run starts on the folder meanwhile
    expect(existsSync(join(out, '.ufmatch.lock'))).toBe(true);

    rmSync(out, { recursive: true });
    press('w');
    await waitFor('write the files');
    press('w');
    await waitFor('wrote the outputs');
    expect(existsSync(join(out, 'links.csv'))).toBe(true);
    expect(readJournal(join(out, 'decisions.csv')).entries).toHaveLength(2);
    press('q');
    expect(await ended).toBe(0);
    expect(existsSync(join(out, '.ufmatch.lock'))).toBe(false); // released at the end
    expect(stderr()).toContain(`ufmatch: ${o.out}/decisions.csv had gone (removed during the review): written again with every decision`);
  }, 30_000);

  it('removed after the last decision: quitting unwritten puts the journal back before saying it holds them', async () => {
    const { out, o, ended, press, waitFor, stderr } = await oneDecisionThenFolderRemoved('ufm-gone-end-');
    press('q');
    await waitFor('Quit? 1 decision is not written');
    press('q');
    expect(await ended).toBe(0);
    expect(readJournal(join(out, 'decisions.csv')).entries).toHaveLength(1);
    expect(stderr()).toContain(`1 decision is not in the outputs yet; decisions made in a review are saved in ${o.out}/decisions.csv`);
  }, 30_000);

  it('removed, then the review is interrupted (Ctrl-C from outside, SIGTERM): the leaving puts the journal back before its note says so', async () => {
    const { out, o, ended, press, waitFor } = await oneDecisionThenFolderRemoved('ufm-gone-int-');
    // what cli.ts's signal handler does before printing the note and exiting
    runLeavingCleanup();
    expect(readJournal(join(out, 'decisions.csv')).entries).toHaveLength(1);
    const note = interruptNote() ?? '';
    expect(note).toContain(`ufmatch: ${o.out}/decisions.csv had gone (removed during the review): written again with every decision`);
    expect(note).toContain(`1 decision is not in the outputs yet; decisions made in a review are saved in ${o.out}/decisions.csv`);
    press('\u0003');
    expect(await ended).toBe(130);
  }, 30_000);
});

