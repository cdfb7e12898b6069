/**
 * Values sharing one segment (numbered addresses: user10234, user10235…; domains ending
 * alike; a few names repeated over one large domain: john.smith12, john.smith97…) fill one
 * bucket each. Such a run is searched by the rest of its values
 * (FuzzyIndex.subIndex) instead of being scanned: the answers must stay exactly those of a
 * comparison with every value, and of the exhaustive typo rule.
 */
import { describe, expect, it } from 'vitest';
import { contactList } from '../../src/domain/contactList.js';
import { buildContactIndex } from '../../src/match/contactIndex.js';
import { boundedLevenshtein } from '../../src/match/editDistance.js';
import { typoHits } from '../../src/match/fuzzy.js';
import { exhaustiveTypoHits } from '../helpers/exhaustive.js';
import { FuzzyIndex, groupHash } from '../../src/match/fuzzyIndex.js';
import { contact } from '../helpers/build.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function mutate(r: () => number, s: string): string {
  const i = Math.floor(r() * s.length);
  const c = 'abru0123456789.'[Math.floor(r() * 15)]!;
  switch (Math.floor(r() * 4)) {
    case 0: return s.slice(0, i) + s.slice(i + 1);
    case 1: return s.slice(0, i) + c + s.slice(i);
    case 2: return s.slice(0, i) + c + s.slice(i + 1);
    default: return i + 1 < s.length ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : s;
  }
}

