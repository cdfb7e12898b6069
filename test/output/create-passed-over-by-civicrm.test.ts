/**
 * A `create` CiviCRM will not honour: the contact ufmatch creates is imported with the user's
 * email as its primary address and the highest id, and CiviCRM's email match takes the primary
 * address with the lowest id — an existing contact's, where one has the address as primary.
 * A migration rehearsal found the operator's `c` on a shared address ended with the user linked
 * to the contact the operator had turned down, the imported one unlinked, and no word of it.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { createsPassedOver, emailPickOverCreate } from '../../src/domain/createPassedOver.js';
import type { Decision, Plan } from '../../src/domain/decisions.js';
import { buildSummary, summaryText } from '../../src/output/summary.js';
import { contact, dataset, user } from '../helpers/build.js';
import { apply, at, create, start } from '../tui/helpers/review.js';
import { UF } from '../tui/helpers/plans.js';

const created: Decision = { action: 'create', reason: 'operator', decidedBy: 'operator' };

/** The plan with every user's decision set to create, as an operator's c or a decisions file would. */
function allCreated(plan: Plan): Plan {
  return { ...plan, rows: plan.rows.map((r) => ({ ...r, decision: created })) };
}

describe('a create CiviCRM passes over', () => {
  const data = dataset(
    [
      user(7, 'office@x.org', { firstName: 'Hal', lastName: 'Nobody' }), // two contacts have it as primary
      user(8, 'second@x.org'), // only as a second address: the imported contact (primary) is found
      user(9, 'gone@x.org'), // only a trashed contact has it
      user(10, 'new@x.org'), // nobody has it
    ],
    [
      contact(1009, 'office@x.org', { firstName: 'Olive', lastName: 'Office' }),
      contact(1008, 'office@x.org', { firstName: 'Otto', lastName: 'Office' }),
      contact(1010, ['main@x.org', 'second@x.org']),
      contact(1011, 'gone@x.org', { deleted: true }),
    ],
  );

  it('is a create whose email an existing usable contact has as its primary address: CiviCRM takes the lowest such id', () => {
    const plan = allCreated(buildPlan(data));
    expect(plan.rows.map((r) => emailPickOverCreate(r))).toEqual([1008, null, null, null]);
    expect(createsPassedOver(plan)).toEqual([{ ufId: 7, contactId: 1008 }]);
    // not a create: nothing to pass over
    expect(emailPickOverCreate(buildPlan(data).rows[0]!)).toBeNull();
  });

  it('summary.txt says so and what to do; it says nothing when there is none', () => {
    const plan = allCreated(buildPlan(data));
    const s = buildSummary(plan, { inputs: { users: { path: 'u', rows: 4, sha256: '' }, contacts: { path: 'c', rows: 4, sha256: '' } }, version: 't', elapsedMs: 1 });
    const text = summaryText(s, { passedOver: createsPassedOver(plan) });
    expect(text).toContain("1 user is to get a new contact (contacts-to-create.csv) that CiviCRM's email match will pass over");
    expect(text).toContain('(user 7 → contact 1008; action=create in links.csv');
    expect(text).toContain('link the new contact to its user in civicrm_uf_match yourself');
    expect(summaryText(s, { passedOver: [] })).not.toContain('pass over');
  });

  it("the review's c on a shared address says which contact CiviCRM takes instead", () => {
    const s = apply(at(start(), UF.sharedEmail), create);
    expect(s.message).toEqual({
      tone: 'warn',
      text: `user ${UF.sharedEmail} → create a new contact, but CiviCRM takes contact 101 by email when it links them: link the new one by hand after the import · u undoes`,
    });
    const fresh = apply(at(start(), UF.trashed), create); // only a trashed contact has it: the imported one is found
    expect(fresh.message?.tone).toBe('info');
  });
});
