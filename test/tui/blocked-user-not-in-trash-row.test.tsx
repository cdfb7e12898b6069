/**
 * A blocked CMS user is said on the detail pane's first line (BLOCKED), not in the grid's trash
 * row, where "trash  blocked  ! IN TRASH" read as the contact's state (found in tmux).
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { reviewModel } from '../../src/tui/state/model.js';
import { contact, dataset, user } from '../helpers/build.js';
import { renderOnTerminal, tick } from './helpers/render.js';

describe('a blocked user in the detail pane', () => {
  it('is BLOCKED on the first line, and the trash row holds only the contacts’ state', async () => {
    const data = dataset([user(4, 'ida@example.org', { firstName: 'Ida', lastName: 'Berg', blocked: true })], [contact(40, 'ida@example.org', { firstName: 'Ida', lastName: 'Berg', deleted: true })], [], 'drupal');
    const plan = buildPlan(data);
    const t = renderOnTerminal(reviewModel(plan, data.contacts), 120, 40);
    await tick(100);
    const lines = t.screen().split('\n');
    expect(lines.find((l) => l.startsWith('user 4 · '))).toMatch(/BLOCKED/);
    expect(lines.find((l) => l.startsWith('trash '))).toMatch(/^trash\s+! IN TRASH/);
    t.ink.unmount();
  });
});
