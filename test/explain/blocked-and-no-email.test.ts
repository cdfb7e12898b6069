/**
 * explain's CiviCRM words for a blocked account (it cannot log in, so "at the next login" does
 * not come) and for a second user without an email (what another user holds is the empty
 * uf_name, not "this email").
 */
import { describe, expect, it } from 'vitest';
import { build, contact, named, person, user } from './fixtures.js';

describe('explain: CiviCRM words', () => {
  it('a blocked user is reached only by the batch, or once unblocked', () => {
    const e = build([user(4, 'ann@x.org', { ...person('Ann', 'Lee'), blocked: true })], [contact(9, 'ann@x.org')], [], 'drupal').explain(4);
    expect(e.civicrm.text).toContain("But user 4 is blocked and cannot log in, so none of that happens at a login or page load: only CiviCRM's Synchronize Users batch reaches them");
    // the fix's "CiviCRM then links … " steps name the batch, never a login
    const typo = build(
      [user(6, 'fred.jones@gmial.com', { ...person('Fred', 'Jones'), blocked: true })],
      [contact(10, 'fred.jones@gmail.com', named('Fred', 'Jones'))],
      [],
      'drupal',
    ).explain(6);
    const fix = typo.fix.map((s) => s.text).join('\n');
    expect(fix).toContain("when CiviCRM's Synchronize Users batch next runs (the account is blocked");
    expect(fix).not.toMatch(/next login|has logged in/);
    // a blocked user the batch leaves out (Drupal, no email) gets no sentence about the batch reaching them
    const none = build([user(5, '', { ...person('Bo', 'Ray'), blocked: true })], [], [], 'drupal').explain(5);
    expect(none.civicrm.text).not.toContain('only CiviCRM');
    const open = build([user(4, 'ann@x.org', person('Ann', 'Lee'))], [contact(9, 'ann@x.org')], [], 'drupal').explain(4);
    expect(open.civicrm.text).not.toContain('blocked');
  });

  it('a second user without an email: the first holds the empty uf_name', () => {
    const b = build([user(1, '', person('Ann', 'Lee')), user(2, '', person('Bob', 'Ray'))], []);
    const e = b.explain(2);
    expect(e.civicrm.outcome.kind).toBe('create-unlinked');
    expect(e.civicrm.text).toContain('user 1 holds the empty uf_name');
    expect(e.civicrm.text).not.toContain('holds this email');
    const w = b.row(2).warnings.find((x) => x.code === 'no-email')!;
    expect(w.detail).toContain('user 1 holds the empty uf_name');
  });
});
