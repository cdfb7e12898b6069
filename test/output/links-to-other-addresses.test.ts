/**
 * A link the operator makes to a contact found by a typo, an alias or the name: CiviCRM keeps it
 * once loaded, but the contact still lacks the user's address, and the next run on a fresh
 * export calls it stale-link. summary.txt says so beforehand, with what to do (a migration
 * rehearsal found five such warnings on its second run that the first had not mentioned).
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import type { Plan } from '../../src/domain/decisions.js';
import { linksToOtherAddresses } from '../../src/domain/linksToOtherAddresses.js';
import { buildSummary, summaryText } from '../../src/output/summary.js';
import { contact, dataset, link, user } from '../helpers/build.js';

const users = [
  user(1, 'jane.doe@gmail.com', { firstName: 'Jane', lastName: 'Doe' }), // a typo of contact 10's
  user(2, 'bob@x.org', { firstName: 'Bob', lastName: 'Ray' }), // exact
];
const contacts = [
  contact(10, 'jane.doe@gmial.com', { firstName: 'Jane', lastName: 'Doe' }),
  contact(20, 'bob@x.org', { firstName: 'Bob', lastName: 'Ray' }),
];

/** The plan after the operator linked user 1 to the typo's contact. */
function picked(): Plan {
  const plan = buildPlan(dataset(users, contacts));
  return { ...plan, rows: plan.rows.map((r) => (r.user.ufId === 1 ? { ...r, decision: { action: 'link' as const, contactId: 10, reason: 'operator' as const, decidedBy: 'operator' as const } } : r)) };
}

describe('links to a contact without the user\'s email', () => {
  it('are the operator\'s links to a typo, alias or name match; an exact link is not one', () => {
    const plan = picked();
    expect(plan.rows[1]!.decision).toMatchObject({ action: 'link', contactId: 20 });
    expect(linksToOtherAddresses(plan)).toEqual([{ ufId: 1, contactId: 10, basis: 'email-typo' }]);
  });

  it("and a decisions file's link to a contact ufmatch did not list (it lists every contact with the user's email)", () => {
    const plan = picked();
    const bob = { ...plan, rows: plan.rows.map((r) => (r.user.ufId === 2 ? { ...r, decision: { action: 'link' as const, contactId: 10, reason: 'decisions-file' as const, decidedBy: 'decisions-file' as const } } : r)) };
    expect(linksToOtherAddresses(bob)).toEqual([
      { ufId: 1, contactId: 10, basis: 'email-typo' },
      { ufId: 2, contactId: 10, basis: 'not-a-candidate' },
    ]);
  });

  it('summary.txt names them and what to do, which is what the next run would otherwise report as stale-link', () => {
    const plan = picked();
    const s = buildSummary(plan, { inputs: { users: { path: 'u', rows: 2, sha256: '' }, contacts: { path: 'c', rows: 2, sha256: '' } }, version: 't', elapsedMs: 1 });
    const text = summaryText(s, { otherAddresses: linksToOtherAddresses(plan) });
    expect(text).toContain("1 link joins a user to a contact without their email (user 1 → contact 10, a typo away from their address). CiviCRM keeps such a link, but correct the contact's address");
    // the next run, once uf_match.sql is loaded: the link is kept, and called stale
    const next = buildPlan(dataset(users, contacts, [link(1, 10, 'jane.doe@gmail.com')]));
    expect(next.rows[0]!.decision).toMatchObject({ action: 'keep', contactId: 10 });
    expect(next.rows[0]!.warnings.map((w) => w.code)).toContain('stale-link');
    expect(summaryText(s, { otherAddresses: [] })).not.toContain('without their email');
  });
});
