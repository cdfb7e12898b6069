/**
 * An email-typo whose contact has a clearly different name (no part shared, swapped or one
 * letter apart) scores below every name-only match: skymoon88@ and skymoon89@ are one edit
 * apart, but Sigríður Díaz is not Léa Mitchell. The review's best candidate — what `y` links —
 * is then the contact with the user's name, not the look-alike address of someone else.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { contact, dataset, user } from '../helpers/build.js';

const lea = { firstName: 'Léa', lastName: 'Mitchell' };

describe('email-typo of a contact with another name', () => {
  it('ranks below a contact with the user\'s name, and the review proposes that one', () => {
    const plan = buildPlan(
      dataset(
        [user(1, 'skymoon88@gmail.com', lea)],
        [contact(10, 'skymoon89@gmail.com', { firstName: 'Sigríður', lastName: 'Díaz' }), contact(20, 'lea.mitchell@gmx.de', lea)],
      ),
    );
    const r = plan.rows[0]!;
    expect(r.candidates.map((c) => [c.contactId, c.score])).toEqual([
      [20, 0.7],
      [10, 0.55],
    ]);
    expect(r.decision).toMatchObject({ action: 'review', contactId: 20 });
    const typo = r.warnings.find((w) => w.code === 'email-typo');
    expect(typo).toMatchObject({ contactId: 10, namesDiffer: true, score: 0.55 });
    expect(typo!.detail).toContain('a possible typo, but the names differ');
  });

  it('a family member (same last name, another first name) is another person too: 0.55', () => {
    const plan = buildPlan(
      dataset([user(1, 'k.wagner@example.org', { firstName: 'Kevin', lastName: 'Wagner' })], [contact(10, 's.wagner@example.org', { firstName: 'Sarah', lastName: 'Wagner' })]),
    );
    expect(plan.rows[0]!.candidates[0]).toMatchObject({ contactId: 10, score: 0.55 });
  });

  it('two edits of another name score 0.45', () => {
    const plan = buildPlan(dataset([user(1, 'skymoon88@gmail.com', lea)], [contact(10, 'skymoon7@gmail.com', { firstName: 'Paul', lastName: 'Kennedy' })]));
    expect(plan.rows[0]!.candidates[0]).toMatchObject({ contactId: 10, score: 0.45 });
  });

  it.each([
    ['a shared first name (a married name?)', { firstName: 'Léa', lastName: 'Durand' }, 0.8],
    ['swapped names', { firstName: 'Mitchell', lastName: 'Léa' }, 0.8],
    ['a one-letter slip in the last name', { firstName: 'Léa', lastName: 'Mitchel' }, 0.8],
    ['no name on the contact', {}, 0.8],
    ['the user\'s own name', lea, 0.9],
  ])('%s keeps the typo\'s score (%#)', (_what, name, score) => {
    const plan = buildPlan(dataset([user(1, 'skymoon88@gmail.com', lea)], [contact(10, 'skymoon89@gmail.com', name)]));
    const r = plan.rows[0]!;
    expect(r.candidates[0]).toMatchObject({ contactId: 10, score });
    expect(r.warnings.find((w) => w.code === 'email-typo')).toMatchObject({ namesDiffer: false });
  });

  it('a Drupal user (no name) keeps the typo\'s score', () => {
    const plan = buildPlan(
      dataset([user(1, 'skymoon88@gmail.com')], [contact(10, 'skymoon89@gmail.com', { firstName: 'Sigríður', lastName: 'Díaz' })], [], 'drupal'),
    );
    expect(plan.rows[0]!.candidates[0]).toMatchObject({ contactId: 10, score: 0.8 });
  });
});
