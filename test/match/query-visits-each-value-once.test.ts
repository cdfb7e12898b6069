/**
 * A value shares several segments with a query (numbered addresses share most of theirs), and
 * each used to be checked and visited once per segment, position and length, and again through
 * a long run's sub-index: dozens of edit-distance checks for one value in one query. Each value
 * is now checked and visited once per query (SeenStarts), and the answers are unchanged.
 */
import { describe, expect, it } from 'vitest';
import { boundedLevenshtein } from '../../src/match/editDistance.js';
import { FuzzyIndex, groupHash } from '../../src/match/fuzzyIndex.js';
import { SeenStarts } from '../../src/match/seenStarts.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('FuzzyIndex.query', () => {
  for (const tau of [1, 2]) {
    it(`tau ${tau}: visits each value within tau exactly once, numbered values in long runs included`, () => {
      const r = rng(tau * 7 + 1);
      const values: string[] = [];
      for (let n = 0; n < 4000; n++) values.push(`member${10000 + n}`);
      for (let n = 0; n < 1000; n++) values.push(`s${String(Math.floor(r() * 1e6)).padStart(6, '0')}`);
      const ix = new FuzzyIndex(tau, 2);
      const g = groupHash('club.org');
      values.forEach((v, id) => ix.add(g, v, id));
      ix.build();
      let within = 0;
      for (let q = 0; q < 200; q++) {
        // later queries go through the runs' sub-indexes, built once a run is met often
        const base = values[Math.floor(r() * values.length)]!;
        const query = q % 2 === 0 ? `${base}7` : base.slice(0, -1);
        const visits = new Map<number, number>();
        ix.query(g, query, (id) => visits.set(id, (visits.get(id) ?? 0) + 1));
        const want = values.flatMap((v, id) => (boundedLevenshtein(query, v, tau) <= tau ? [id] : []));
        for (const id of want) expect(visits.get(id), `${query}: ${values[id]}`).toBe(1);
        within += want.length;
        for (const [id, n] of visits) expect(n, `${query}: ${values[id]} visited ${n} times`).toBe(1);
      }
      expect(within).toBeGreaterThan(200 * tau);
    });
  }
});

describe('SeenStarts', () => {
  it('says true the first time only, is emptied by begin(), and keeps its members as it grows', () => {
    const seen = new SeenStarts();
    seen.begin();
    for (let i = 0; i < 5000; i++) expect(seen.add(i * 37)).toBe(true);
    for (let i = 0; i < 5000; i++) expect(seen.add(i * 37)).toBe(false);
    expect(seen.add(1)).toBe(true);
    seen.begin();
    expect(seen.add(37)).toBe(true);
    expect(seen.add(0)).toBe(true);
    expect(seen.add(37)).toBe(false);
  });

  it('begin() empties it also when its stamp wraps', () => {
    const seen = new SeenStarts();
    (seen as unknown as { stamp: number }).stamp = 0xfffffffd;
    seen.begin();
    expect(seen.add(5)).toBe(true);
    seen.begin(); // stamp wraps: every slot is cleared
    expect(seen.add(5)).toBe(true);
    expect(seen.add(5)).toBe(false);
    seen.begin();
    expect(seen.add(5)).toBe(true);
  });
});
