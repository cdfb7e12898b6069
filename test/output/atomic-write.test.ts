import { mkdirSync, readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discardLiveTemps, fromChunks, stageFilesAtomic, writeFilesAtomic } from '../../src/output/atomicWrite.js';
import { tempDir } from '../helpers/tempDir.js';

describe('atomic output files', () => {
  it('creates files with mode 0600', () => {
    const dir = tempDir('ufm-');
    writeFilesAtomic([{ path: join(dir, 'a.csv'), write: fromChunks(['x\n']) }]);
    expect(statSync(join(dir, 'a.csv')).mode & 0o777).toBe(0o600);
  });

  it('a failure while producing any file leaves every target as it was and no temp files', () => {
    const dir = tempDir('ufm-');
    writeFileSync(join(dir, 'a.csv'), 'old a');
    writeFileSync(join(dir, 'b.csv'), 'old b');
    function* broken() {
      yield 'new b, partly';
      throw new Error('disk on fire');
    }
    expect(() =>
      writeFilesAtomic([
        { path: join(dir, 'a.csv'), write: fromChunks(['new a']) },
        { path: join(dir, 'b.csv'), write: fromChunks(broken()) },
      ]),
    ).toThrow('disk on fire');
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('old a');
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe('old b');
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv']);
  });

  it('replaces every file when all are written', () => {
    const dir = tempDir('ufm-');
    writeFileSync(join(dir, 'a.csv'), 'old a');
    writeFilesAtomic([
      { path: join(dir, 'a.csv'), write: fromChunks(['new ', 'a']) },
      { path: join(dir, 'b.csv'), write: fromChunks(['new b']) },
    ]);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('new a');
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe('new b');
  });

  it('writes every byte of many pieces, multi-byte characters across buffer flushes and pieces over a MiB', () => {
    const dir = tempDir('ufm-');
    const pieces: string[] = [];
    // about 3 MiB of UTF-8 in pieces of 1 to 4 bytes per character, so flushes fall everywhere
    for (let i = 0; i < 60_000; i++) pieces.push(`${i},Siobhán Łukasz 李 😀,${'x'.repeat(i % 37)}\r\n`);
    pieces.push('é'.repeat(700_000)); // one piece that cannot fit the buffer (≥ 1 MiB as UTF-8)
    pieces.push('', 'end\n');
    writeFilesAtomic([{ path: join(dir, 'big.csv'), write: fromChunks(pieces) }]);
    expect(readFileSync(join(dir, 'big.csv'), 'utf8')).toBe(pieces.join(''));
  });

  it('a folder standing where a later output goes fails before any target is replaced, and leaves no temp file', () => {
    const dir = tempDir('ufm-');
    writeFileSync(join(dir, 'a.csv'), 'old a');
    mkdirSync(join(dir, 'b.csv'));
    let err: unknown;
    try {
      writeFilesAtomic([
        { path: join(dir, 'a.csv'), write: fromChunks(['new a']) },
        { path: join(dir, 'b.csv'), write: fromChunks(['new b']) },
        { path: join(dir, 'c.csv'), write: fromChunks(['new c']) },
      ]);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'EISDIR', path: join(dir, 'b.csv') });
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('old a');
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv']);
  });

  it('a rename failing part of the way puts back every target replaced before it (and removes one that was new)', () => {
    const dir = tempDir('ufm-');
    writeFileSync(join(dir, 'a.csv'), 'old a');
    writeFileSync(join(dir, 'c.csv'), 'old c');
    const files = ['a.csv', 'b.csv', 'c.csv'].map((n) => ({ path: join(dir, n), write: fromChunks([`new ${n}`]) }));
    const staged = stageFilesAtomic(files);
    // the third file's temp file vanishes before the commit: its rename fails with ENOENT
    const temp = readdirSync(dir).find((n) => n.startsWith('.c.csv.'))!;
    unlinkSync(join(dir, temp));
    expect(() => staged.commit()).toThrow(/ENOENT/);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('old a');
    expect(readFileSync(join(dir, 'c.csv'), 'utf8')).toBe('old c');
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'c.csv']);
  });

  it('staged files touch no target until committed; discard and discardLiveTemps leave no temp file', () => {
    const dir = tempDir('ufm-');
    writeFileSync(join(dir, 'a.csv'), 'old a');
    const files = [{ path: join(dir, 'a.csv'), write: fromChunks(['new a']) }];
    const s1 = stageFilesAtomic(files);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('old a');
    expect(readdirSync(dir)).toHaveLength(2);
    s1.discard();
    expect(readdirSync(dir)).toEqual(['a.csv']);
    stageFilesAtomic(files);
    discardLiveTemps(); // what the Ctrl-C handler does
    expect(readdirSync(dir)).toEqual(['a.csv']);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('old a');
    const s3 = stageFilesAtomic(files);
    s3.commit();
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('new a');
    expect(readdirSync(dir)).toEqual(['a.csv']);
  });
});
