/**
 * The review session on a disk that fills up: the journal's file operations are the real ones
 * until `disk.full`, then a write takes only part of the row (as write(2) does on a full
 * disk). The decision then is not applied, the screen says it was not saved and why, the
 * journal keeps only whole rows, and neither quitting nor the end of the review calls the
 * decisions safe or saved.
 */
import { fdatasyncSync, ftruncateSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readJournal } from '../../src/cli/readJournal.js';
import type { JournalIo } from '../../src/output/journalFile.js';
import { startSession } from './helpers/session.js';
import { tempDir } from '../helpers/tempDir.js';

/** full: every write is cut; rowsFull: every write but the journal's header (it fills once the journal is open). */
const disk = { full: false, rowsFull: false };

vi.mock('../../src/output/journalFile.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/output/journalFile.js')>();
  const io: JournalIo = {
    write: (fd, bytes) => writeSync(fd, disk.full || (disk.rowsFull && !Buffer.from(bytes).toString('utf8').startsWith('uf_id,')) ? bytes.subarray(0, 11) : bytes),
    sync: fdatasyncSync,
    truncate: ftruncateSync,
  };
  const JournalFile = { open: (path: string) => real.JournalFile.open(path, io), setAside: (path: string) => real.JournalFile.setAside(path) };
  return { ...real, JournalFile };
});

const { runSession } = await import('../../src/tui/session.js');

describe('a review whose journal fills the disk', () => {
  it('does not apply the decision the journal could not take, and never calls the decisions saved', async () => {
    const out = tempDir('ufm-full-');
    const { o, ended, press, waitFor, stderr } = startSession(runSession, out);
    const reviews = Number(/\[Review (\d+)\]/.exec(await waitFor(/\[Review \d+\]/))![1]);

    press('s');
    await waitFor('1 unwritten');
    const saved = readFileSync(join(out, 'decisions.csv'), 'utf8');

    disk.full = true;
    press('s');
    const refused = await waitFor('so not applied: user');
    expect(refused).toContain(`[Review ${reviews - 1}]`);
    expect(refused).toContain('1 unwritten');
    expect(refused.replace(/\s+/g, ' ')).toMatch(/not saved \(only 11 of \d+ bytes were written: is the disk full\?\), so not applied: user \d+ → skip/);
    expect(readFileSync(join(out, 'decisions.csv'), 'utf8')).toBe(saved);

    disk.full = false;
    press('s');
    await waitFor('2 unwritten');
    expect(readJournal(join(out, 'decisions.csv')).entries).toHaveLength(2);

    press('q');
    const quit = await waitFor('Quit? 2 decisions are not written');
    expect(quit).not.toMatch(/safe|saved/);
    press('q');
    expect(await ended).toBe(0);
    expect(stderr()).not.toMatch(/safe|saved/);
    expect(stderr()).toContain(`2 decisions are not in the outputs yet; ${o.out}/decisions.csv holds them, but not a decision it could not take (only 11 of`);
  }, 30_000);

  it('a full disk as the review starts with --decisions: the review opens, says the journal could not take them, and promises nothing', async () => {
    const out = tempDir('ufm-full-start-');
    const file = join(tempDir('ufm-full-src-'), 'dec.csv');
    writeFileSync(file, 'uf_id,email,action,contact_id,decided_at\r\n29,hendersons@btinternet.com,skip,,2026-11-22T10:00:01Z\r\n');
    disk.rowsFull = true;
    try {
      const { ended, press, waitFor, stderr } = startSession(runSession, out, ['--decisions', file]);
      const opened = (await waitFor('1 unwritten')).replace(/\s+/g, ' ');
      expect(opened).toContain('could not take the decisions this review starts with (only 11 of');
      press('q');
      const quit = await waitFor('Quit? 1 decision is not written');
      expect(quit).not.toMatch(/safe|saved/);
      press('q');
      expect(await ended).toBe(0);
      expect(stderr()).not.toMatch(/safe in|saved in/);
    } finally {
      disk.rowsFull = false;
    }
  }, 30_000);
});
