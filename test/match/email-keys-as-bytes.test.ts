/**
 * The byte path's email keys (emailBytes.ts) are email.ts's keys: emailKeyInto writes
 * emailKey's bytes or declines (non-ASCII), and mayHaveOtherMailbox is false only when
 * mailboxOf gives the key back unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailKey, mailboxOf } from '../../src/match/email.js';
import { emailKeyInto, mayHaveOtherMailbox } from '../../src/match/emailBytes.js';

const PIECES = ['a', 'B', 'z', '.', '+', '@', '-', '_', ' ', '\t', '\r', '\x01', '\x7f', 'é', 'ß', '\u00a0', 'gmail.com', 'googlemail.com', 'GMAIL.COM', 'example.org', 'x+y', '@@'];
const cell = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((p) => p.join(''));

function keyOf(s: string): string | null {
  const b = Buffer.from(s, 'utf8');
  const out = new Uint8Array(b.length);
  const n = emailKeyInto(b, 0, b.length, out);
  return n < 0 ? null : Buffer.from(out.subarray(0, n)).toString('latin1');
}

describe('email keys read as bytes', () => {
  it('are emailKey for ASCII cells, and declined for any other', () => {
    fc.assert(
      fc.property(cell, (s) => {
        const k = keyOf(s);
        if (/[^\x00-\x7f]/.test(s)) expect(k).toBeNull();
        else expect(k).toBe(emailKey(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('say "no other mailbox" only when mailboxOf gives the key back', () => {
    fc.assert(
      fc.property(cell, (s) => {
        const key = emailKey(s);
        if (/[^\x00-\x7f]/.test(key)) return;
        const b = Buffer.from(key, 'latin1');
        if (!mayHaveOtherMailbox(b, b.length)) expect(mailboxOf(key)).toBe(key);
      }),
      { numRuns: 3000 },
    );
  });

  it('find the aliases mailboxOf folds', () => {
    for (const key of ['ann+shop@example.org', 'ann@gmail.com', 'a.nn@googlemail.com', 'ann@googlemail.com']) {
      const b = Buffer.from(key, 'latin1');
      expect(mayHaveOtherMailbox(b, b.length)).toBe(true);
    }
    for (const key of ['ann@example.org', '+ann@example.org', 'ann@x.gmail.com', 'ann@mail.com', 'ann@']) {
      const b = Buffer.from(key, 'latin1');
      expect(mayHaveOtherMailbox(b, b.length)).toBe(false);
    }
  });
});
