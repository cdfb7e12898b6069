import { appendFileSync, fdatasyncSync, ftruncateSync, readFileSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/cli/readJournal.js';
import { JournalError, JournalFile, type JournalIo } from '../../src/output/journalFile.js';
import { tempDir } from '../helpers/tempDir.js';

function journalWith(path: string, ufId: number): void {
  const j = JournalFile.open(path);
  j.append({ ufId, email: `u${ufId}@example.org`, action: 'skip', contactId: null, decidedAt: '2026-11-21T10:00:00Z' });
  j.close();
}

describe('the journal file', () => {
  it('starting over keeps the old journal as .bak, and an earlier .bak as .bak.1, .bak.2 …', () => {
    const dir = tempDir('ufm-journal-');
    const path = join(dir, 'decisions.csv');
    const older: (string | null)[] = [];
    for (const uf of [1, 2, 3]) {
      journalWith(path, uf);
      older.push(JournalFile.setAside(path).older);
    }
    expect(older).toEqual([null, `${path}.bak.1`, `${path}.bak.2`]);
    expect(readdirSync(dir).sort()).toEqual(['decisions.csv.bak', 'decisions.csv.bak.1', 'decisions.csv.bak.2']);
    expect(readFileSync(join(dir, 'decisions.csv.bak.1'), 'utf8')).toContain('u1@example.org');
    expect(readFileSync(join(dir, 'decisions.csv.bak.2'), 'utf8')).toContain('u2@example.org');
    expect(readFileSync(join(dir, 'decisions.csv.bak'), 'utf8')).toContain('u3@example.org');
  });

  it('setting aside a journal that does not exist does nothing', () => {
    const dir = tempDir('ufm-journal-');
    expect(JournalFile.setAside(join(dir, 'decisions.csv'))).toEqual({ older: null });
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    ['a cut-off row', '40,rachel.moore@gmial.com,li'],
    ['a cut-off row inside a quoted email', '41,"a,b@example.org'],
    ['a cut-off quoted email with a doubled quote', '42,"x""y'],
  ])('a decision appended after %s is a row of its own (the fragment is reported)', (_what, fragment) => {
    const dir = tempDir('ufm-journal-');
    const path = join(dir, 'decisions.csv');
    journalWith(path, 1);
    appendFileSync(path, fragment);
    journalWith(path, 44);
    journalWith(path, 46);
    const { entries, problems } = readJournal(path);
    expect(entries.map((e) => e.ufId)).toEqual([1, 44, 46]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'malformed', line: 3 });
  });

  it('a journal that ends with its line break gets nothing added', () => {
    const dir = tempDir('ufm-journal-');
    const path = join(dir, 'decisions.csv');
    journalWith(path, 1);
    const before = readFileSync(path, 'utf8');
    JournalFile.open(path).close();
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});

describe('removing a journal the session made no decision into', () => {
  it('removes the header-only journal it created', () => {
    const dir = tempDir('ufm-journal-');
    const path = join(dir, 'decisions.csv');
    JournalFile.open(path).closeRemovingIfUnused();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never removes rows another writer appended to it', () => {
    const dir = tempDir('ufm-journal-');
    const path = join(dir, 'decisions.csv');
    const j = JournalFile.open(path);
    journalWith(path, 7); // another session on the same folder
    j.closeRemovingIfUnused();
    expect(readJournal(path).entries.map((e) => e.ufId)).toEqual([7]);
  });

  it('never removes a journal that took its place (the one it opened was set aside)', () => {
    const dir = tempDir('ufm-journal-');
    const path = join(dir, 'decisions.csv');
    const j = JournalFile.open(path);
    JournalFile.setAside(path);
    JournalFile.open(path).close(); // a header-only journal of someone else, same size as ours
    j.closeRemovingIfUnused();
    expect(readdirSync(dir).sort()).toEqual(['decisions.csv', 'decisions.csv.bak']);
  });
});

describe('a journal on a full disk', () => {
  const row = (ufId: number) => ({ ufId, email: `u${ufId}@example.org`, action: 'skip' as const, contactId: null, decidedAt: '2026-11-21T10:00:00.000Z' });
  /** The real file operations, but writes fall short (or fail) while `full.on`. */
  function fullDisk(mode: 'short' | 'enospc' | 'sync' | 'short-and-stuck') {
    const full = { on: false };
    const io: JournalIo = {
      write: (fd, bytes) => {
        if (!full.on || mode === 'sync') return writeSync(fd, bytes);
        if (mode === 'enospc') throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return writeSync(fd, bytes.subarray(0, 9));
      },
      sync: (fd) => {
        if (full.on && mode === 'sync') throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
        fdatasyncSync(fd);
      },
      truncate: (fd, length) => {
        if (full.on && mode === 'short-and-stuck') throw Object.assign(new Error('EIO: i/o error, ftruncate'), { code: 'EIO' });
        ftruncateSync(fd, length);
      },
    };
    return { full, io };
  }

  it.each([
    ['falls short (part of the row written)', 'short', /only 9 of \d+ bytes were written: is the disk full\?/],
    ['fails (ENOSPC)', 'enospc', /no space left on the device/],
    ['is written but its sync fails', 'sync', /i\/o error/],
  ] as const)('an append that %s throws, and leaves the journal as it was: the next one is a row of its own', (_what, mode, why) => {
    const dir = tempDir('ufm-journal-');
    const path = join(dir, 'decisions.csv');
    const { full, io } = fullDisk(mode);
    const j = JournalFile.open(path, io);
    j.append(row(1));
    const before = readFileSync(path, 'utf8');
    full.on = true;
    let error: unknown = null;
    try {
      j.append(row(2));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JournalError);
    expect((error as JournalError).why).toMatch(why);
    expect((error as JournalError).damaged).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(before);
    full.on = false;
    j.append(row(3));
    j.closeRemovingIfUnused();
    expect(readJournal(path)).toEqual({ entries: [expect.objectContaining({ ufId: 1, line: 2 }), expect.objectContaining({ ufId: 3, line: 3 })], problems: [] });
  });

  it('a fragment that cannot be taken off marks the journal damaged: no row is appended after it', () => {
    const dir = tempDir('ufm-journal-');
    const path = join(dir, 'decisions.csv');
    const { full, io } = fullDisk('short-and-stuck');
    const j = JournalFile.open(path, io);
    j.append(row(1));
    full.on = true;
    expect(() => j.append(row(2))).toThrow(expect.objectContaining({ damaged: true, why: expect.stringContaining('the part written could not be taken off') }));
    full.on = false;
    const damaged = readFileSync(path, 'utf8');
    expect(() => j.append(row(3))).toThrow(JournalError);
    expect(readFileSync(path, 'utf8')).toBe(damaged);
    j.close();
  });
});

describe('reopening a journal with a damaged row', () => {
  it('adds no closing quote (which would keep the damage and hide the rows between): the rows after it and the new ones are read', () => {
    const dir = tempDir('ufm-journal-');
    const path = join(dir, 'decisions.csv');
    journalWith(path, 1);
    appendFileSync(path, '"31,oops\r\n');
    journalWith(path, 2);
    const before = readFileSync(path, 'utf8');
    JournalFile.open(path).close();
    expect(readFileSync(path, 'utf8')).toBe(before);
    journalWith(path, 3);
    const { entries, problems } = readJournal(path);
    expect(entries.map((e) => e.ufId)).toEqual([1, 2, 3]);
    expect(problems).toEqual([expect.objectContaining({ line: 3, detail: expect.stringMatching(/^damaged/) })]);
  });

  it('a damaged row cut at the end gets only its line ended', () => {
    const dir = tempDir('ufm-journal-');
    const path = join(dir, 'decisions.csv');
    journalWith(path, 1);
    appendFileSync(path, '45,"x@exam');
    const before = readFileSync(path, 'utf8');
    JournalFile.open(path).close();
    expect(readFileSync(path, 'utf8')).toBe(`${before}\r\n`);
  });
});
