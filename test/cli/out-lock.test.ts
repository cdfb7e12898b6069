/**
 * One review per --out folder: the lock file a review holds, taken over when its process is
 * gone, refusing a newcomer while it lives.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dropLock, holderText, judgeLock, LOCK_FILE, takeLock, type LockSeeker } from '../../src/cli/outLock.js';
import { UsageError } from '../../src/load/errors.js';
import { tempDir } from '../helpers/tempDir.js';

const seeker = (pid: number, alive: readonly number[], host = 'here'): LockSeeker => ({ pid, host, alive: (p) => alive.includes(p) });
const folder = () => tempDir('ufm-lock-');
const lockOf = (pid: number, host = 'here') => holderText({ pid, host, mode: 'review', since: '2026-11-22T10:00:00.000Z' });

function refusalOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('not refused');
}

describe('the --out lock', () => {
  it('is created with the holder\'s pid, and a second seeker is refused with one line naming the folder and that pid', () => {
    const dir = folder();
    const text = takeLock(dir, 'out', 'review', seeker(100, [100, 200]));
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: 100, host: 'here', mode: 'review' });
    const message = refusalOf(() => takeLock(dir, 'out', 'review', seeker(200, [100, 200])));
    expect(message).toContain('--out out is in use by another ufmatch (a review, pid 100');
    expect(message).toContain(`remove ${join(dir, LOCK_FILE)}`);
    expect(message).not.toContain('\n');
    expect(refusalOf(() => takeLock(dir, 'out', 'scripted', seeker(300, [100])))).toContain('pid 100');
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(text); // the refused ones changed nothing
  });

  it('a lock whose process is gone is taken over', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), lockOf(100));
    const text = takeLock(dir, 'out', 'review', seeker(200, [200]));
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(text);
    expect(JSON.parse(text).pid).toBe(200);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]); // nothing left aside
  });

  it('judges by what the file says: our own pid is an earlier process\'s, another host is never checked, a nameless file is held only while young', () => {
    const me = seeker(100, [100, 200]);
    expect(judgeLock(lockOf(100), 0, me)).toEqual({ kind: 'stale' });
    expect(judgeLock(lockOf(200), 0, me)).toMatchObject({ kind: 'held', holder: { pid: 200 } });
    expect(judgeLock(lockOf(300), 0, me)).toEqual({ kind: 'stale' });
    expect(judgeLock(lockOf(300, 'elsewhere'), 0, me)).toMatchObject({ kind: 'held', holder: { pid: 300, host: 'elsewhere' } });
    expect(judgeLock('', 100, me)).toEqual({ kind: 'held', holder: null });
    expect(judgeLock('not json', 60_000, me)).toEqual({ kind: 'stale' });
  });

  it('an old lock file naming no process is taken over; a fresh one refuses (its holder is still writing it)', () => {
    const dir = folder();
    const path = join(dir, LOCK_FILE);
    writeFileSync(path, '');
    expect(refusalOf(() => takeLock(dir, 'out', 'review', seeker(200, [200])))).toContain('is being written');
    utimesSync(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect(JSON.parse(takeLock(dir, 'out', 'review', seeker(200, [200]))).pid).toBe(200);
  });

  it('a folder where the lock goes is refused with one line naming it', () => {
    const dir = folder();
    mkdirSync(join(dir, LOCK_FILE));
    const message = refusalOf(() => takeLock(dir, 'out', 'scripted', seeker(100, [100])));
    expect(message).toBe(`--out out: ${join(dir, LOCK_FILE)} is a folder, where ufmatch keeps the lock of a run: remove it, or choose another --out`);
  });

  it('release removes only the lock it wrote', () => {
    const dir = folder();
    const mine = takeLock(dir, 'out', 'review', seeker(100, [100]));
    dropLock(dir, lockOf(999));
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    dropLock(dir, mine);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    expect(() => dropLock(dir, mine)).not.toThrow();
  });
});
