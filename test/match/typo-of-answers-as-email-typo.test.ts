/**
 * typoOf (the look-ups' form of the email-typo rule, one user against many keys) answers what
 * emailTypo, the rule as written, answers: on every pair drawn, and on the edges by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailTypo, typoOf, typoQuery } from '../../src/match/predicates.js';

const same = (u: string, k: string) => expect({ u, k, m: typoOf(typoQuery(u), k) }).toEqual({ u, k, m: emailTypo(u, k) });

// few letters, so that keys fall within two edits of each other often; '+' and '.' and the
// Gmail domains, so that one mailbox spelt two ways (an alias, not a typo) comes up too
const local = fc.stringMatching(/^[ab.+]{0,7}$/);
const domain = fc.constantFrom('', 'gmail.com', 'googlemail.com', 'gmial.com', 'x.org', 'xy.org', 'ab.ab', 'abab', 'a');
const key = fc.oneof(
  fc.tuple(local, domain).map(([l, d]) => `${l}@${d}`),
  local,
  fc.tuple(local, local, domain).map(([a, b, d]) => `${a}@${b}@${d}`),
);

describe('typoOf answers as emailTypo', () => {
  it('on drawn pairs of keys', () => {
    fc.assert(
      fc.property(key, key, (u, k) => {
        same(u, k);
      }),
      { numRuns: 20000 },
    );
  });

  it('on edits of one key', () => {
    const edits = (s: string): string[] => {
      const out: string[] = [];
      for (let i = 0; i <= s.length; i++) {
        out.push(s.slice(0, i) + s.slice(i + 1), s.slice(0, i) + 'z' + s.slice(i), s.slice(0, i) + 'z' + s.slice(i + 1));
        if (i + 1 < s.length) out.push(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2));
      }
      return out;
    };
    for (const u of ['rachel.moore@gmail.com', 'john+x@example.org', 's1234567@uni.ac.uk', 'abcd@efgh', '@gmail.com', 'abcd@', 'ab@cd@ef.org']) {
      for (const k1 of edits(u)) {
        same(u, k1);
        for (const k2 of edits(k1)) same(u, k2);
      }
    }
  });

  it('on the cases the rule spells out', () => {
    expect(typoOf(typoQuery('rachel.moore@gmail.com'), 'rachel.moore@gmial.com')).toEqual({ part: 'domain', distance: 2 });
    expect(typoOf(typoQuery('jonh.peters@outlook.com'), 'john.peters@outlook.com')).toEqual({ part: 'local', distance: 2 });
    expect(typoOf(typoQuery('abc@x.org'), 'abd@x.org')).toBeNull(); // a part under 4 characters
    expect(typoOf(typoQuery('john.smith@gmail.com'), 'johnsmith@gmail.com')).toBeNull(); // one mailbox: an alias
    expect(typoOf(typoQuery('john@x.org'), 'john@x.org')).toBeNull();
  });
});
