/**
 * namesDiffer, and the index's nameDiffersAt that the plan uses (read from the name indexes,
 * no string per contact): the two must agree on every pair, or the TUI, links.csv and explain
 * would rank a typo candidate differently from what the words say.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactList } from '../../src/domain/contactList.js';
import { buildContactIndex } from '../../src/match/contactIndex.js';
import { nameKey } from '../../src/match/names.js';
import { namesDiffer } from '../../src/match/predicates.js';
import { contact } from '../helpers/build.js';

describe('namesDiffer', () => {
  it.each([
    ['lea', 'mitchell', 'sigridur', 'diaz', true],
    ['lea', 'mitchell', 'lea', 'durand', false],
    ['lea', 'mitchell', 'paul', 'mitchell', true],
    ['kevin', 'wagner', 'sarah', 'wagner', true],
    ['lea', 'mitchell', 'mitchell', 'lea', false],
    ['lena', 'mitchell', 'lena', 'mitchel', false],
    ['jonathan', 'smyth', 'jonathon', 'brown', false],
    ['j', 'smith', 'paul', 'brown', false],
    ['', '', 'paul', 'brown', false],
    ['ann', 'lee', 'bob', 'ray', true],
  ])('%s %s / %s %s → %s', (uf, ul, cf, cl, want) => {
    expect(namesDiffer(uf, ul, cf, cl)).toBe(want);
    expect(namesDiffer(cf, cl, uf, ul)).toBe(want);
  });

  it('the index reads the same answer as the predicate for every contact', () => {
    const part = fc.constantFrom('', 'a', 'an', 'ann', 'anna', 'anne', 'hanna', 'lee', 'leee', 'smith', 'smyth', 'léa', 'lea', 'mitchell');
    fc.assert(
      fc.property(fc.array(fc.tuple(part, part), { minLength: 1, maxLength: 12 }), fc.tuple(part, part), (names, [uf, ul]) => {
        const contacts = names.map(([f, l], i) => contact(i + 1, `c${i}@example.org`, { firstName: f, lastName: l }));
        const ix = buildContactIndex(contactList(contacts));
        const u = nameKey(uf, ul, '');
        for (let pos = 0; pos < contacts.length; pos++) {
          const c = contacts[pos]!;
          const k = nameKey(c.firstName, c.lastName, c.displayName);
          expect(ix.nameDiffersAt(ix.byId.get(c.id)!, u.first, u.last)).toBe(namesDiffer(u.first, u.last, k.first, k.last));
        }
      }),
      { numRuns: 300 },
    );
  });
});
