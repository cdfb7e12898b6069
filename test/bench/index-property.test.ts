/**
 * The blocking index against the exhaustive comparison on adversarial data: tiny alphabets
 * (so that segments, hashes and signatures collide all the time), accents and characters
 * beyond Latin-1, values at and around the minimum lengths and very long ones, several
 * addresses per contact, trashed and organisation contacts; with and without the look-up
 * restriction buildPlan uses (the queries are then the users' own keys).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactList } from '../../src/domain/contactList.js';
import type { Contact } from '../../src/domain/types.js';
import {
  assembleContactIndex,
  buildContactIndex,
  buildExactIndex,
  ContactFeed,
  lookupsFor,
  type ContactIndex,
  type IndexLookups,
} from '../../src/match/contactIndex.js';
import { FuzzyIndexBuilder, fuzzyIndexesFromState, fuzzyIndexesState, type FuzzyCapacity } from '../../src/match/fuzzyIndexes.js';
import { exhaustiveAliasHits, exhaustiveNameHits, exhaustiveTypoHits } from '../helpers/exhaustive.js';
import { aliasHits, nameHits, typoHits } from '../../src/match/fuzzy.js';
import { nameKey } from '../../src/match/names.js';
import { contact } from '../helpers/build.js';

const letters = fc.constantFrom('a', 'b', 'c', '.', '+', 'é', 'ł', 'ß');
const word = (min: number, max: number) => fc.array(letters, { minLength: min, maxLength: max }).map((a) => a.join(''));
const local = fc.oneof(word(1, 7), word(8, 14), fc.constant('x'.repeat(70)));
const domain = fc.oneof(fc.constantFrom('gmail.com', 'googlemail.com', 'ab.io', 'abc.io', 'abcd.io', 'acbd.io', 'a.b'), word(3, 6).map((w) => `${w}.io`));
const email = fc.tuple(local, domain).map(([l, d]) => `${l}@${d}`);
const nameWord = fc.oneof(
  { arbitrary: fc.constantFrom('ann', 'anne', 'anna', 'jo', 'joe', 'zoë', 'zoe', 'smith', 'smyth', 'smit', 'Łukasz', 'lukasz', "o'neil", 'oneil', '김민준', '김민'), weight: 6 },
  { arbitrary: word(1, 6), weight: 1 },
);

const contactArb = fc.record({
  emails: fc.array(fc.oneof(email, email.map((e) => e.toUpperCase()), fc.constant('')), { minLength: 0, maxLength: 3 }),
  first: nameWord,
  last: nameWord,
  display: fc.oneof(fc.constant(''), fc.tuple(nameWord, nameWord).map(([a, b]) => `${b}, ${a}`)),
  deleted: fc.boolean(),
  org: fc.boolean(),
});

function build(specs: fc.infer<typeof contactArb>[]): Contact[] {
  return specs.map((s, i) =>
    contact(i * 3 + 1, s.emails.filter((e) => e !== ''), {
      firstName: s.first,
      lastName: s.last,
      displayName: s.display,
      deleted: s.deleted && i % 5 === 0,
      type: s.org && i % 7 === 0 ? 'Organization' : 'Individual',
    }),
  );
}

describe('blocking index = exhaustive comparison (property)', () => {
  it('alias, typo and name hits, for any query', () => {
    const found = { typo: 0, alias: 0, name: 0 };
    fc.assert(
      fc.property(fc.array(contactArb, { minLength: 1, maxLength: 60 }), fc.array(fc.tuple(email, nameWord, nameWord), { minLength: 1, maxLength: 20 }), (specs, queries) => {
        const contacts = build(specs);
        const ix = buildContactIndex(contactList(contacts));
        for (const [q, f, l] of queries) {
          const key = q.toLowerCase();
          const t = typoHits(ix, key);
          expect(t).toEqual(exhaustiveTypoHits(contacts, key));
          const a = aliasHits(ix, key);
          expect(a).toEqual(exhaustiveAliasHits(contacts, key));
          const name = nameKey(f, l, '');
          const n = nameHits(ix, name);
          expect(n).toEqual(exhaustiveNameHits(contacts, name));
          found.typo += t.length;
          found.alias += a.length;
          found.name += n.length;
        }
      }),
      { numRuns: 300 },
    );
    // the data must have produced matches of each kind to compare
    expect(found.typo).toBeGreaterThan(20);
    expect(found.alias).toBeGreaterThan(0);
    expect(found.name).toBeGreaterThan(20);
  });

  it('with the look-ups restricted to the users’ keys, for those keys', () => {
    fc.assert(
      fc.property(fc.array(contactArb, { minLength: 1, maxLength: 60 }), fc.array(email, { minLength: 1, maxLength: 20 }), (specs, userEmails) => {
        const contacts = build(specs);
        // users often share a contact's address or one near it
        const keys = userEmails.map((e, i) => (i % 3 === 0 && contacts[i % contacts.length]!.emails[0] ? contacts[i % contacts.length]!.emails[0]!.key : e.toLowerCase()));
        const ix = buildContactIndex(contactList(contacts), lookupsFor(keys));
        for (const key of keys) {
          expect(typoHits(ix, key)).toEqual(exhaustiveTypoHits(contacts, key));
          expect(aliasHits(ix, key)).toEqual(exhaustiveAliasHits(contacts, key));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('blocking index: buffers sized by estimate', () => {
  it('grows past its estimate when folding lengthens names (Hangul decomposes into three letters each)', () => {
    // 9 syllables fold to 27 letters: more than twice the 11 characters of first + last
    const long = '김민준'.repeat(3);
    const contacts = Array.from({ length: 300 }, (_, i) =>
      contact(i + 1, [`kim${i}@example.org`], { firstName: i % 2 ? long : `${long}김`, lastName: i % 3 ? 'ab' : 'abc' }),
    );
    const ix = buildContactIndex(contactList(contacts));
    let found = 0;
    for (const [f, l] of [[long, 'ab'], [`${long}김`, 'abc'], ['ab', long], [long, 'abd'], [long.slice(1), 'ab']]) {
      const name = nameKey(f!, l!, '');
      const hits = nameHits(ix, name);
      expect(hits).toEqual(exhaustiveNameHits(contacts, name));
      found += hits.length;
    }
    expect(found).toBeGreaterThan(200);
  });
});

/**
 * The index as the worker path builds it: the fuzzy part fed row by row to a builder that
 * does not know its sizes (its buffers grow, then move into one pool), handed over as plain
 * state and a copied buffer, and put back together with the exact part.
 */
