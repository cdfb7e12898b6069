/** utf8ToUnits gives the code units of the decoded string, for any text (astral characters and U+FFFD included). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8ToUnits } from '../../src/runtime/utf8Units.js';

describe('UTF-8 bytes to code units', () => {
  it('are the decoded string\'s char codes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(3), (s, pad) => {
        const b = Buffer.concat([Buffer.alloc(pad, 0x41), Buffer.from(s, 'utf8')]);
        const out = new Uint16Array(b.length + 2);
        const n = utf8ToUnits(b, pad, b.length, out, 1);
        const text = b.toString('utf8', pad);
        expect(n).toBe(text.length);
        expect(String.fromCharCode(...out.subarray(1, 1 + n))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});
