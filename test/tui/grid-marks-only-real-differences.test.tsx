/**
 * The candidate grid's = and ≠ say whether the contact's value is the user's. Three cases marked
 * a difference that is none, or none where there is one (found in tmux by an operator-workflow
 * audit): a contact's middle name made "Daniel" ≠ "Daniel Chidi"; a name typed with a combining
 * accent was ≠ the same name precomposed; a contact without an email showed a blank cell.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { reviewModel } from '../../src/tui/state/model.js';
import { compareValues, markDifference } from '../../src/tui/diff.js';
import { contact, dataset, user } from '../helpers/build.js';
import { renderOnTerminal, tick } from './helpers/render.js';

async function gridOf(users: Parameters<typeof dataset>[0], contacts: Parameters<typeof dataset>[1]): Promise<string[]> {
  const data = dataset(users, contacts);
  const plan = buildPlan(data);
  const t = renderOnTerminal(reviewModel(plan, data.contacts), 120, 40);
  await tick(100);
  const lines = t.screen().split('\n');
  t.ink.unmount();
  return lines;
}

const rowOf = (lines: string[], label: string): string => lines.find((l) => l.startsWith(`${label} `)) ?? '';

describe('the candidate grid marks only real differences', () => {
  it('a contact\'s middle name does not make the user\'s first name differ', async () => {
    const lines = await gridOf(
      [user(1, 'dan@example.org', { firstName: 'Daniel', lastName: 'Okafor' }), user(2, 'dan@example.org', { firstName: 'Daniel', lastName: 'Okafor' })],
      [contact(10, 'dan@example.org', { firstName: 'Daniel', middleName: 'Chidi', lastName: 'Okafor', displayName: 'Daniel Okafor' }), contact(11, 'd.okafor@example.org', { firstName: 'Dani', middleName: 'C', lastName: 'Okafor' })],
    );
    const first = rowOf(lines, 'first');
    expect(first).toMatch(/= Daniel Chidi/);
    expect(first).not.toMatch(/≠ Daniel Chidi/);
  });

  it('two names typed into the first-name field are the contact\'s first and middle names', async () => {
    const lines = await gridOf(
      [user(1, 'mary@example.org', { firstName: 'Mary Ann', lastName: 'Fox' }), user(2, 'mary@example.org', { firstName: 'Mary Ann', lastName: 'Fox' })],
      [contact(10, 'mary@example.org', { firstName: 'Mary', middleName: 'Ann', lastName: 'Fox', displayName: 'Mary Fox' }), contact(11, 'm.fox@example.org', { firstName: 'Mary', middleName: 'Jo', lastName: 'Fox' })],
    );
    const first = rowOf(lines, 'first');
    expect(first).toMatch(/= Mary Ann/);
  });

  it('a name in another Unicode form is the same name', () => {
    const combining = 'Rene\u0301';
    expect(compareValues(combining, 'René')).toBe('same');
    expect(markDifference(combining, 'René')).toEqual([{ text: 'René', differs: false }]);
    expect(compareValues('Rene', 'René')).toBe('differs');
  });

  it('a contact without an email says "(none)", marked as differing', async () => {
    const lines = await gridOf(
      [user(1, 'zoe.novak@example.org', { firstName: 'Zoe', lastName: 'Novak' })],
      [contact(10, [], { firstName: 'Zoe', lastName: 'Novak', displayName: 'Zoe Novak' }), contact(11, 'zoe.novak@exmaple.org', { firstName: 'Zoe', lastName: 'Novak', displayName: 'Zoe Novak' })],
    );
    const email = rowOf(lines, 'email');
    expect(email, lines.join('\n')).toMatch(/≠ \(none\)/);
  });
});
