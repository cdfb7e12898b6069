/**
 * A review's proposal among free candidates of equal score names the one with the user's name,
 * as it does when none is free (review-proposal-among-equals.test.ts). Eva Ekberg's address is
 * two edits from Eva Berg's (a shared first name keeps the typo's 0.70) and another Eva Ekberg
 * has the same name under another address (name-match, 0.70): the lower id, Eva Berg, was
 * proposed — someone else's look-alike address over the user's namesake (from-spec oracle,
 * generated placeholder/look-alike cases).
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { contact, dataset, user } from '../helpers/build.js';

describe("a review's proposal among free candidates of equal score", () => {
  it("is the contact with the user's name, listed first among its equals", () => {
    const eva = user(1, 'eva.ekberg@example.org', { firstName: 'Eva', lastName: 'Ekberg' });
    const plan = buildPlan(dataset([eva], [
      contact(8, 'eva.berg@example.org', { firstName: 'Eva', lastName: 'Berg' }),
      contact(27, 'office@mailbox.test', { firstName: 'Eva', lastName: 'Ekberg' }),
    ], [], 'joomla'));
    const r = plan.rows[0]!;
    expect(r.warnings.map((w) => w.code).sort()).toEqual(['email-typo', 'name-match']);
    expect(r.candidates.map((c) => c.score)).toEqual([0.7, 0.7]);
    expect(r.decision).toMatchObject({ action: 'review', contactId: 27 });
    expect(r.candidates[0]!.contactId).toBe(27);
  });

  it('a higher-scored free candidate of another name still comes first', () => {
    // one edit (0.80) from Eva Berg's address beats the namesake's 0.70
    const plan = buildPlan(dataset([user(1, 'eva.bergg@example.org', { firstName: 'Eva', lastName: 'Ekberg' })], [
      contact(8, 'eva.berg@example.org', { firstName: 'Eva', lastName: 'Berg' }),
      contact(27, 'office@mailbox.test', { firstName: 'Eva', lastName: 'Ekberg' }),
    ]));
    expect(plan.rows[0]!.decision).toMatchObject({ action: 'review', contactId: 8 });
  });
});
