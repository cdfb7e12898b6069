import { describe, expect, it } from 'vitest';
import { replayedAt } from '../../src/decide/journal.js';

const now = new Date('2026-11-22T23:00:00.000Z');
const NOW = now.toISOString();

describe('a replayed decision keeps its file time only when that time exists', () => {
  it.each([
    '2026-11-20T09:15:00.000Z',
    '2026-11-20T09:15:00Z',
    '2026-11-20T09:15Z',
    '2026-11-20T09:15:00+01:00',
    '2026-11-20T09:15:00-0530',
    '2024-02-29T12:00:00Z',
    '2000-02-29T12:00:00Z',
    '2026-12-31T23:59:59.999Z',
  ])('keeps %s', (time) => {
    expect(replayedAt(time, now)).toBe(time);
  });

  it.each([
    ['30 February', '2026-02-30T10:00:00Z'],
    ['29 February of a common year', '2026-02-29T10:00:00Z'],
    ['29 February of a century not divisible by 400', '1900-02-29T10:00:00Z'],
    ['31 April', '2026-04-31T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['day 0', '2026-11-00T00:00:00Z'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['minute 60', '2026-01-01T10:60:00Z'],
    ['second 60', '2026-01-01T10:00:60Z'],
    ['an offset of 24 hours', '2026-01-01T10:00:00+24:00'],
    ['a day-first date', '22/11/2026 10:04'],
    ['no time zone', '2026-11-20T09:15:00'],
    ['nothing', ''],
  ])('puts now for %s', (_what, time) => {
    expect(replayedAt(time, now)).toBe(NOW);
  });

  it('puts now when the file gives no time', () => {
    expect(replayedAt(undefined, now)).toBe(NOW);
  });
});
