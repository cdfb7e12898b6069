/**
 * Sizing a fuzzy index for counts past 2^27 values: the bit counts of its bucket table and
 * group bitset stop at 30 (a shift by 31 or 32 is negative or wraps in 32-bit arithmetic, and
 * the loops that found them never ended). Run in a child process of the build, with a time
 * limit, so that a loop that never ends fails the test instead of hanging the run.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('a fuzzy index sized for huge counts', () => {
  it('gives a size at once (the bucket and group bit counts stop at 30)', () => {
    const script = `
      import { FuzzyIndex } from './dist/match/fuzzyIndex.js';
      const b = FuzzyIndex.bytesFor(2, { values: 2 ** 28, chars: 2 ** 30 });
      process.stdout.write(String(b));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(r.signal, 'still running after 20 s').toBeNull();
    expect(r.status, r.stderr).toBe(0);
    const bytes = Number(r.stdout);
    expect(bytes).toBeGreaterThan(2 ** 28 * 3 * 12);
    expect(Number.isFinite(bytes)).toBe(true);
  });
});
