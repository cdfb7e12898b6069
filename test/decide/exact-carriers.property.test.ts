/**
 * ExactCarriers.gather keeps what the plan decides by out of any number of contacts carrying a user's
 * email, without a candidate for each: held to a reference that builds them all and sorts them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../src/domain/decisions.js';
import { ExactCarriers, SHARED_IDS_LISTED } from '../../src/decide/exactCandidates.js';
import { candidateScore, sortCandidates } from '../../src/decide/scores.js';
import { Marks, type ContactIndex } from '../../src/match/contactIndex.js';

interface Carrier {
  id: number;
  kind: 'usable' | 'deleted' | 'organization';
  named: boolean;
  held: boolean;
}

/** Refs as the exact index gives them: `pos << 1 | primary`, primary ones first, then by id; a contact may come twice. */
const arbCase = fc
  .record({
    carriers: fc.uniqueArray(
      fc.record({ id: fc.integer({ min: 1, max: 500 }), kind: fc.constantFrom('usable', 'usable', 'usable', 'deleted', 'organization'), named: fc.boolean(), held: fc.boolean() }),
      { selector: (c) => c.id, maxLength: 60 },
    ),
    primaries: fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
    twice: fc.array(fc.nat(59), { maxLength: 4 }),
    max: fc.integer({ min: 1, max: 25 }),
  })
  .map(({ carriers, primaries, twice, max }) => {
    const refs: number[] = [];
    carriers.forEach((_, pos) => refs.push((pos << 1) | (primaries[pos] ? 1 : 0)));
    for (const p of twice) if (p < carriers.length) refs.push(p << 1); // the address again, in another column
    refs.sort((a, b) => (b & 1) - (a & 1) || carriers[a >>> 1]!.id - carriers[b >>> 1]!.id);
    return { carriers: carriers as Carrier[], refs, max };
  });

const ANN = { first: 'ann', last: 'lee' };

function indexOf(carriers: readonly Carrier[]): ContactIndex {
  return {
    // the folded names: Ann Lee's where the carrier has the user's name
    sameNameAt: (pos: number) => carriers[pos]!.named,
    foldedNameAt: (pos: number) => (carriers[pos]!.named ? ANN : { first: 'someone', last: 'else' }),
    contacts: {
      idAt: (pos: number) => carriers[pos]!.id,
      usableAt: (pos: number) => carriers[pos]!.kind === 'usable',
      deletedAt: (pos: number) => carriers[pos]!.kind === 'deleted',
      emailWithKey: () => 'Ann@Example.org',
    },
  } as unknown as ContactIndex;
}

/** Every carrier a candidate, as the plan built them before ExactCarriers. */
function reference(carriers: readonly Carrier[], refs: readonly number[]) {
  const seen = new Set<number>();
  const all: Candidate[] = [];
  const usable: { id: number; primary: boolean; named: boolean }[] = [];
  for (const r of refs) {
    const c = carriers[r >>> 1]!;
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const ok = c.kind === 'usable';
    const primary = (r & 1) === 1;
    if (ok) usable.push({ id: c.id, primary, named: c.named });
    all.push({ contactId: c.id, score: candidateScore({ basis: 'exact-email', usable: ok, primary, nameAgrees: c.named }), basis: 'exact-email', primaryEmail: primary, email: 'Ann@Example.org', usable: ok, nameAgrees: c.named });
  }
  sortCandidates(all);
  const named = usable.filter((u) => u.named);
  const byId = new Map(carriers.map((c) => [c.id, c]));
  const free = all.find((c) => c.usable && !byId.get(c.contactId)!.held)?.contactId ?? null;
  // a review's proposal when several carriers have the user's name (Plan's bestFree)
  const freeNamed = all.find((c) => c.usable && c.nameAgrees && !byId.get(c.contactId)!.held)?.contactId ?? null;
  return { all, usable, named, free, freeNamed };
}

describe('ExactCarriers.gather', () => {
  it('counts every carrier, keeps the best `max` and the ones a decision takes, as the full sorted list has them', () => {
    fc.assert(
      fc.property(arbCase, ({ carriers, refs, max }) => {
        const held = new Set(carriers.filter((c) => c.held).map((c) => c.id));
        const got = new ExactCarriers(indexOf(carriers), new Marks(carriers.length));
        const kept: Candidate[] = [];
        got.gather(refs, 'ann@example.org', ANN, { contactHolder: (id) => (held.has(id) ? 999 : null) }, 1, kept, max);
        const ref = reference(carriers, refs);

        expect(got.count).toBe(ref.all.length);
        expect(got.usableCount).toBe(ref.usable.length);
        expect(got.pick?.id ?? null).toBe(ref.usable[0]?.id ?? null);
        expect(got.pick?.primary ?? null).toBe(ref.usable[0]?.primary ?? null);
        expect(got.namedCount).toBe(ref.named.length);
        expect(got.named?.id ?? null).toBe(ref.named[0]?.id ?? null);
        expect(got.usableIds()).toEqual(ref.usable.slice(0, SHARED_IDS_LISTED).map((u) => u.id));
        const firstOf = (kind: Carrier['kind']) => ref.all.length === 0 ? -1 : refs.map((r) => r >>> 1).find((p) => carriers[p]!.kind === kind) ?? -1;
        expect(got.deleted).toBe(firstOf('deleted'));
        expect(got.nonIndividual).toBe(firstOf('organization'));

        // the kept ones are candidates as the reference built them (each once)
        const keptIds = kept.map((c) => c.contactId);
        expect(new Set(keptIds).size).toBe(keptIds.length);
        for (const c of kept) expect(c).toEqual(ref.all.find((x) => x.contactId === c.contactId));
        // the best `max` in the reference's order, then only what a decision may take
        expect(kept.slice(0, Math.min(max, ref.all.length))).toEqual(ref.all.slice(0, max));
        const wanted = new Set(ref.all.slice(0, max).map((c) => c.contactId));
        if (ref.usable[0]) wanted.add(ref.usable[0].id);
        if (ref.named.length === 1) wanted.add(ref.named[0]!.id);
        if (ref.free !== null) wanted.add(ref.free);
        if (ref.freeNamed !== null) wanted.add(ref.freeNamed);
        expect(new Set(keptIds)).toEqual(wanted);
        expect(got.notKept).toBe(ref.all.length - kept.length);

        // the best free one is found among the kept as among all of them (Plan's bestFree)
        const sorted = [...kept];
        sortCandidates(sorted);
        expect(sorted.find((c) => c.usable && !held.has(c.contactId))?.contactId ?? null).toBe(ref.free);
        expect(sorted.find((c) => c.usable && c.nameAgrees && !held.has(c.contactId))?.contactId ?? null).toBe(ref.freeNamed);
        // and every carrier's position is marked
        for (let p = 0; p < carriers.length; p++) expect(got.carries.has(p)).toBe(refs.some((r) => r >>> 1 === p));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves out the contact it is told to (a link listed apart), uncounted', () => {
    const carriers: Carrier[] = [
      { id: 5, kind: 'usable', named: false, held: false },
      { id: 7, kind: 'usable', named: false, held: false },
    ];
    const got = new ExactCarriers(indexOf(carriers), new Marks(2));
    const kept: Candidate[] = [];
    got.gather([1, 3], 'ann@example.org', ANN, null, 1, kept, 20, 5);
    expect(got.count).toBe(1);
    expect(kept.map((c) => c.contactId)).toEqual([7]);
  });
});
