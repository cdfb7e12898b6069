/**
 * summary.json's `duplicates_avoided` counts the users explain says CiviCRM would make a
 * duplicate (or orphan) contact for, where the plan makes none: one rule (domain/duplicates.ts).
 * The summary used to count any user with a candidate, so a user whose only exact match is an
 * Organization counted, though explain rightly said the new Individual duplicates no one
 * (samples: 15 in the summary, 13 by explain; 200k / 50k: 6,902 against 6,747).
 */
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/args.js';
import { loadDataset } from '../../src/cli/loadDataset.js';
import { silentProgress } from '../../src/cli/progress.js';
import { buildPlan } from '../../src/decide/plan.js';
import { contactDirectory } from '../../src/explain/contactDirectory.js';
import { explainUser } from '../../src/explain/explainUser.js';
import { civicrmFigures } from '../../src/output/summary.js';
import { build, contact, named, person, user } from '../explain/fixtures.js';

describe('duplicates_avoided', () => {
  it('a user whose only exact match is an Organization: CiviCRM makes a new Individual, which duplicates no one', () => {
    const b = build([user(1, 'info@acme.org', person('Ann', 'Acme'))], [contact(10, 'info@acme.org', { type: 'Organization', displayName: 'Acme Ltd' })]);
    expect(b.row(1).warnings.map((w) => w.code)).toContain('non-individual-match');
    expect(b.row(1).decision.action).not.toBe('create');
    expect(b.explain(1).civicrm.duplicates_contact_id).toBeNull();
    expect(civicrmFigures(b.plan).duplicates_avoided).toBe(0);
  });

  it('a user whose only exact match is in the trash: a duplicate of it, counted', () => {
    const b = build([user(1, 'ann@x.org', person('Ann', 'Lee'))], [contact(10, 'ann@x.org', { ...named('Ann', 'Lee'), deleted: true })]);
    expect(b.explain(1).civicrm.duplicates_contact_id).toBe(10);
    expect(civicrmFigures(b.plan).duplicates_avoided).toBe(1);
  });

  it.each([
    ['wordpress-users.csv', 'contacts-ui.csv'],
    ['drupal-users.csv', 'contacts-api.csv'],
    ['joomla-users.csv', 'contacts-ui.csv'],
  ])('%s: the summary counts exactly the users explain says CiviCRM duplicates or orphans a contact for, where the plan does not create', async (users, contacts) => {
    const s = (f: string) => `samples/${f}`;
    const o = parseCommandLine(['--users', s(users), '--contacts', s(contacts), '--links', s('uf_match.csv'), '--emails', s('emails.csv'), '--yes']);
    if (o.command !== 'run') throw new Error('not a run');
    const { data } = await loadDataset(o, silentProgress);
    const plan = buildPlan(data);
    const dir = contactDirectory(data.contacts);
    const byExplain = plan.rows.filter((r) => {
      const c = explainUser(plan, r, dir, data.links).civicrm;
      return r.decision.action !== 'create' && (c.duplicates_contact_id !== null || c.consequence === 'creates-orphans');
    }).length;
    expect(byExplain).toBeGreaterThan(0);
    expect(civicrmFigures(plan).duplicates_avoided).toBe(byExplain);
  });
});