function buildAsWorkerDoes(contacts: readonly Contact[], lookups?: IndexLookups, capacity: FuzzyCapacity | null = null): ContactIndex {
  const builder = new FuzzyIndexBuilder(lookups?.locals ?? null, capacity, true);
  const feed = new ContactFeed(builder);
  contacts.forEach((c, pos) => feed.contact(pos, c));
  const { indexes, pool } = builder.finish();
  expect(pool.buffer).toBeInstanceOf(SharedArrayBuffer);
  const state = structuredClone(fuzzyIndexesState(indexes, pool));
  const moved = fuzzyIndexesFromState(state, structuredClone(pool.buffer));
  const list = contactList(contacts);
  return assembleContactIndex(list, buildExactIndex(list, lookups), feed.rows(), moved);
}

/**
 * The worker's guess at the sizes (contactIndexing.ts's fuzzyCapacityFor): none (buffers
 * grow), or one that may be over or under in any part (too few values, characters or
 * contacts for the directories): the builder keeps the buffers it took, or moves them.
 */
const part = fc.record({ values: fc.integer({ min: 0, max: 200 }), chars: fc.integer({ min: 0, max: 2000 }) });
const guess = fc.option(fc.record({ emails: part, names: part, contacts: fc.integer({ min: 0, max: 100 }) }), { nil: null });

describe('blocking index built the worker’s way (growing or guessed buffers, state handed over) = exhaustive comparison', () => {
  it('alias, typo and name hits, for any query, with and without the look-up restriction', () => {
    const found = { typo: 0, name: 0 };
    fc.assert(
      fc.property(fc.array(contactArb, { minLength: 1, maxLength: 60 }), fc.array(fc.tuple(email, nameWord, nameWord), { minLength: 1, maxLength: 20 }), guess, (specs, queries, capacity) => {
        const contacts = build(specs);
        const keys = queries.map(([q]) => q.toLowerCase());
        for (const ix of [buildAsWorkerDoes(contacts, undefined, capacity), buildAsWorkerDoes(contacts, lookupsFor(keys), capacity)]) {
          for (const [q, f, l] of queries) {
            const key = q.toLowerCase();
            const t = typoHits(ix, key);
            expect(t).toEqual(exhaustiveTypoHits(contacts, key));
            expect(aliasHits(ix, key)).toEqual(exhaustiveAliasHits(contacts, key));
            const name = nameKey(f, l, '');
            const n = nameHits(ix, name);
            expect(n).toEqual(exhaustiveNameHits(contacts, name));
            found.typo += t.length;
            found.name += n.length;
          }
        }
      }),
      { numRuns: 200 },
    );
    expect(found.typo).toBeGreaterThan(20);
    expect(found.name).toBeGreaterThan(20);
  });

  it('addresses added after their contact (the --emails file) are found like the contact’s own', () => {
    const contacts = [contact(1, ['anna.berg@example.org'], { firstName: 'Anna', lastName: 'Berg' }), contact(2, [], { firstName: 'Bo', lastName: 'Lund' })];
    const builder = new FuzzyIndexBuilder(null);
    const feed = new ContactFeed(builder);
    contacts.forEach((c, pos) => feed.contact(pos, c));
    contacts[1]!.emails.push({ email: 'bo.lund@example.org', key: 'bo.lund@example.org', primary: false, source: 'emails-file' });
    feed.addedEmail(1, contacts[1]!, 'bo.lund@example.org');
    const list = contactList(contacts);
    const ix = assembleContactIndex(list, buildExactIndex(list), feed.rows(), builder.finish().indexes);
    expect(typoHits(ix, 'bo.lnud@example.org').map((h) => h.pos)).toEqual([1]);
    expect(typoHits(ix, 'bo.lnud@example.org')).toEqual(exhaustiveTypoHits(contacts, 'bo.lnud@example.org'));
  });
});
