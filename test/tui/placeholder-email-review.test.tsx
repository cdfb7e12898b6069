/**
 * A user whose email a placeholder puts on many contacts: the review shows the candidates the
 * plan keeps, says how many more carry the email, stays within the terminal, and `y` links the
 * proposal even when it ranks past the first twenty of its equals.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { reviewModel } from '../../src/tui/state/model.js';
import { contact, dataset, user } from '../helpers/build.js';
import { renderApp } from './helpers/render.js';

function placeholderReview() {
  const contacts = [];
  for (let id = 1; id <= 60; id++) contacts.push(contact(id, 'noemail@example.org', { firstName: `P${id}`, lastName: `Q${id}` }));
  const users = [];
  for (let ufId = 1; ufId <= 30; ufId++) users.push(user(ufId, 'noemail@example.org'));
  const data = dataset(users, contacts);
  const plan = buildPlan(data);
  return { plan, model: reviewModel(plan, data.contacts, data.links, 'out') };
}

describe('the review of a placeholder email', () => {
  it('says how many more contacts carry the email, within the terminal', async () => {
    const { model } = placeholderReview();
    const t = renderApp(model, { rows: 30, color: false });
    await t.type('G'); // user 30: 21 candidates listed, 39 more
    const frame = t.frame();
    expect(frame).toContain('39 more contacts carry this email (not listed)');
    expect(frame.split('\n').length).toBeLessThanOrEqual(29);
    t.ui.unmount();
  });

  it('y links user 30 to its proposal, contact 30, listed though past the first twenty by id', async () => {
    const { model, plan } = placeholderReview();
    const last = plan.rows[29]!;
    // each user the lowest contact no earlier user holds
    expect(last.proposal).toMatchObject({ action: 'review', contactId: 30 });
    expect(last.candidates.slice(0, 21).map((c) => c.contactId)).toEqual([30, ...Array.from({ length: 20 }, (_, i) => i + 1)]);
    const t = renderApp(model, { rows: 30, color: false });
    await t.type('G', 'y');
    const state = t.store.getState();
    expect(state.phase).toBe('review');
    if (state.phase === 'review') expect(state.review.rows.decision(29)).toMatchObject({ action: 'link', contactId: 30, decidedBy: 'operator' });
    t.ui.unmount();
  });
});
