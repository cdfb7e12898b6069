import { describe, expect, it } from 'vitest';
import { Holds as DecideHolds } from '../../src/decide/holds.js';
import type { Decision } from '../../src/domain/decisions.js';
import { Holds } from '../../src/tui/state/holds.js';
import { samplePlan, UF } from './helpers/plans.js';

const link = (contactId: number): Decision => ({ action: 'link', contactId, reason: 'operator', decidedBy: 'operator' });
const create: Decision = { action: 'create', reason: 'operator', decidedBy: 'operator' };
const skip: Decision = { action: 'skip', reason: 'operator', decidedBy: 'operator' };

describe('Holds: one link per contact and per email, persistently', () => {
  const { plan, data } = samplePlan();
  const userOf = (uf: number) => plan.rows.find((r) => r.user.ufId === uf)!;

  it('knows who holds what in the plan, including links of users missing from the export', () => {
    const h = Holds.fromRows(plan.rows, data.links);
    expect(h.contactHolders(1001)).toEqual([UF.holder]);
    expect(h.contactHolders(1201)).toEqual([99]);
    expect(h.contactHolders(201)).toEqual([UF.exact]);
    expect(h.emailHolders('bob@x.org')).toEqual([UF.exact]);
    expect(h.emailHolders('old@x.org')).toEqual([99]);
    expect(h.contactHolders(101)).toEqual([]);
  });

  it('holds what the links of users in the export hold beyond their keep: a uf_name that is no longer their email, a second row’s contact', () => {
    const links = [...data.links, { ufId: UF.exact, contactId: 9999, ufName: 'Bob.Old@X.org', domainId: 1, line: 90 }];
    const h = Holds.fromRows(plan.rows, links);
    expect(h.contactHolders(9999)).toEqual([UF.exact]);
    expect(h.emailHolders('bob.old@x.org')).toEqual([UF.exact]);
    const other = userOf(UF.dupA).user;
    expect(h.conflict({ ...other, emailKey: 'bob.old@x.org' }, create)).toEqual({ kind: 'email', holder: UF.exact });
    const theirs = DecideHolds.fromRows(plan.rows, links);
    expect(theirs.conflict({ ...other, emailKey: 'bob.old@x.org' }, create)).toEqual({ kind: 'email', holder: UF.exact });
    expect(theirs.conflict(other, link(9999))).toEqual({ kind: 'contact', holder: UF.exact });
    // and the user's own decisions never take them away
    const bob = userOf(UF.exact);
    const h1 = h.change(bob.user, bob.decision, skip);
    expect(h1.contactHolders(9999)).toEqual([UF.exact]);
    expect(h1.emailHolders('bob.old@x.org')).toEqual([UF.exact]);
  });

  it('agrees with decide/holds.ts on every conflict of the sample plan', () => {
    const mine = Holds.fromRows(plan.rows, data.links);
    const theirs = DecideHolds.fromRows(plan.rows, data.links);
    for (const r of plan.rows) {
      for (const d of [...r.candidates.map((c) => link(c.contactId)), create, skip]) {
        expect(mine.conflict(r.user, d)).toEqual(theirs.conflict(r.user, d));
      }
    }
  });

  it('a change moves the holds and leaves the old holds untouched', () => {
    const h0 = Holds.fromRows(plan.rows, data.links);
    const dupA = userOf(UF.dupA);
    const h1 = h0.change(dupA.user, dupA.decision, link(801));
    expect(h1.contactHolders(801)).toEqual([UF.dupA]);
    expect(h1.emailHolders('fay@x.org')).toEqual([UF.dupA]);
    expect(h1.conflict(userOf(UF.dupB).user, link(801))).toEqual({ kind: 'contact', holder: UF.dupA });
    expect(h1.conflict(userOf(UF.dupB).user, create)).toEqual({ kind: 'email', holder: UF.dupA });
    expect(h0.contactHolders(801)).toEqual([]);
    const h2 = h1.change(dupA.user, link(801), skip);
    expect(h2.contactHolders(801)).toEqual([]);
    expect(h2.emailHolders('fay@x.org')).toEqual([]);
    expect(h1.contactHolders(801)).toEqual([UF.dupA]);
  });

  it('relinking to another contact releases the first one', () => {
    const h0 = Holds.fromRows(plan.rows, data.links);
    const ann = userOf(UF.sharedEmail);
    const h1 = h0.change(ann.user, ann.decision, link(101)).change(ann.user, link(101), link(102));
    expect(h1.contactHolders(101)).toEqual([]);
    expect(h1.contactHolders(102)).toEqual([UF.sharedEmail]);
    expect(h1.emailHolders('ann@x.org')).toEqual([UF.sharedEmail]);
  });
});
