/**
 * Holds after a user is decided again and again (a journal of many rows for one user): a
 * contact or email let go is free, one taken again is held, as after a single change. (Freed
 * entries are kept as null rather than deleted: V8's Map kept each deleted entry in its bucket,
 * and 200,000 such changes took 27 s; 19 ms now.)
 */
import { describe, expect, it } from 'vitest';
import { Holds } from '../../src/decide/holds.js';
import type { Decision } from '../../src/domain/decisions.js';
import { link, user } from '../helpers/build.js';

const linkTo = (contactId: number): Decision => ({ action: 'link', contactId, reason: 'operator', decidedBy: 'operator' });
const skip: Decision = { action: 'skip', reason: 'operator', decidedBy: 'operator' };

describe('Holds, one user decided many times', () => {
  it('answers as after one change, whichever way the last change went', () => {
    const ann = user(1, 'ann@x.org');
    const bob = user(2, 'Ann@X.org');
    const h = Holds.fromRows([{ user: ann, decision: linkTo(10) }, { user: bob, decision: skip }], [link(99, 30, 'old@x.org')]);
    let last: Decision = linkTo(10);
    for (let i = 0; i < 1001; i++) {
      const next = i % 2 === 0 ? skip : linkTo(i % 4 === 1 ? 10 : 20);
      expect(h.conflict(ann, next)).toBeNull();
      h.change(ann, last, next);
      last = next;
    }
    // the last change (i = 1000) was to skip: nothing of Ann's is held
    expect(h.contactHolder(10)).toBeUndefined();
    expect(h.contactHolder(20)).toBeUndefined();
    expect(h.conflict(bob, linkTo(10))).toBeNull();
    h.change(ann, last, linkTo(20));
    expect(h.contactHolder(20)).toBe(1);
    expect(h.conflict(bob, linkTo(20))).toEqual({ kind: 'contact', holder: 1 });
    expect(h.conflict(bob, linkTo(11))).toEqual({ kind: 'email', holder: 1 });
    // a link of a user not in the export holds its contact throughout
    expect(h.contactHolder(30)).toBe(99);
    expect(h.conflict(ann, linkTo(30))).toEqual({ kind: 'contact', holder: 99 });
  });
});