describe('long runs of one segment', () => {
  for (const tau of [1, 2]) {
    it(`tau ${tau}: every value within tau is found, as by comparing with each (numbered values, shared starts and ends)`, () => {
      const r = rng(tau * 11);
      const values: string[] = [];
      for (let n = 0; n < 3000; n++) values.push(`user${10000 + Math.floor(r() * 4000)}`);
      for (let n = 0; n < 1500; n++) values.push(`${Math.floor(r() * 90000) + 10000}.org`);
      for (let n = 0; n < 800; n++) values.push(`member${String(Math.floor(r() * 3000)).padStart(6, '0')}`);
      for (let n = 0; n < 300; n++) values.push(`ab${Math.floor(r() * 100)}`); // short: rests too short to index
      const ix = new FuzzyIndex(tau, 2);
      const g = groupHash('example.com');
      values.forEach((v, id) => ix.add(g, v, id));
      ix.build();
      for (let q = 0; q < 300; q++) {
        const query = mutate(r, values[Math.floor(r() * values.length)]!);
        const got = new Set<number>();
        ix.query(g, query, (id) => {
          if (boundedLevenshtein(query, values[id]!, tau) <= tau) got.add(id);
        });
        const want = new Set<number>();
        values.forEach((v, id) => {
          if (v.length >= 2 && boundedLevenshtein(query, v, tau) <= tau) want.add(id);
        });
        expect([...got].sort((a, b) => a - b), query).toEqual([...want].sort((a, b) => a - b));
      }
      // the runs were searched by their rests, not scanned
      const subs = (ix as unknown as { subs: Map<number, unknown> | null }).subs;
      expect([...(subs?.values() ?? [])].filter((v) => typeof v === 'object' && v !== null).length).toBeGreaterThan(2);
    });
  }

  it('tau 2: a run of the middle segment (a few names over one large domain) is searched by the rest, and every value within tau is found', () => {
    const r = rng(29);
    const firsts = ['john', 'maria', 'peter', 'anna'];
    const lasts = ['smith', 'garcia', 'nowak'];
    const values: string[] = [];
    for (let n = 0; n < 6000; n++) values.push(`${firsts[n % 4]}.${lasts[Math.floor(r() * 3)]}${Math.floor(r() * 1000)}`);
    const ix = new FuzzyIndex(2, 2);
    const g = groupHash('gmail.com');
    values.forEach((v, id) => ix.add(g, v, id));
    ix.build();
    for (let q = 0; q < 400; q++) {
      const query = mutate(r, mutate(r, values[Math.floor(r() * values.length)]!));
      const got = new Set<number>();
      ix.query(g, query, (id) => {
        if (boundedLevenshtein(query, values[id]!, 2) <= 2) got.add(id);
      });
      const want = values.flatMap((v, id) => (boundedLevenshtein(query, v, 2) <= 2 ? [id] : []));
      expect([...got].sort((a, b) => a - b), query).toEqual(want);
    }
    // some run of the middle segment (number 1 of 3) was built and searched
    const subs = (ix as unknown as { subs: Map<number, unknown> | null }).subs;
    const middle = [...(subs ?? new Map<number, unknown>())].filter(([key, v]) => typeof v === 'object' && v !== null && Math.floor(key / 65536) % 8 === 1);
    expect(middle.length).toBeGreaterThan(0);
  });

  it('typo hits over one large domain of repeated names equal the exhaustive rule', () => {
    const r = rng(31);
    const firsts = ['john', 'maria', 'peter'];
    const lasts = ['smith', 'garcia'];
    const contacts = Array.from({ length: 3000 }, (_, i) =>
      contact(i + 1, [`${firsts[i % 3]}.${lasts[Math.floor(r() * 2)]}${Math.floor(r() * 500)}@gmail.com`]),
    );
    const ix = buildContactIndex(contactList(contacts));
    let hits = 0;
    for (let q = 0; q < 150; q++) {
      const email = contacts[Math.floor(r() * contacts.length)]!.emails[0]!.email;
      const at = email.indexOf('@');
      const key = `${mutate(r, email.slice(0, at))}${email.slice(at)}`;
      const got = typoHits(ix, key);
      expect(got).toEqual(exhaustiveTypoHits(contacts, key));
      hits += got.length;
    }
    expect(hits).toBeGreaterThan(300);
  });

  it('typo hits over numbered addresses equal the exhaustive rule', () => {
    const r = rng(5);
    const contacts = Array.from({ length: 4000 }, (_, i) => {
      const n = 10000 + Math.floor(r() * 3000);
      const email = i % 3 === 0 ? `info@d${n}.org` : `user${n}@example.com`;
      return contact(i + 1, [email]);
    });
    const ix = buildContactIndex(contactList(contacts));
    let hits = 0;
    for (let q = 0; q < 150; q++) {
      const n = 10000 + Math.floor(r() * 3000);
      const key = q % 3 === 0 ? `info@d${mutate(r, String(n))}.org` : `${mutate(r, `user${n}`)}@example.com`;
      const got = typoHits(ix, key);
      expect(got).toEqual(exhaustiveTypoHits(contacts, key));
      hits += got.length;
    }
    expect(hits).toBeGreaterThan(1000);
  });

  it('a run of one value held many times (a common name): its sub-index holds the value once, and every copy is found', () => {
    for (const tau of [1, 2]) {
      const values: string[] = [];
      for (let n = 0; n < 3000; n++) values.push(n % 10 === 0 ? `smithsen${n % 7}` : 'smithson');
      const ix = new FuzzyIndex(tau, 2);
      const g = groupHash('john');
      values.forEach((v, id) => ix.add(g, v, id));
      ix.build();
      for (const query of ['smithson', 'smithsom', 'smitson', 'smithsen3', 'smythson']) {
        for (let round = 0; round < 6; round++) {
          // later rounds go through the runs' sub-indexes (built once a run is met often)
          const got = new Set<number>();
          ix.query(g, query, (id) => {
            if (boundedLevenshtein(query, values[id]!, tau) <= tau) got.add(id);
          });
          const want = values.flatMap((v, id) => (boundedLevenshtein(query, v, tau) <= tau ? [id] : []));
          expect([...got].sort((a, b) => a - b), `${query} tau ${tau} round ${round}`).toEqual(want);
        }
      }
      const subs = (ix as unknown as { subs: Map<number, { twins: Map<number, number[]> } | null | number> | null }).subs;
      const runs = [...(subs?.values() ?? [])].filter((v): v is { twins: Map<number, number[]> } => typeof v === 'object' && v !== null);
      expect(runs.some((run) => [...run.twins.values()].some((copies) => copies.length >= 2000)), `tau ${tau}`).toBe(true);
    }
  });
});
