/**
 * Fix steps a support person could follow to harm (found by an explain audit): deleting the
 * live account in favour of one gone from the CMS whose link is left behind; "delete the link so
 * that CiviCRM links the user again by email" where the only contact with the address is in
 * the trash or another account's; "load uf_match.sql" for a user left on review, whom it does
 * not hold; the same SQL offered twice.
 */
import { describe, expect, it } from 'vitest';
import { build, contact, fixText, link, named, person, sqlOf, user } from './fixtures.js';

describe('explain: fix steps that would do harm', () => {
  it('a contact held by the link of an account not in the export: delete that link, never the live account', () => {
    const b = build(
      [user(42, 'bea.kay@outlook.com', person('Bea', 'Kay'))],
      [contact(910, 'bea.kay@outlok.com', named('Bea', 'Kay'))],
      [link(77, 910, 'bea.kay@outlok.com')],
    );
    const fix = fixText(b.explain(42));
    expect(fix).not.toMatch(/delete user 42 in WordPress/);
    expect(fix).toContain('User 77 is not in the users export: if that account is gone, delete its link; contact 910 (Bea Kay) is then free for user 42 (run ufmatch again on a fresh links export and link it in the review');
    expect(fix).toContain('DELETE FROM civicrm_uf_match WHERE uf_id = 77 AND domain_id = 1;');
    expect(fix).not.toContain('look at the other candidates');
  });

  it("an address held as uf_name by a gone account's link: no 'delete user 11', its DELETE once, and the step freeing Carl's contact kept", () => {
    const b = build(
      [user(11, 'carl@example.com', person('Carl', 'Moss'))],
      [contact(5001, 'carl.old@example.com', named('Carl', 'Moss'))],
      [link(901, 5001, 'carl@example.com')],
    );
    const e = b.explain(11);
    expect(fixText(e)).not.toMatch(/delete user 11 in WordPress/);
    const deletes = sqlOf(e).filter((q) => q === 'DELETE FROM civicrm_uf_match WHERE uf_id = 901 AND domain_id = 1;');
    expect(deletes).toHaveLength(1);
    expect(fixText(e)).toContain('contact 5001 (Carl Moss) is then free for user 11');
  });

  it('deleting a link to a trashed contact says what CiviCRM then does: a new contact, or a duplicate of one another account holds', () => {
    const alone = build([user(9, 'gareth@example.org', person('Gareth', 'Pryce'))], [contact(112, 'gareth@example.org', { ...named('Gareth', 'Pryce'), deleted: true })], [link(9, 112, 'gareth@example.org')]);
    expect(fixText(alone.explain(9))).toContain('delete the link: CiviCRM then matches the user by email again');
    expect(fixText(alone.explain(9))).toContain('(no usable contact carries gareth@example.org, so it creates a new one)');
    expect(fixText(alone.explain(9))).not.toContain('so that CiviCRM links the user again by email');
    const held = build(
      [user(20, 'mary.lee@example.com', person('Mary', 'Lee')), user(21, 'mary.l@example.com', person('Mary', 'Lee'))],
      [contact(600, 'mary.lee@example.com', { ...named('Mary', 'Lee'), deleted: true }), contact(601, ['mary.l@example.com', 'mary.lee@example.com'], named('Mary', 'Lee'))],
      [link(20, 600, 'mary.lee@example.com'), link(21, 601, 'mary.l@example.com')],
    );
    expect(fixText(held.explain(20))).toContain('(it picks contact 601 (Mary Lee), which carries mary.lee@example.com, finds it linked to user 21, and creates a new contact)');
  });

  it("a review user's 'link now' says to decide it in the review first: uf_match.sql holds only the plan's links", () => {
    const b = build([user(48, 'sam.lee+civi@example.org', person('Sam', 'Lee'))], [contact(149, 'sam.lee@example.org', named('Sam', 'Lee'))]);
    expect(b.row(48).decision.action).toBe('review');
    const fix = fixText(b.explain(48));
    expect(fix).not.toMatch(/in the ufmatch review, load ufmatch's uf_match\.sql/);
    expect(fix).toContain('Or link them now: link contact 149 (Sam Lee) in the ufmatch review and load the uf_match.sql it then writes, or run:');
    const linked = build([user(14, 'tom@example.org', person('Tom', 'Hale'))], [contact(160, 'tom@example.org', named('Tom', 'Hale'))]);
    expect(linked.row(14).decision.action).toBe('link');
    expect(fixText(linked.explain(14))).toContain("To link now: load ufmatch's uf_match.sql, or run:");
  });

  it("the user's address on a contact of another name, another user's: 'perhaps' a duplicate of it, not 'probably'", () => {
    const b = build(
      [user(16, 'okafor@example.org', person('Daniel', 'Okafor')), user(36, 'okafor@example.org', person('Grace', 'Okafor'))],
      [contact(130, 'okafor@example.org', named('Daniel', 'Okafor'))],
      [link(16, 130, 'okafor@example.org')],
    );
    const text = b.explain(36).civicrm.text;
    expect(text).toContain('perhaps a duplicate of contact 130 (Daniel Okafor)');
    expect(text).not.toContain('probably a duplicate of');
    // a swapped name is the user's: still "probably"
    const swapped = build(
      [user(16, 'js@example.org', person('John', 'Smith')), user(3, 'js@example.org', person('Smith', 'John'))],
      [contact(130, 'js@example.org', named('John', 'Smith'))],
      [link(16, 130, 'js@example.org')],
    );
    expect(swapped.explain(3).civicrm.text).toContain('probably a duplicate of contact 130 (John Smith)');
  });

  it('while another user has the email, no "once the user is linked to contact … merge into it" (which account gets it comes first)', () => {
    const b = build(
      [user(10, 'pat@example.org', person('Pat', 'Jones')), user(11, 'pat@example.org', person('Patricia', 'Jones'))],
      [contact(500, 'pat@example.org', named('Pat', 'Jones'))],
    );
    const fix = fixText(b.explain(11));
    expect(fix).not.toMatch(/once the user is linked to contact 500/);
  });

  it("a proposal of another name than the user's is asked about before it is linked, as the CiviCRM section says it is probably not them", () => {
    const b = build(
      [user(29, 'hendersons@example.org', { displayName: 'The Hendersons' })],
      [contact(135, 'hendersons@example.org', named('Mark', 'Henderson')), contact(136, 'hendersons@example.org', named('Jane', 'Henderson'))],
    );
    expect(b.row(29).decision.action).toBe('review');
    const fix = fixText(b.explain(29));
    expect(fix).not.toMatch(/unless a step below shows it is someone else, link it in the ufmatch review \(y\)/);
  });

  it('a typo is not laid on the user: the contact may hold the misspelling ("bea.kay@outlok.com")', () => {
    const b = build([user(42, 'bea.kay@outlook.com', person('Bea', 'Kay'))], [contact(910, 'bea.kay@outlok.com', named('Bea', 'Kay'))]);
    const e = b.explain(42);
    expect(e.headline).not.toContain('looks like a typo of');
    expect(e.headline).toContain('bea.kay@outlook.com is a typo away from bea.kay@outlok.com');
  });
});
