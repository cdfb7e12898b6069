/**
 * The grid's link row tells a contact held by an existing link in CiviCRM from one ufmatch's
 * plan gives another user: both read "! user 1", and an operator took a proposal for a link
 * that CiviCRM holds (found in tmux by an operator-workflow audit).
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { reviewModel } from '../../src/tui/state/model.js';
import { contact, dataset, link, user } from '../helpers/build.js';
import { renderOnTerminal, tick } from './helpers/render.js';

describe("the grid's link row", () => {
  it('says (plan) for a contact the plan gives another user, (link) for one an existing link holds', async () => {
    const data = dataset(
      [
        user(1, 'ann.smith@example.org', { firstName: 'Ann', lastName: 'Smith' }), // linked to #10 automatically
        user(2, 'ann.smith@exampel.org', { firstName: 'Ann', lastName: 'Smith' }), // a typo of #10's address: review
        user(3, 'bo.ray@exampel.org', { firstName: 'Bo', lastName: 'Ray' }), // a typo of #20's, which user 9's link holds
      ],
      [contact(10, 'ann.smith@example.org', { firstName: 'Ann', lastName: 'Smith' }), contact(20, 'bo.ray@example.org', { firstName: 'Bo', lastName: 'Ray' })],
      [link(9, 20, 'bo.old@example.org')],
    );
    const plan = buildPlan(data);
    expect(plan.rows.map((r) => r.decision.action)).toEqual(['link', 'review', 'review']);
    const t = renderOnTerminal(reviewModel(plan, data.contacts, data.links), 120, 40);
    await tick(100);
    const linkRow = () => t.screen().split('\n').find((l) => l.startsWith('link ')) ?? '';
    expect(t.screen()).toMatch(/user 2 · ann\.smith@exampel\.org/);
    expect(linkRow()).toMatch(/! user 1 \(plan\)/);
    t.stdin.press('j');
    await tick(80);
    expect(t.screen()).toMatch(/user 3 · bo\.ray@exampel\.org/);
    expect(linkRow()).toMatch(/! user 9 \(link\)/);
    t.ink.unmount();
  });
});
