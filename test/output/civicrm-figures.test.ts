/**
 * summary.json's `civicrm` figures (SPEC §5.4): what CiviCRM's own batch would report.
 * Drupal's and Joomla's batches select users with `mail != ''`, which MySQL compares ignoring
 * trailing spaces: an email of spaces only is not checked; WordPress's batch walks every user.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { civicrmFigures } from '../../src/output/summary.js';
import { contact, dataset, user } from '../helpers/build.js';

describe('civicrm.checked', () => {
  const users = [user(1, 'a@example.org'), user(2, ''), user(3, '   '), user(4, '\tb@example.org')];
  const contacts = [contact(10, 'a@example.org')];

  it.each(['drupal', 'joomla'] as const)('%s: users whose email is empty or spaces only are not checked', (platform) => {
    const f = civicrmFigures(buildPlan(dataset(users, contacts, [], platform)));
    expect(f.checked).toBe(2);
  });

  it('wordpress: every user is checked', () => {
    expect(civicrmFigures(buildPlan(dataset(users, contacts, [], 'wordpress'))).checked).toBe(4);
  });
});
