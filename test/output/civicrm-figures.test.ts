/**
 * summary.json's `civicrm` figures (SPEC §5.4): what CiviCRM's own batch would report.
 * Drupal's batch selects users with `mail != ''`, which MySQL compares ignoring trailing
 * spaces: an email of spaces only is not checked. WordPress's batch walks every user, and so
 * does Joomla's: its `$query->where($mail != '')` passes PHP's `true`, so the SQL is `WHERE 1`.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { civicrmFigures } from '../../src/output/summary.js';
import { contact, dataset, user } from '../helpers/build.js';

describe('civicrm.checked', () => {
  const users = [user(1, 'a@example.org'), user(2, ''), user(3, '   '), user(4, '\tb@example.org')];
  const contacts = [contact(10, 'a@example.org')];

  it('drupal: users whose email is empty or spaces only are not checked', () => {
    const f = civicrmFigures(buildPlan(dataset(users, contacts, [], 'drupal')));
    expect(f.checked).toBe(2);
  });

  it.each(['wordpress', 'joomla'] as const)('%s: every user is checked, and the users without an email are counted as the batch counts them', (platform) => {
    const f = civicrmFigures(buildPlan(dataset(users, contacts, [], platform)));
    // 1 links contact 10, 2 gets a contact and the empty uf_name (both "created"), 3 a contact
    // and a failed link ("matching"), 4 links a new contact
    expect(f).toEqual({ checked: 4, matching: 1, created: 3, duplicates_avoided: 1 });
  });
});
