/**
 * The byte path's email keys (emailBytes.ts) are email.ts's keys: emailKeyInto writes
 * emailKey's bytes or declines (non-ASCII), and mailboxInto writes mailboxOf's bytes, or says
 * that mailboxOf gives the key back unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailKey, mailboxOf } from '../../src/match/email.js';
import { emailKeyInto, mailboxInto } from '../../src/match/emailBytes.js';

const PIECES = ['a', 'B', 'z', '.', '+', '@', '-', '_', ' ', '\t', '\r', '\x01', '\x7f', 'é', 'ß', '\u00a0', 'gmail.com', 'googlemail.com', 'GMAIL.COM', 'example.org', 'x+y', '@@'];
const cell = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((p) => p.join(''));

function keyOf(s: string): string | null {
  const b = Buffer.from(s, 'utf8');
  const out = new Uint8Array(b.length);
  const n = emailKeyInto(b, 0, b.length, out);
  return n < 0 ? null : Buffer.from(out.subarray(0, n)).toString('latin1');
}

describe('email keys read as bytes', () => {
  it('are emailKey for ASCII cells with one @ at most, and declined for any other (a second @: the loader checks for several addresses)', () => {
    fc.assert(
      fc.property(cell, (s) => {
        const k = keyOf(s);
        if (/[^\x00-\x7f]/.test(s) || /@.*@/s.test(s)) expect(k).toBeNull();
        else expect(k).toBe(emailKey(s));
      }),
      { numRuns: 3000 },
    );
  });

  /** mailboxInto's answer as a string, or null for "the key itself". */
  function mailboxOfBytes(key: string): string | null {
    const b = Buffer.from(key, 'latin1');
    const out = Buffer.alloc(b.length);
    const m = mailboxInto(b, b.length, out);
    return m < 0 ? null : out.toString('latin1', 0, m);
  }

  it('give mailboxOf for ASCII keys, and say so when it is the key itself', () => {
    let folded = 0;
    fc.assert(
      fc.property(cell, (s) => {
        const key = emailKey(s);
        if (/[^\x00-\x7f]/.test(key)) return;
        const mb = mailboxOf(key);
        expect(mailboxOfBytes(key)).toBe(mb === key ? null : mb);
        if (mb !== key) folded++;
      }),
      { numRuns: 5000 },
    );
    expect(folded).toBeGreaterThan(100);
  });

  it('fold the aliases mailboxOf folds, and nothing else', () => {
    const cases: [string, string | null][] = [
      ['ann+shop@example.org', 'ann@example.org'],
      ['a.nn@gmail.com', 'ann@gmail.com'],
      ['a.nn+x.y@googlemail.com', 'ann@gmail.com'],
      ['ann@googlemail.com', 'ann@gmail.com'],
      ['ann@gmail.com', null],
      ['ann@example.org', null],
      ['+ann@example.org', null],
      ['+a.nn@gmail.com', '+ann@gmail.com'],
      ['ann@x+y.org', null],
      ['ann@x.gmail.com', null],
      ['ann@', null],
      ['@gmail.com', null],
    ];
    for (const [key, mb] of cases) {
      expect(mailboxOfBytes(key), key).toBe(mb);
      expect(mailboxOf(key) === key ? null : mailboxOf(key), key).toBe(mb);
    }
  });
});
