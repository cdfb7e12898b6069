/**
 * With no contact free to link, a review still names its best candidate; among the best
 * (equal scores) it names the one with the user's name. An Organization holding the email and
 * a trashed Individual of the user's name scored alike, and the lower id — the Organization —
 * was proposed, while explain's fix says to restore the trashed contact and never to link the
 * Organization (found by an audit against the spec).
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { contact, dataset, link, user } from '../helpers/build.js';

const sam = () => user(2, 'f@x.org', { firstName: 'Sam', lastName: 'Poe' });

describe("a review's proposal when no candidate is free", () => {
  it('among equals, the contact with the user\'s name: the trashed Sam Poe, not the Organization', () => {
    const plan = buildPlan(dataset([sam()], [
      contact(20, 'f@x.org', { type: 'Organization', displayName: 'Poe Org' }),
      contact(21, [{ email: 'f@x.org', primary: false }], { firstName: 'Sam', lastName: 'Poe', deleted: true }),
    ]));
    const r = plan.rows[0]!;
    expect(r.decision).toMatchObject({ action: 'review', contactId: 21 });
    expect(r.candidates.map((c) => [c.contactId, c.score])).toEqual([[21, 0.55], [20, 0.55]]);
    expect(r.warnings.map((w) => w.code).sort()).toEqual(['deleted-match', 'non-individual-match']);
  });

  it('the best still wins over a lower-scored contact of the user\'s name, and without a name the lowest id', () => {
    // contact 10 carries the email and is linked to user 1 (not free, 0.95); 11 is trashed, of the user's name (0.55)
    const held = buildPlan(dataset([user(1, 'other@x.org'), sam()], [
      contact(10, 'f@x.org'),
      contact(11, [{ email: 'f@x.org', primary: false }], { firstName: 'Sam', lastName: 'Poe', deleted: true }),
    ], [link(1, 10, 'other@x.org')]));
    const r = held.rows.find((x) => x.user.ufId === 2)!;
    expect(r.candidates.map((c) => [c.contactId, c.score])).toEqual([[10, 0.95], [11, 0.55]]);
    expect(r.decision).toMatchObject({ action: 'review', contactId: 10 });
    const nameless = buildPlan(dataset([sam()], [
      contact(22, 'f@x.org', { firstName: 'Ann', lastName: 'Oak', deleted: true }),
      contact(21, 'f@x.org', { firstName: 'Kim', lastName: 'Lee', deleted: true }),
    ]));
    expect(nameless.rows[0]!.decision).toMatchObject({ action: 'review', contactId: 21 });
  });
});
