/**
 * What an independent oracle of SPEC §3–§5.1 found: an empty uf_name (as exported, not NULL) is
 * a stale value like any other; a row's contact_id is always among its listed candidates; the
 * contact ufmatch proposes comes first among candidates of equal score.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { candidatesCell } from '../../src/output/linksCsv.js';
import { duplicateAvoided } from '../../src/domain/duplicates.js';
import { contact, dataset, link, user } from '../helpers/build.js';

describe('oracle findings', () => {
  it('a link exported with an empty uf_name gets stale-link (uf-name-differs) and still holds the empty uf_name', () => {
    const plan = buildPlan(
      dataset(
        [user(1, 'amy@ex.org', { firstName: 'Amy', lastName: 'Ash' }), user(4, '', { firstName: 'No', lastName: 'Mail' })],
        [contact(10, 'amy@ex.org', { firstName: 'Amy', lastName: 'Ash' })],
        [{ ...link(1, 10, ''), emptyUfName: true }],
      ),
    );
    const w = plan.rows[0]!.warnings.find((x) => x.code === 'stale-link');
    expect(w).toMatchObject({ why: 'uf-name-differs' });
    expect(w!.detail).toContain("the link's uf_name (empty) differs from");
    expect(plan.rows[1]!.civicrm).toMatchObject({ kind: 'create-unlinked', conflictUfId: 1 });
    // a NULL uf_name (or no column) is no value: nothing to call stale
    const none = buildPlan(dataset([user(1, 'amy@ex.org')], [contact(10, 'amy@ex.org')], [link(1, 10, '')]));
    expect(none.rows[0]!.warnings).toEqual([]);
  });

  it('a review whose best free candidate ranks past five held ones lists it in the last place', () => {
    const ann = { firstName: 'Ann', lastName: 'Lee' };
    const held = [1, 2, 3, 4, 5].map((i) => contact(i, `ann${i}.lee@other${i}.org`, ann));
    const users = [1, 2, 3, 4, 5].map((i) => user(100 + i, `ann${i}.lee@other${i}.org`, ann));
    const plan = buildPlan(
      dataset([...users, user(50, 'moon31@ex.org', ann)], [...held, contact(6, 'moon45@ex.org', { firstName: 'Bob', lastName: 'Roe' })], [1, 2, 3, 4, 5].map((i) => link(100 + i, i, `ann${i}.lee@other${i}.org`))),
    );
    const r = plan.rows.find((x) => x.user.ufId === 50)!;
    expect(r.decision).toMatchObject({ action: 'review', contactId: 6 });
    const cell = candidatesCell(r);
    expect(cell.split(';')).toHaveLength(5);
    expect(cell.split(';').at(-1)).toBe('6:0.45');
    expect(cell.startsWith('1:0.70;2:0.70;3:0.70;4:0.70;')).toBe(true);
  });

  it('the contact ufmatch links comes first among candidates of the same score', () => {
    const plan = buildPlan(
      dataset(
        [user(11, 'delta@ex.org', { firstName: 'Ben', lastName: 'Xu' })],
        [
          contact(19, 'delta@ex.org', { firstName: 'Eli', lastName: 'Zorn' }),
          contact(26, [{ email: 'echo@ex.org', primary: true }, { email: 'delta@ex.org', primary: false }], { firstName: 'Ben', lastName: 'Xu' }),
        ],
        [],
        'joomla',
      ),
    );
    const r = plan.rows[0]!;
    expect(r.decision).toMatchObject({ action: 'link', contactId: 26, reason: 'exact-email+name' });
    expect(candidatesCell(r)).toBe('26:0.95;19:0.95');
  });
});

describe('a contact kept for a user in review', () => {
  it('is not linked automatically to a later user whose email it also carries', () => {
    const eve = { firstName: 'Eve', lastName: 'Ray' };
    const plan = buildPlan(
      dataset(
        [user(17, 'hotel@ex.org', { ...eve, username: 'f17' }), user(23, 'bravo@ex.org', { firstName: 'Ben', lastName: 'Yates', username: 'e23' })],
        [
          contact(11, [{ email: 'echo@ex.org', primary: true }, { email: 'bravo@ex.org', primary: false }, { email: 'hotel@ex.org', primary: false }], { firstName: 'Dov', lastName: 'Xu' }),
          contact(13, [], eve),
        ],
      ),
    );
    const [r17, r23] = plan.rows;
    // 17's one contact by email has another person's name, and a contact of 17's own name exists: the operator's call
    expect(r17!.decision).toMatchObject({ action: 'review', contactId: 11 });
    // so Ben Yates does not get that contact on the strength of a Home-Email while it waits
    expect(r23!.decision).toMatchObject({ action: 'review' });
    expect(r23!.warnings.find((w) => w.code === 'contact-taken')).toMatchObject({ contactId: 11, otherUfId: 17, via: 'review' });
  });

  it("a user's exact match with their name is linked whatever the login order; another contact of that name does not hold it", () => {
    // contact 10 carries Anna's address as primary and Amy's as a Home-Email: in CiviCRM's login
    // order Amy may take it first, and CiviCRM then creates one for Anna — but the plan links Anna
    // to it (uf_match.sql, before anyone logs in), so contact 11, another Anna Berg, is a duplicate to merge
    const anna = { firstName: 'Anna', lastName: 'Berg' };
    const contacts = [
      contact(10, [{ email: 'anna@x.org', primary: true }, { email: 'amy@x.org', primary: false }], anna),
      contact(11, 'anna.old@y.org', anna),
    ];
    for (const amyLogin of ['amy', 'zzz']) {
      const plan = buildPlan(dataset([user(1, 'anna@x.org', { ...anna, username: 'zed' }), user(2, 'amy@x.org', { firstName: 'Amy', lastName: 'Ng', username: amyLogin })], contacts));
      const [r1, r2] = plan.rows;
      expect(r1!.decision, amyLogin).toMatchObject({ action: 'link', contactId: 10, reason: 'exact-email' });
      expect(r2!.warnings.find((w) => w.code === 'contact-taken'), amyLogin).toMatchObject({ contactId: 10, otherUfId: 1, via: 'plan' });
    }
  });

  it('two users of one email: the second gets duplicate-user-email, not also contact-taken', () => {
    const plan = buildPlan(dataset([user(1, 'a@x.org'), user(2, 'a@x.org')], [contact(10, 'a@x.org')]));
    expect(plan.rows[1]!.warnings.map((w) => w.code)).toEqual(['duplicate-user-email']);
  });
});

describe('a review with several contacts on its email', () => {
  it('keeps its proposed contact (CiviCRM\'s pick) from a later user whose email that contact also carries', () => {
    const plan = buildPlan(
      dataset(
        [user(8, 'ann.bee@x.org', { firstName: 'Ann', lastName: 'Bee' }), user(9, 'carl@y.org', { firstName: 'Carl', lastName: 'Cox' })],
        [
          contact(40, [{ email: 'ann.bee@x.org', primary: true }, { email: 'carl@y.org', primary: false }], { firstName: 'Bea', lastName: 'Bee' }),
          contact(41, 'ann.bee@x.org', { firstName: 'Bo', lastName: 'Bee' }),
        ],
      ),
    );
    const [r8, r9] = plan.rows;
    expect(r8!.decision).toMatchObject({ action: 'review', contactId: 40 });
    expect(r9!.decision.action).toBe('review');
    expect(r9!.warnings.find((w) => w.code === 'contact-taken')).toMatchObject({ contactId: 40, otherUfId: 8, via: 'review' });
  });
});

describe('an invalid address whose only carrier is in the trash', () => {
  it('gets deleted-match, and counts among the duplicates avoided: CiviCRM matches an invalid address too', () => {
    const plan = buildPlan(dataset([user(1, 'anna@example', { firstName: 'Anna', lastName: 'Berg' })], [contact(10, 'anna@example', { firstName: 'Anna', lastName: 'Berg', deleted: true })]));
    const r = plan.rows[0]!;
    expect(r.decision).toMatchObject({ action: 'skip', reason: 'invalid-email' });
    expect(r.warnings.map((w) => w.code)).toEqual(['invalid-email', 'deleted-match']);
    expect(r.warnings[1]).toMatchObject({ contactId: 10, alone: true });
    expect(duplicateAvoided(r)).toBe(true);
  });
});
