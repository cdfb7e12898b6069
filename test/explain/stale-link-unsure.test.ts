/**
 * A stale link whose contact has nothing of the user's email and no name to compare (Drupal
 * passes none): explain does not only advise adding the email to that contact; it says the link
 * may point at the wrong person and how to undo it.
 */
import { describe, expect, it } from 'vitest';
import { link } from '../helpers/build.js';
import { build, contact, fixText, named, user } from './fixtures.js';

describe('explain: a stale link that may be the wrong person', () => {
  it('Drupal, addresses with little in common: delete the link, or add the email if it is the user', () => {
    const b = build([user(1, 'admin@example.com')], [contact(113, 'grace@navy.mil', named('Grace', 'Hopper'))], [link(1, 113, 'admin@example.com')], 'drupal');
    const e = b.explain(1);
    const w = e.warnings.find((x) => x.code === 'stale-link')!;
    expect(w.explanation).toContain('unless the link points at the wrong person: the addresses have little in common');
    const fix = fixText(e, 'stale-link');
    expect(fix).toContain('If contact 113 (Grace Hopper) is not the user, delete the link');
    expect(fix).toContain('DELETE FROM civicrm_uf_match WHERE uf_id = 1 AND domain_id = 1;');
    expect(fix).toContain('If contact 113 (Grace Hopper) is the user, add admin@example.com');
  });

  it('a changed address close to the old one: the usual advice alone', () => {
    const b = build([user(1, 'ann.lee@example.com')], [contact(113, 'ann.lee@example.org')], [link(1, 113, 'ann.lee@example.com')], 'drupal');
    const fix = fixText(b.explain(1), 'stale-link');
    expect(fix).toContain('Add ann.lee@example.com to contact 113');
    expect(fix).not.toContain('is not the user');
  });
});
