/**
 * A user whose address is not valid, carried only by a trashed contact or an Organization, gets
 * deleted-match / non-individual-match as a valid one does. Their fix must not send the operator
 * to the review's link or c for that user: the review refuses both for an invalid address
 * ("has an invalid email — s skips it").
 */
import { describe, expect, it } from 'vitest';
import { build, contact, fixText, named, person, user } from './fixtures.js';

describe('explain: an invalid address carried only by a contact CiviCRM passes over', () => {
  it('in the trash: the steps wait for the corrected address, no c', () => {
    const e = build([user(1, 'anna@example', person('Anna', 'Berg'))], [contact(10, 'anna@example', { ...named('Anna', 'Berg'), deleted: true })]).explain(1);
    const fix = fixText(e, 'deleted-match');
    expect(fix).toContain('Restore from Trash');
    expect(fix).not.toContain('(c)');
    expect(fix).toContain('once its address is corrected');
  });

  it('an Organization: no "ufmatch review: c"', () => {
    const e = build([user(1, 'bob@example', person('Bob', 'Ray'))], [contact(11, 'bob@example', { type: 'Organization', displayName: 'Acme' })]).explain(1);
    const fix = fixText(e, 'non-individual-match');
    expect(fix).not.toContain('ufmatch review: c');
    expect(fix).toContain('a valid personal email');
  });
});
