import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action, type Decision, type UserPlan } from '../../src/domain/decisions.js';
import { CHUNK, RowStore } from '../../src/tui/state/rowStore.js';
import { SparseTrie } from '../../src/tui/state/sparseTrie.js';
import { user } from '../helpers/build.js';

const decisionFor = (a: Action): Decision =>
  a === 'link' || a === 'keep'
    ? ({ action: a, contactId: 1, reason: a === 'link' ? 'operator' : 'existing-link', decidedBy: 'operator' } as Decision)
    : a === 'review'
      ? { action: 'review', contactId: null, reason: 'needs-review', decidedBy: 'auto' }
      : ({ action: a, reason: 'operator', decidedBy: 'operator' } as Decision);

function rowsOf(actions: readonly Action[]): UserPlan[] {
  return actions.map((a, i) => {
    const d = decisionFor(a);
    return { user: user(i + 1, `u${i}@x.org`), candidates: [], warnings: [], decision: d, proposal: d, civicrm: { kind: 'create', takenContactId: null, takenBy: null } };
  });
}

const action = fc.constantFrom(...ACTIONS);

describe('RowStore: decisions per user with per-action queues', () => {
  it('agrees with a plain array on decisions, counts, k-th of a queue and rank, across changes', () => {
    fc.assert(
      fc.property(
        fc.array(action, { minLength: 1, maxLength: 3 * CHUNK + 7 }),
        fc.array(fc.tuple(fc.nat(), action), { maxLength: 40 }),
        (initial, changes) => {
          const rows = rowsOf(initial);
          let store = RowStore.fromRows(rows);
          const model = rows.map((r) => r.decision);
          const versions: [RowStore, Decision[]][] = [[store, model.slice()]];
          for (const [k, a] of changes) {
            const i = k % rows.length;
            const d = decisionFor(a);
            store = store.set(i, d);
            model[i] = d;
            versions.push([store, model.slice()]);
          }
          // every version still answers as it did (persistence), not only the last
          for (const [s, m] of versions) {
            for (let i = 0; i < m.length; i++) expect(s.decision(i)).toBe(m[i]);
            for (const a of ACTIONS) {
              const queue = m.flatMap((d, i) => (d.action === a ? [i] : []));
              expect(s.count(a)).toBe(queue.length);
              queue.forEach((row, k) => expect(s.nth(a, k)).toBe(row));
              expect(s.nth(a, queue.length)).toBe(-1);
              for (let i = 0; i < m.length; i += 5) expect(s.rank(a, i)).toBe(queue.filter((r) => r < i).length);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('setting the plan decision back drops the override', () => {
    const rows = rowsOf(['review', 'link']);
    const s = RowStore.fromRows(rows).set(0, decisionFor('skip')).set(0, rows[0]!.decision);
    expect(s.decision(0)).toBe(rows[0]!.decision);
    expect(s.count('review')).toBe(1);
  });
});

describe('SparseTrie', () => {
  it('reads back what was set, in every version', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.array(fc.tuple(fc.nat(), fc.integer()), { maxLength: 50 }), (cap, sets) => {
        let t = SparseTrie.empty<number>(cap);
        const model = new Map<number, number>();
        const versions: [SparseTrie<number>, Map<number, number>][] = [];
        for (const [k, v] of sets) {
          const i = k % cap;
          t = t.set(i, v);
          model.set(i, v);
          versions.push([t, new Map(model)]);
        }
        for (const [tv, m] of versions) for (let i = 0; i < cap; i += Math.max(1, Math.floor(cap / 50))) expect(tv.get(i)).toBe(m.get(i));
      }),
      { numRuns: 60 },
    );
  });
});
