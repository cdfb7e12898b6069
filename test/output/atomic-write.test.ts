import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFilesAtomic } from '../../src/output/atomicWrite.js';

describe('atomic output files', () => {
  it('creates files with mode 0600', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ufm-'));
    writeFilesAtomic([{ path: join(dir, 'a.csv'), chunks: ['x\n'] }]);
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
        { path: join(dir, 'a.csv'), chunks: ['new a'] },
        { path: join(dir, 'b.csv'), chunks: broken() },
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
      { path: join(dir, 'a.csv'), chunks: ['new ', 'a'] },
      { path: join(dir, 'b.csv'), chunks: ['new b'] },
    ]);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('new a');
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe('new b');
  });
});
