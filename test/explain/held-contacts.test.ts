/**
 * explain for a look-alike contact another user already holds: no advice to move an email onto
 * it (CiviCRM would find it taken and create a duplicate), no merge into it, but which account
 * to keep; and "already linked" only for an existing link, not for ufmatch's own plan.
 */
import { describe, expect, it } from 'vitest';
import { build, contact, fixText, link, named, person, user } from './fixtures.js';

describe('explain: look-alike contacts another user holds', () => {
  it('an alias of a linked contact: a second account, not "add the email to it"', () => {
    const b = build(
      [user(3, 'carl.d@gmail.com', person('Carl', 'Dean')), user(4, 'c.a.r.l.d@gmail.com', person('Carl', 'Dean'))],
      [contact(20, 'carl.d@gmail.com', named('Carl', 'Dean'))],
      [link(3, 20, 'carl.d@gmail.com')],
    );
    const e = b.explain(4);
    const fix = fixText(e);
    expect(fix).not.toContain('Add c.a.r.l.d@gmail.com to contact 20');
    expect(fix).not.toMatch(/merge it into contact 20/);
    expect(fix).toContain('but it is already linked to user 3 (Carl Dean, carl.d@gmail.com): a contact can be linked to one user only');
    expect(fix).toContain('If user 4 and user 3 are the same person (a second account), keep one: delete user 4 in WordPress');
    expect(e.warnings[0]!.explanation).toContain('It is already linked to user 3 (Carl Dean, carl.d@gmail.com).');
    expect(e.candidates[0]!.why).toContain('; already linked to user 3');
  });

  it('a typo of an address ufmatch gives to another user: no email changes that would make two users share one', () => {
    const b = build(
      [user(1, 'ann.smith@example.org', person('Ann', 'Smith')), user(2, 'ann.smith@exmple.org', person('Bea', 'Jones'))],
      [contact(10, 'ann.smith@example.org', named('Ann', 'Smith'))],
    );
    const e = b.explain(2);
    const fix = fixText(e);
    expect(fix).not.toContain("correct user 2's email");
    expect(fix).not.toContain('correct the email of contact 10');
    expect(fix).toContain('but ufmatch links it to user 1 (Ann Smith, ann.smith@example.org)');
    expect(fix).toContain("If contact 10 (Ann Smith) is really user 2's and not user 1's, link it to user 2 in the ufmatch review");
    expect(e.candidates[0]!.why).toContain('; ufmatch links it to user 1');
    expect(e.candidates[0]!.why).not.toContain('already linked');
    // a stranger's close address is at most "perhaps" the duplicate
    expect(e.civicrm.text).toContain('perhaps a duplicate of contact 10 (Ann Smith), and if so the user does not see');
  });

  it('a free look-alike keeps the full steps and the merge', () => {
    const e = build([user(2, 'ann.smith@exmple.org', person('Ann', 'Smith'))], [contact(10, 'ann.smith@example.org', named('Ann', 'Smith'))]).explain(2);
    const fix = fixText(e);
    expect(fix).toContain("correct user 2's email");
    expect(fix).toContain('merge it into contact 10');
    expect(e.civicrm.text).toContain('probably a duplicate of contact 10 (Ann Smith), and if so');
  });
});

describe('explain: contact-taken in ufmatch\'s plan only', () => {
  it('says ufmatch links the contact to the earlier user, and what CiviCRM does in its own order', () => {
    const b = build(
      [user(10, 'carol@x.org', { ...person('Carol', 'Clark'), username: 'zed' }), user(11, 'carol.work@x.org', { ...person('Carol', 'Clark'), username: 'abe' })],
      [contact(200, [{ email: 'carol@x.org', primary: true }, { email: 'carol.work@x.org', primary: false }], named('Carol', 'Clark'))],
    );
    const r = b.row(11);
    const w = r.warnings.find((x) => x.code === 'contact-taken');
    expect(w).toMatchObject({ via: 'plan', otherUfId: 10 });
    expect(w!.detail).toContain('is the contact ufmatch links to user 10, earlier in the file');
    const e = b.explain(11);
    expect(e.headline).not.toContain('already linked');
    expect(e.headline).toContain('is the contact ufmatch links to user 10');
    // WordPress's batch goes by user_login: abe (11) before zed (10)
    expect(e.warnings[0]!.explanation).toContain("CiviCRM would link contact 200");
    expect(e.warnings[0]!.explanation).toContain('and user 10 would then get a new contact');
    // and for user 10, CiviCRM's words name who holds its pick by then
    expect(b.explain(10).civicrm.text).toContain('CiviCRM would pick contact 200, find it linked to user 11, and create a duplicate contact');
    expect(b.explain(10).civicrm.outcome).toMatchObject({ kind: 'create', taken_contact_id: 200, taken_by_uf_id: 11 });
  });

  it('an existing link is still "already linked"', () => {
    const b = build(
      [user(1, 'ann@x.org', person('Ann', 'Lee')), user(2, 'ann@x.org', person('Ann', 'Lee'))],
      [contact(10, 'ann@x.org', named('Ann', 'Lee'))],
      [link(1, 10, 'ann@x.org')],
    );
    const w = b.row(2).warnings.find((x) => x.code === 'contact-taken');
    expect(w).toMatchObject({ via: 'link' });
    expect(w!.detail).toContain('is already linked to user 1');
  });
});

describe('explain: contact-taken by a user in review', () => {
  it('says the contact waits for that user\'s review, and to settle them first', () => {
    // 17's one contact by email (11) has another person's name, and a contact of 17's own name
    // (13) exists: 17 waits for review, holding 11, which also carries 23's address
    const b = build(
      [user(17, 'hotel@ex.org', { ...person('Eve', 'Ray'), username: 'f17' }), user(23, 'bravo@ex.org', { ...person('Ben', 'Yates'), username: 'e23' })],
      [contact(11, [{ email: 'echo@ex.org', primary: true }, { email: 'bravo@ex.org', primary: false }, { email: 'hotel@ex.org', primary: false }], named('Dov', 'Xu')), contact(13, [], named('Eve', 'Ray'))],
    );
    const e = b.explain(23);
    expect(e.headline).toContain('is also the exact match of user 17 (Eve Ray, hotel@ex.org), who waits for review');
    expect(fixText(e)).toContain('Settle user 17 first (ufmatch review)');
  });
});

