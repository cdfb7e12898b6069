/**
 * At most MAX_ALIAS_MATCHES alias-email warnings per user: the best-scored (the user's name
 * first), then the lowest contact ids, in the order found. One mailbox spelt thousands of
 * ways (john+1@gmail.com, john+2@…) and shared by thousands of users ran out of heap with a
 * warning for each pair.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan, MAX_ALIAS_MATCHES } from '../../src/decide/plan.js';
import { contact, dataset, link, user } from '../helpers/build.js';

const aliasIds = (ws: readonly { code: string; contactId: number | null }[]) => ws.filter((w) => w.code === 'alias-email').map((w) => w.contactId);

describe('alias-email warnings per user', () => {
  it('a mailbox spelt on 40 contacts gives each of its users the best 5, in the order found; none comes back as a name-match', () => {
    const contacts = [];
    // ids 140..101 in file order: john+0@ … john+39@gmail.com; 120..114 have the user's name
    for (let i = 0; i < 40; i++) contacts.push(contact(140 - i, `john+${i}@gmail.com`, i >= 20 && i <= 26 ? { firstName: 'John', lastName: 'Hale', displayName: 'John Hale' } : { firstName: `P${i}`, lastName: 'Hale' }));
    const users = [user(1, 'john@gmail.com', { firstName: 'John', lastName: 'Hale' }), user(2, 'j.o.h.n@gmail.com')];
    const plan = buildPlan(dataset(users, contacts));
    expect(MAX_ALIAS_MATCHES).toBe(5);
    // user 1: the five lowest ids with the name (0.90): 114–118, as the file lists them; 119 and
    // 120 have the name too, but are aliases left out, not name-matches
    expect(aliasIds(plan.rows[0]!.warnings)).toEqual([118, 117, 116, 115, 114]);
    expect(plan.rows[0]!.candidates.map((c) => c.contactId)).toEqual([114, 115, 116, 117, 118]);
    // user 2 (Gmail dots, no name): the five lowest ids
    expect(aliasIds(plan.rows[1]!.warnings)).toEqual([105, 104, 103, 102, 101]);
    for (const r of plan.rows) expect(r.warnings.filter((w) => w.code === 'name-match')).toEqual([]);
  });

  it('keeps the best one no other user holds past the 5, so the review proposes a contact it can link', () => {
    const contacts = Array.from({ length: 6 }, (_, i) => contact(i + 1, `ann+${i + 1}@x.org`));
    const links = Array.from({ length: 5 }, (_, i) => link(101 + i, i + 1, `a${i + 1}@y.org`));
    const r = buildPlan(dataset([user(1, 'ann@x.org', { firstName: 'Ann', lastName: 'Lee' })], contacts, links)).rows[0]!;
    expect(r.proposal).toMatchObject({ action: 'review', contactId: 6 });
    expect(aliasIds(r.warnings)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.candidates[0]!.contactId).toBe(6);
  });

  it('keeps the best typo no other user holds past the 5 too', () => {
    const contacts = Array.from({ length: 7 }, (_, i) => contact(i + 1, `member010${i}@club.org`));
    const links = Array.from({ length: 6 }, (_, i) => link(101 + i, i + 1, `m${i}@y.org`));
    const r = buildPlan(dataset([user(1, 'member0109@club.org')], contacts, links)).rows[0]!;
    expect(r.proposal).toMatchObject({ action: 'review', contactId: 7 });
    expect(r.warnings.filter((w) => w.code === 'email-typo').map((w) => w.contactId)).toEqual([1, 2, 3, 4, 5, 7]);
  });

  it('with 5 or fewer every one is kept', () => {
    const plan = buildPlan(dataset([user(1, 'ann@gmail.com')], [contact(30, 'a.n.n@gmail.com'), contact(20, 'ann+x@gmail.com'), contact(10, 'ann@googlemail.com')]));
    expect(aliasIds(plan.rows[0]!.warnings)).toEqual([30, 20, 10]);
  });
});
