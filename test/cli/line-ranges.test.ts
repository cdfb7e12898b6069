/** lineRanges: the lines a scripted run did not apply, short on one line of stderr. */
import { describe, expect, it } from 'vitest';
import { lineRanges, MAX_RANGES } from '../../src/cli/lineRanges.js';

describe('lineRanges', () => {
  it('writes runs as ranges, in order, each line once', () => {
    expect(lineRanges([9, 4, 5, 6, 5])).toBe('4-6, 9');
    expect(lineRanges([])).toBe('');
  });

  it(`stops after ${MAX_RANGES} ranges and counts the lines left (100,000 refused rows made a 694 KB line)`, () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => 2 * i + 3); // no two adjacent: a range each
    const text = lineRanges(lines);
    expect(text.split(', ')).toHaveLength(MAX_RANGES + 1);
    expect(text.endsWith(`… (${100_000 - MAX_RANGES} more lines)`)).toBe(true);
    expect(text.length).toBeLessThan(600);
    expect(lineRanges([1, 3], 1)).toBe('1, … (1 more line)');
  });
});
