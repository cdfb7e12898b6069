/** The loading screen's line per file: rows, % and rows/s — no "0 rows/s" before any time has passed to measure a rate. */
import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/tui/components/LoadingScreen.js';

const file = (rows: number, startedAt: number, updatedAt: number, finished = false) => ({ label: 'contacts', done: rows * 100, total: 200_000 * 100, rows, startedAt, updatedAt, finished });

describe('progressLine', () => {
  it('says no rate at a file’s first report, then rows per second', () => {
    expect(progressLine(file(12_303, 1000, 1000), 100)).toMatch(/12,303 rows {2}… rows\/s$/);
    expect(progressLine(file(12_303, 1000, 1500), 100)).toMatch(/12,303 rows {2}24,606 rows\/s$/);
  });
  it('a finished file says how long it took', () => {
    expect(progressLine(file(200_000, 1000, 3500, true), 100)).toMatch(/100% +200,000 rows {2}done in 2\.5s$/);
  });
  it('a phase whose first report is its end says done, not "done in 0.0s" (the indexing the worker did while the contacts loaded)', () => {
    expect(progressLine({ ...file(1_000_000, 9000, 9000, true), label: 'indexing' }, 100)).toMatch(/100% +1,000,000 rows {2}done$/);
  });
});
