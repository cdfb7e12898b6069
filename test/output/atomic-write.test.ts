import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromChunks, writeFilesAtomic } from '../../src/output/atomicWrite.js';

describe('atomic output files', () => {
  it('creates files with mode 0600', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ufm-'));
    writeFilesAtomic([{ path: join(dir, 'a.csv'), write: fromChunks(['x\n']) }]);
    expect(statSync(join(dir, 'a.csv')).mode & 0o777).toBe(0o600);
  });

  it('a failure while producing any file leaves every target as it was and no temp files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ufm-'));
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
    const dir = mkdtempSync(join(tmpdir(), 'ufm-'));
    writeFileSync(join(dir, 'a.csv'), 'old a');
    writeFilesAtomic([
      { path: join(dir, 'a.csv'), write: fromChunks(['new ', 'a']) },
      { path: join(dir, 'b.csv'), write: fromChunks(['new b']) },
    ]);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('new a');
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe('new b');
  });

  it('writes every byte of many pieces, multi-byte characters across buffer flushes and pieces over a MiB', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ufm-'));
    const pieces: string[] = [];
    // about 3 MiB of UTF-8 in pieces of 1 to 4 bytes per character, so flushes fall everywhere
    for (let i = 0; i < 60_000; i++) pieces.push(`${i},Siobhán Łukasz 李 😀,${'x'.repeat(i % 37)}\r\n`);
    pieces.push('é'.repeat(700_000)); // one piece that cannot fit the buffer (≥ 1 MiB as UTF-8)
    pieces.push('', 'end\n');
    writeFilesAtomic([{ path: join(dir, 'big.csv'), write: fromChunks(pieces) }]);
    expect(readFileSync(join(dir, 'big.csv'), 'utf8')).toBe(pieces.join(''));
  });
});
