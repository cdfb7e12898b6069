/**
 * explain's fixes for a stale link must not break the table's unique keys or merge other people:
 * a uf_name another link holds is not offered as an UPDATE, and only an Individual that may be
 * the user (their name, or none to compare) is called a duplicate to merge.
 */
import { describe, expect, it } from 'vitest';
import { build, contact, fixText, link, named, person, sqlOf, user } from './fixtures.js';

describe('explain: stale-link fixes', () => {
  it('does not offer to set a uf_name that another link holds', () => {
    const b = build(
      [user(5, 'new@x.org', person('Amy', 'Adams')), user(6, 'bob@x.org', person('Bob', 'Brown'))],
      [contact(107, 'old@x.org', named('Amy', 'Adams')), contact(108, ['bob@x.org', 'new@x.org'], named('Bob', 'Brown'))],
      [link(5, 107, 'old@x.org'), link(6, 108, 'new@x.org')],
    );
    const e = b.explain(5);
    expect(sqlOf(e).some((s) => s.includes("SET uf_name = 'new@x.org'"))).toBe(false);
    expect(fixText(e)).toContain('cannot become new@x.org yet: the existing link of user 6 (Bob Brown, bob@x.org) holds that address as its uf_name');
  });

  it('still offers the update when the address is free', () => {
    const e = build([user(5, 'new@x.org', person('Amy', 'Adams'))], [contact(107, ['old@x.org', 'new@x.org'], named('Amy', 'Adams'))], [link(5, 107, 'old@x.org')]).explain(5);
    expect(sqlOf(e)).toContain("UPDATE civicrm_uf_match SET uf_name = 'new@x.org' WHERE uf_id = 5 AND domain_id = 1;");
  });

  it('calls a same-name holder of the address a duplicate, and leaves another person and an Organization alone', () => {
    const b = build(
      [user(5, 'family@x.org', person('Amy', 'Adams'))],
      [
        contact(107, 'amy.old@x.org', named('Amy', 'Adams')),
        contact(108, 'family@x.org', named('Amy', 'Adams')),
        contact(109, 'family@x.org', named('Bob', 'Adams')),
        contact(110, 'family@x.org', { type: 'Organization', displayName: 'Adams Family Trust' }),
      ],
      [link(5, 107, 'family@x.org')],
    );
    const fix = fixText(b.explain(5), 'stale-link');
    expect(fix).toContain('contact 108 (Amy Adams) also carries family@x.org: probably a duplicate');
    expect(fix).toContain('contact 109 (Bob Adams) also carries family@x.org but has another name: a shared address');
    expect(fix).toContain('contact 110 (Adams Family Trust), an Organization, also carries family@x.org: a shared address, not a duplicate of the user; leave it.');
    expect(fix).not.toMatch(/Merge it into contact 107, keeping 107[^]*Merge it into contact 107/); // one merge only, for 108
  });
});

describe('explain: no promise CiviCRM would not keep', () => {
  it('a user without an email gets no UPDATE of uf_name to an empty one', () => {
    const e = build([user(5, '', person('Amy', 'Adams'))], [contact(107, 'old@x.org', named('Amy', 'Adams'))], [link(5, 107, 'old@x.org')]).explain(5);
    expect(sqlOf(e).some((s) => s.includes('SET uf_name'))).toBe(false);
    expect(fixText(e)).toContain('The user has no email: enter it in WordPress');
  });

  it('adding the email to a same-name contact is not offered where CiviCRM would pick another contact carrying it', () => {
    // Dov's own contact 10 (hotel@ primary) is held by user 2; contact 11 has his name only
    const dov = named('Dov', 'Xu');
    const b = build(
      [user(1, 'hotel@x.org', { ...person('Dov', 'Xu'), username: 'b' }), user(2, 'other@x.org', { ...person('Ann', 'Lee'), username: 'a' })],
      [contact(10, ['hotel@x.org', 'other@x.org'], dov), contact(11, 'dov.xu@y.org', dov)],
      [link(2, 10, 'other@x.org')],
    );
    const e = b.explain(1);
    const fix = fixText(e, 'name-match');
    expect(fix).not.toContain('CiviCRM then links contact 11');
    expect(fix).toContain('link contact 11 (Dov Xu) in the ufmatch review: adding hotel@x.org to it would not do, as CiviCRM picks contact 10 (Dov Xu)');
    // the new contact CiviCRM makes duplicates the one it found taken, not the name-alike
    expect(e.civicrm.text).toContain('probably a duplicate of contact 10 (Dov Xu)');
  });
});
