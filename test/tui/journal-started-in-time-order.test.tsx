/**
 * A review opened with --decisions journals the decisions it takes from that file with the
 * decided_at the file gives. Written in the users' order, rows decided in another order went
 * into this folder's journal out of time order — and reopening the folder then said the journal
 * was "not in decided_at order (sorted in a spreadsheet?)" of a journal no one had touched, and
 * replayed it reordered. The rows the review starts with go into the journal in time order.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/cli/readJournal.js';
import { runSession } from '../../src/tui/session.js';
import { startSession } from './helpers/session.js';
import { tempDir } from '../helpers/tempDir.js';

describe('the decisions a review starts with', () => {
  it('go into its journal in the order they were decided, and reopening says nothing of a sorted journal', async () => {
    const out = tempDir('ufm-replay-order-');
    const file = join(tempDir('ufm-replay-order-src-'), 'dec.csv');
    // user 33 (later in the users export) decided first
    writeFileSync(file, 'uf_id,email,action,contact_id,decided_at\r\n33,office@riverside-food-bank.org,skip,,2026-11-22T10:00:01Z\r\n29,hendersons@btinternet.com,skip,,2026-11-22T10:00:02Z\r\n');
    const s = startSession(runSession, out, ['--decisions', file]);
    await s.waitFor('2 decisions applied');
    s.press('q');
    await s.waitFor('Quit?');
    s.press('q');
    expect(await s.ended).toBe(0);
    const times = readJournal(join(out, 'decisions.csv')).entries.map((e) => e.decidedAt);
    expect(times).toEqual([...times].sort());

    const again = startSession(runSession, out);
    await again.waitFor('Resume 2 decisions? (y/n)');
    again.press('y');
    const opened = await again.waitFor('restored 2 decisions');
    expect(opened).not.toContain('decided_at order');
    again.press('q');
    await again.waitFor('Quit?');
    again.press('q');
    expect(await again.ended).toBe(0);
  }, 30_000);
});
