/** KeyTable finds exactly the keys it was given, from bytes or from strings, numbered in first-seen order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyTable } from '../../src/match/keyTable.js';

const KEY = fc.oneof(fc.constantFrom('ann@example.org', 'zoë@exämple.org', '', 'a', 'ann@gmail.com'), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }));

describe('KeyTable', () => {
  it('finds a string iff it was given, and numbers keys in the order first given', () => {
    fc.assert(
      fc.property(fc.array(KEY, { maxLength: 60 }), fc.array(KEY, { maxLength: 30 }), (keys, probes) => {
        const t = new KeyTable(keys);
        const order = [...new Set(keys)];
        expect(t.strings).toEqual(order);
        for (const s of [...keys, ...probes]) {
          const want = order.indexOf(s);
          expect(t.findString(s)).toBe(want);
          const b = Buffer.from(`xx${s}`, 'utf8');
          expect(t.find(b, 2, b.length)).toBe(want);
        }
      }),
      { numRuns: 500 },
    );
  });
});
