/**
 * The journal's name can go while a review runs (the --out folder deleted in another terminal,
 * the file removed or replaced): rows appended after that went to a file no one could open,
 * while the review said its decisions were safe. The journal is now written at its path again,
 * with every row, before the next row is appended.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/cli/readJournal.js';
import { JournalError, JournalFile } from '../../src/output/journalFile.js';
import { tempDir } from '../helpers/tempDir.js';

const entry = (ufId: number) => ({ ufId, email: `u${ufId}@example.org`, action: 'skip' as const, contactId: null, decidedAt: '2026-11-23T10:00:00Z' });

function setUp() {
  const dir = join(tempDir('ufm-kept-'), 'out');
  mkdirSync(dir, { mode: 0o700 }); // as prepareOutDir makes it
  return { dir, path: join(dir, 'decisions.csv') };
}

const ufIds = (path: string) => readJournal(path).entries.map((e) => e.ufId);

describe('a journal whose name went during the review', () => {
  it('the folder removed: the next append makes it again (0700) and writes the journal there with every row (0600)', () => {
    const { dir, path } = setUp();
    const j = JournalFile.open(path);
    j.append(entry(1));
    j.append(entry(2));
    rmSync(dir, { recursive: true });
    j.append(entry(3));
    expect(j.takeRestored()).toEqual({ replaced: false, older: null });
    expect(j.takeRestored()).toBeNull();
    expect(ufIds(path)).toEqual([1, 2, 3]);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    j.append(entry(4));
    expect(j.takeRestored()).toBeNull();
    j.close();
    expect(ufIds(path)).toEqual([1, 2, 3, 4]);
  });

  it('the file removed, then the review ends: keepAtPath() writes it again', () => {
    const { path } = setUp();
    const j = JournalFile.open(path);
    j.append(entry(7));
    rmSync(path);
    expect(j.keepAtPath()).toEqual({ replaced: false, older: null });
    expect(j.keepAtPath()).toBeNull();
    j.close();
    expect(ufIds(path)).toEqual([7]);
  });

  it('the file replaced by another: that one is kept as .bak, never overwritten, and the journal written again', () => {
    const { dir, path } = setUp();
    const j = JournalFile.open(path);
    j.append(entry(1));
    renameSync(path, join(dir, 'mine.csv'));
    writeFileSync(path, 'someone else,s file\n');
    j.append(entry(2));
    expect(j.takeRestored()).toEqual({ replaced: true, older: null });
    j.close();
    expect(ufIds(path)).toEqual([1, 2]);
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('someone else,s file\n');
  });

  it('a journal this session created and wrote no decision into is not made again', () => {
    const { dir, path } = setUp();
    const j = JournalFile.open(path);
    rmSync(dir, { recursive: true });
    expect(j.keepAtPath()).toBeNull();
    j.close();
    expect(() => statSync(dir)).toThrow();
  });

  it('an earlier journal taken up again (not created here) is made again even before a decision', () => {
    const { dir, path } = setUp();
    const first = JournalFile.open(path);
    first.append(entry(5));
    first.close();
    const j = JournalFile.open(path);
    rmSync(dir, { recursive: true });
    expect(j.keepAtPath()).toEqual({ replaced: false, older: null });
    j.close();
    expect(ufIds(path)).toEqual([5]);
  });

  it('when it cannot be written again, the row is refused (JournalError) and nothing of it is kept', () => {
    const { dir, path } = setUp();
    const j = JournalFile.open(path);
    j.append(entry(1));
    rmSync(dir, { recursive: true });
    writeFileSync(dir, 'a file where the folder was'); // mkdir cannot make the folder
    let err: unknown = null;
    try {
      j.append(entry(2));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(JournalError);
    expect((err as JournalError).why).toMatch(/^it was removed during the review and could not be written again \(/);
    expect(j.takeRestored()).toBeNull();
    // the folder comes back: the journal holds the row taken, not the one refused
    rmSync(dir);
    j.append(entry(3));
    expect(j.takeRestored()).toEqual({ replaced: false, older: null });
    j.close();
    expect(ufIds(path)).toEqual([1, 3]);
  });
});
