/**
 * `1`–`9` link only a candidate the detail pane shows with its number. On a small terminal the
 * pane has room for few of them (one per line, the rest named on a last line while they fit),
 * and a digit for one off screen linked a contact the operator never saw (found by re-checking
 * the small-terminal pane in tmux). The pane and the reducer read the same layout.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { candidatesOnScreen } from '../../src/tui/detailLayout.js';
import { reviewModel } from '../../src/tui/state/model.js';
import { contact, dataset, user } from '../helpers/build.js';
import { renderOnTerminal, tick } from './helpers/render.js';

/** Pat, whose email seven contacts carry: a review with seven exact candidates, #101–#107. */
function sevenCarriers() {
  const data = dataset([user(1, 'pat@example.org', { firstName: 'Pat', lastName: 'Quinn' })], Array.from({ length: 7 }, (_, k) => contact(101 + k, 'pat@example.org')));
  const plan = buildPlan(data);
  return { model: reviewModel(plan, data.contacts), row: plan.rows[0]! };
}

describe('digits act only on the candidates on screen', () => {
  it.each([
    [50, 12],
    [60, 15],
    [80, 24],
    [200, 60],
  ] as const)('%i×%i: every candidate counted as shown is on screen with its number, and a digit past them links nothing', async (columns, rows) => {
    const { model, row } = sevenCarriers();
    expect(row.candidates).toHaveLength(7);
    const t = renderOnTerminal(model, columns, rows);
    await tick(100);
    const state = t.store.getState();
    if (state.phase !== 'review' || state.review.detailSize === null) throw new Error('no review with a known detail size');
    const { width, height } = state.review.detailSize;
    const shown = candidatesOnScreen(row, 'wordpress', width, height);
    const screen = t.screen();
    for (let k = 1; k <= 7; k++) {
      const mark = new RegExp(`(^|[ →:])${k} #${100 + k} 0\\.95`, 'm');
      if (k <= shown) expect(screen, `${columns}×${rows}: candidate ${k} is counted as shown`).toMatch(mark);
      else expect(screen, `${columns}×${rows}: candidate ${k} is not counted as shown`).not.toMatch(mark);
    }
    if (shown < 7) {
      t.stdin.press(String(shown + 1));
      await tick(60);
      const after = t.store.getState();
      if (after.phase !== 'review') throw new Error('left the review');
      expect(after.review.rows.decision(0).action).toBe('review');
      expect(t.screen().replace(/\s+/g, ' ')).toContain(`candidate ${shown + 1} is off screen; ${shown > 1 ? `1–${shown} are` : shown === 1 ? '1 is' : 'none is'} shown`);
    }
    // the refusal is one line: it takes no line from the pane, so it hides no candidate
    const now = t.store.getState();
    if (now.phase !== 'review' || now.review.detailSize === null) throw new Error('left the review');
    const shownNow = candidatesOnScreen(row, 'wordpress', now.review.detailSize.width, now.review.detailSize.height);
    expect(shownNow).toBe(shown);
    if (shownNow > 0) {
      expect(t.screen()).toMatch(new RegExp(`(^|[ →:])${shownNow} #${100 + shownNow} 0\\.95`, 'm'));
      t.stdin.press(String(shownNow));
      await tick(60);
      const after = t.store.getState();
      if (after.phase !== 'review') throw new Error('left the review');
      expect(after.review.rows.decision(0)).toMatchObject({ action: 'link', contactId: 100 + shownNow });
    }
    t.ink.unmount();
  });

  it('the small terminals show fewer than seven, the big one all of them', () => {
    const { row } = sevenCarriers();
    expect(candidatesOnScreen(row, 'wordpress', 50, 3)).toBeLessThan(7);
    expect(candidatesOnScreen(row, 'wordpress', 200, 40)).toBe(7);
  });
});
