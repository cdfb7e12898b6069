/**
 * Output files written on a second thread while this one encodes (writerThread.ts, from the
 * build, where the worker's script is):
 * - the same bytes as the files written here, across many slots, with pieces larger than a
 *   slot, in several files, with mode 0600 and no temp file left;
 * - a write that fails there fails the set: the error is the file-system error (code, syscall)
 *   naming the output, every target stays as it was, and no temp file is left;
 * - a failure of this thread's encoding while writes are under way leaves the same;
 * - a writer thread that does not start leaves the files to be written here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutputFile } from '../../src/output/atomicWrite.js';
import type { TextOut } from '../../src/output/textOut.js';
import { tempDir } from '../helpers/tempDir.js';

const dist = (m: string) => new URL(`../../dist/output/${m}.js`, import.meta.url).href;

/** About `mib` MiB of CSV-ish text in pieces of every kind ByteOut takes, and one piece larger than a slot. */
function bigWriter(mib: number, seed: number): (out: TextOut) => void {
  return (out) => {
    let x = seed;
    const rows = Math.round((mib * (1 << 20)) / 60);
    for (let i = 0; i < rows; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      out.num(x);
      out.char(44);
      out.cell(`user${x % 977}@exämple.org, "quoted"`);
      out.char(44);
      out.text('Łódź € ');
      out.cell(x % 3 === 0 ? '=formula' : 'plain');
      out.text('\r\n');
      if (i === rows >> 1) out.text('z'.repeat(3 << 20)); // longer than a slot: written apart
    }
  };
}

describe('output files written on a second thread', () => {
  it('are byte for byte the files written here, mode 0600, no temp file left', async () => {
    const { writeFilesAtomic } = await import(dist('atomicWrite'));
    const { writerAvailable } = await import(dist('writerThread'));
    expect(writerAvailable()).toBe(true);
    const here = tempDir('ufm-w-');
    const there = tempDir('ufm-w-');
    const files = (dir: string): OutputFile[] => [
      { path: join(dir, 'big.csv'), write: bigWriter(9, 1) },
      { path: join(dir, 'small.txt'), write: (out) => out.text('small\n') },
      { path: join(dir, 'empty.txt'), write: () => {} },
      { path: join(dir, 'other.csv'), write: bigWriter(2, 7) },
    ];
    writeFilesAtomic(files(here), false);
    writeFilesAtomic(files(there), true);
    for (const name of ['big.csv', 'small.txt', 'empty.txt', 'other.csv']) {
      const a = readFileSync(join(here, name));
      const b = readFileSync(join(there, name));
      expect(b.length, name).toBe(a.length);
      expect(b.equals(a), name).toBe(true);
      expect(statSync(join(there, name)).mode & 0o777).toBe(0o600);
    }
    expect(readFileSync(join(there, 'big.csv')).length).toBeGreaterThan(12 << 20);
    expect(readdirSync(there).sort()).toEqual(['big.csv', 'empty.txt', 'other.csv', 'small.txt']);
  });

  it('a write that fails there (file size limit) fails the set: EFBIG naming the output, targets untouched, no temp file', () => {
    const dir = tempDir('ufm-w-');
    writeFileSync(join(dir, 'a.csv'), 'old a');
    writeFileSync(join(dir, 'b.csv'), 'old b');
    const script = join(tempDir('ufm-w-script-'), 'efbig.mjs');
    writeFileSync(
      script,
      `const { writeFilesAtomic } = await import(${JSON.stringify(dist('atomicWrite'))});
      const big = (out) => { for (let i = 0; i < 200000; i++) out.text('a row of text that adds up to several MiB\\r\\n'); };
      try {
        writeFilesAtomic([
          { path: ${JSON.stringify(join(dir, 'a.csv'))}, write: (out) => out.text('new a') },
          { path: ${JSON.stringify(join(dir, 'b.csv'))}, write: big },
        ], true);
        console.log('no error');
      } catch (e) {
        console.log(JSON.stringify({ code: e.code, syscall: e.syscall, path: e.path }));
      }`,
    );
    // ulimit -f counts 1 KiB blocks: writes past 2 MiB fail with EFBIG (Node ignores SIGXFSZ)
    const outText = execFileSync('bash', ['-c', 'ulimit -f 2048; exec node "$0"', script], { encoding: 'utf8' });
    expect(JSON.parse(outText)).toEqual({ code: 'EFBIG', syscall: 'write', path: join(dir, 'b.csv') });
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('old a');
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe('old b');
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv']);
  });

  it('a writer thread that does not start: the files are written here, the same', () => {
    const dir = tempDir('ufm-w-');
    // a worker inherits the process's flags, and --input-type stops one from starting
    const script = `const { writeFilesAtomic } = await import(${JSON.stringify(dist('atomicWrite'))});
      writeFilesAtomic([
        { path: ${JSON.stringify(join(dir, 'a.csv'))}, write: (out) => { for (let i = 0; i < 100000; i++) out.text('row ' + i + '\\r\\n'); } },
        { path: ${JSON.stringify(join(dir, 'b.csv'))}, write: (out) => out.text('b') },
      ], true);
      console.log('written');`;
    const r = spawnSync('node', ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('written');
    expect(r.status).toBe(0);
    const a = readFileSync(join(dir, 'a.csv'), 'utf8');
    expect(a.startsWith('row 0\r\nrow 1\r\n')).toBe(true);
    expect(a.endsWith('row 99999\r\n')).toBe(true);
    expect(a.split('\r\n')).toHaveLength(100001);
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe('b');
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv']);
  }, 30_000);

  it('a failure of the encoding here, with writes under way there, leaves every target and no temp file', async () => {
    const { writeFilesAtomic } = await import(dist('atomicWrite'));
    const dir = tempDir('ufm-w-');
    writeFileSync(join(dir, 'a.csv'), 'old a');
    const failing = (out: TextOut) => {
      bigWriter(6, 3)(out);
      throw new Error('encoder on fire');
    };
    expect(() =>
      writeFilesAtomic(
        [
          { path: join(dir, 'a.csv'), write: bigWriter(3, 2) },
          { path: join(dir, 'b.csv'), write: failing },
        ],
        true,
      ),
    ).toThrow('encoder on fire');
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('old a');
    expect(readdirSync(dir)).toEqual(['a.csv']);
  });

  it('reports a failing write as the file-system error it was, naming the file (ENOSPC on /dev/full)', async () => {
    const { WriterThread } = await import(dist('writerThread'));
    const { ByteOut } = await import(dist('textOut'));
    const fd = openSync('/dev/full', 'w');
    const writer = new WriterThread();
    try {
      const w = writer.file(fd, '/out/links.csv');
      const out = new ByteOut(w.drain, undefined, w.take);
      const write = () => {
        bigWriter(2, 5)(out);
        out.end();
        writer.sync(fd);
        writer.finish();
      };
      expect(write).toThrow(expect.objectContaining({ code: 'ENOSPC', syscall: 'write', path: '/out/links.csv' }));
    } finally {
      writer.settle();
      writer.stop();
      closeSync(fd);
    }
  });
});
