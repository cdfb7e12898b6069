/**
 * A review's proposal (links.csv contact_id, the review's `y`) among contacts carrying the
 * user's email: the one with the user's name, even when an earlier user waits for it, rather
 * than a free one of another name. Found by a cross-output audit on the 20k / 5k set: Åsa's
 * second account (uf 1721, her email shared with uf 1310) was proposed Michael's contact, and
 * explain's first fix step said to link it.
 */
import { describe, expect, it } from 'vitest';
import { build, contact, named, person, user } from '../explain/fixtures.js';
import { fixText } from '../explain/fixtures.js';

describe("a review's proposal among the contacts carrying the user's email", () => {
  const b = build(
    [user(1310, 'asa@x.org', person('Åsa', 'Žuulinski')), user(1721, 'asa@x.org', person('Åsa', 'Žuulinski'))],
    [contact(6918, 'asa@x.org', named('Michael', 'Žuulinski')), contact(15790, 'asa@x.org', named('Åsa', 'Žuulinski'))],
  );

  it('is the contact with the user\'s name, though the first account waits for it', () => {
    expect(b.row(1310).decision).toMatchObject({ action: 'review', contactId: 15790 });
    expect(b.row(1721).decision).toMatchObject({ action: 'review', contactId: 15790 });
    expect(b.row(1721).candidates[0]!.contactId).toBe(15790);
  });

  it('explain does not tell to link it while another user has the same email, and names her contact as the one duplicated', () => {
    const e = b.explain(1721);
    expect(e.civicrm.outcome.taken_contact_id).toBe(6918); // CiviCRM's pick, which the first account gets
    expect(e.civicrm.duplicates_contact_id).toBe(15790);
    expect(e.civicrm.text).not.toContain('duplicate of contact 6918');
    const fix = fixText(e);
    expect(fix).not.toMatch(/merge them into contact 6918/);
    expect(fix).not.toContain("ufmatch's proposal is");
    expect(fix).toContain('settle the two accounts first');
  });

  it("a namesake's contact under another email, though free, is not proposed over the user's own", () => {
    const c = build(
      [user(1146, 'hassan@x.org', person('Hassan', 'Doyle')), user(1743, 'hassan@x.org', person('Hassan', 'Doyle')), user(8885, 'hd1987@y.org', person('Hassan', 'Doyle'))],
      [contact(221345, 'hassan@x.org', named('Hassan', 'Doyle')), contact(34052, 'hd1987@y.org', named('Hassan', 'Doyle'))],
    );
    expect(c.row(1743).decision).toMatchObject({ action: 'review', contactId: 221345 });
    expect(c.row(8885).decision).toMatchObject({ action: 'link', contactId: 34052 });
  });

  it('without a contact of the user\'s name, the free one is still proposed', () => {
    const c = build(
      [user(1, 'fam@x.org', person('Ann', 'Lee')), user(2, 'fam@x.org', person('Ann', 'Lee'))],
      [contact(10, 'fam@x.org', named('Bob', 'Lee')), contact(11, 'fam@x.org', named('Cat', 'Lee'))],
    );
    expect(c.row(1).decision.contactId).toBe(10);
    expect(c.row(2).decision.contactId).toBe(11);
  });
});
