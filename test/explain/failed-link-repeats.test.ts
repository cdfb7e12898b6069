/**
 * explain says whether a failed link multiplies contacts: when CiviCRM's pick on every try is
 * a linked contact, each try makes another one; when the first orphan it made becomes its
 * pick (nothing else carries the email as primary), only the link fails again.
 */
import { describe, expect, it } from 'vitest';
import { renderExplanationText } from '../../src/explain/render.js';
import { link } from '../helpers/build.js';
import { build, contact, user } from './fixtures.js';

describe('explain: a failed link that repeats', () => {
  it('the orphan CiviCRM made is found again: the link fails each time, no new contact', () => {
    // user 1's link holds x@ as uf_name; no contact carries x@
    const b = build([user(1, 'new@example.org'), user(2, 'x@example.org'), user(3, 'X@example.org')], [contact(50, 'new@example.org')], [link(1, 50, 'x@example.org')]);
    for (const id of [2, 3]) {
      const e = b.explain(id);
      expect(e.civicrm).toMatchObject({ repeats: true, multiplies: false });
      const text = renderExplanationText(e, { color: false });
      expect(text).toContain('This repeats: the link fails again at every attempt');
      expect(text).not.toContain('another new contact');
    }
    expect(b.explain(3).civicrm.text).toContain("pick the contact it created, unlinked, for user 2's email");
  });

  it('a primary match taken by another user: a new contact at every attempt', () => {
    const b = build([user(1, 'pat@example.org'), user(2, 'Pat@example.org')], [contact(20, 'pat@example.org')]);
    const e = b.explain(2);
    expect(e.civicrm).toMatchObject({ repeats: true, multiplies: true, consequence: 'creates-orphans' });
    expect(renderExplanationText(e, { color: false })).toContain('This repeats: another new contact at every attempt');
    expect(e.headline).toContain('again on every CiviCRM page load');
  });
});
