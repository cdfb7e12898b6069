/**
 * The warnings that sent a user to review stay on screen beside many candidates. At 80×24 a
 * user with five candidates (typos of her address, contacts of her name) got the whole grid and
 * "+5 more warnings" where the ★ lines should be; at 60×15 not even that line (found in tmux
 * by an operator-workflow audit). The pane keeps a line for the first warning, strong ones
 * first, and one for "+N more".
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { candidatesOnScreen } from '../../src/tui/detailLayout.js';
import { reviewModel } from '../../src/tui/state/model.js';
import { contact, dataset, user } from '../helpers/build.js';
import { renderOnTerminal, tick } from './helpers/render.js';

/** Anna, whose address three contacts nearly have and two others of her name do not. */
function annaWithFiveCandidates() {
  const named = { firstName: 'Anna', lastName: 'Roberts', displayName: 'Anna Roberts' };
  const data = dataset(
    [user(1, 'aroberts@gmail.com', { firstName: 'Anna', lastName: 'Roberts' })],
    [
      contact(101, 'aroberts@gmial.com', { firstName: 'Andrew', lastName: 'Roberts', displayName: 'Andrew Roberts' }),
      contact(102, 'arobert@gmail.com', { firstName: 'Amy', lastName: 'Robertson', displayName: 'Amy Robertson' }),
      contact(103, 'aroberts@gmail.co', { firstName: 'Al', lastName: 'Roberts', displayName: 'Al Roberts' }),
      contact(104, 'anna.r@bluewin.ch', named),
      contact(105, 'sunnytiger49@example.org', named),
    ],
  );
  const plan = buildPlan(data);
  return { model: reviewModel(plan, data.contacts), row: plan.rows[0]! };
}

describe('strong warnings stay on screen beside many candidates', () => {
  it('the user has five candidates and five strong warnings', () => {
    const { row } = annaWithFiveCandidates();
    expect(row.candidates).toHaveLength(5);
    expect(row.warnings.map((w) => w.code).sort()).toEqual(['email-typo', 'email-typo', 'email-typo', 'name-match', 'name-match']);
    expect(row.decision.action).toBe('review');
  });

  it.each([
    [80, 24],
    [60, 15],
    [100, 30],
    [200, 60],
  ] as const)('%i×%i: a ★ warning is shown, and the rest are counted', async (columns, rows) => {
    const { model, row } = annaWithFiveCandidates();
    const t = renderOnTerminal(model, columns, rows);
    await tick(100);
    const screen = t.screen();
    const lines = screen.split('\n');
    expect(lines.length).toBeLessThanOrEqual(rows - 1);
    const starred = lines.filter((l) => /★ (email-typo|name-match) \d\.\d\d:/.test(l));
    expect(starred.length, `${columns}×${rows}:\n${screen}`).toBeGreaterThan(0);
    // the first shown is the best-scored of them, as the first candidate is
    expect(starred[0]).toMatch(/★ name-match 0\.70:/);
    const more = /\+(\d+) more warnings?/.exec(screen);
    // every warning is either on screen (its first line) or counted
    const warningLines = lines.filter((l) => /[★·] [a-z-]+ \d\.\d\d:/.test(l)).length;
    expect(warningLines + (more ? Number(more[1]) : 0)).toBe(row.warnings.length);
    // and at least one candidate still carries its number (1–9 act on what is shown)
    const state = t.store.getState();
    if (state.phase !== 'review' || state.review.detailSize === null) throw new Error('no review with a known detail size');
    expect(candidatesOnScreen(row, 'wordpress', state.review.detailSize.width, state.review.detailSize.height)).toBeGreaterThan(0);
    t.ink.unmount();
  });
});
