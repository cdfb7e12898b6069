/**
 * The summary screen before writing keeps its closing lines — what w and Esc do, and how many
 * users stay "review" — on every terminal size: at 80×24 the tables and the warnings pushed
 * them off the bottom (found in tmux by an operator-workflow audit).
 */
import { describe, expect, it } from 'vitest';
import { runSession } from '../../src/tui/session.js';
import { startSession } from './helpers/session.js';
import { tempDir } from '../helpers/tempDir.js';

describe('the summary screen before writing', () => {
  it.each([
    [80, 24],
    [60, 15],
    [50, 12],
    [52, 14],
    [100, 30],
    [160, 50],
  ] as const)('at %i×%i shows the figures and its closing lines, within rows − 1', async (columns, rows) => {
    const out = tempDir('ufm-summary-');
    const s = startSession(runSession, out, [], { columns, rows });
    await s.waitFor(/\[Review \d+\]/);
    s.press('w');
    const screen = await s.waitFor('Summary before writing');
    const flat = screen.replace(/\s+/g, ' ');
    expect(flat).toMatch(/17 users stay "review"\./);
    expect(flat).toContain('w or Enter writes the outputs');
    if (rows >= 24) expect(flat).toContain(`writes the outputs to ${out}`);
    expect(flat).toContain('Esc goes back');
    expect(flat).toMatch(/(Duplicate contacts CiviCRM would create that this plan avoids|Duplicates this plan avoids): 13/);
    if (rows >= 15) expect(flat).toMatch(/Warnings: /);
    expect(flat).toMatch(/keep[\s│]+8\b/);
    expect(screen.replace(/\n$/, '').split('\n').length).toBeLessThanOrEqual(rows - 1);
    if (rows >= 30) expect(screen).toMatch(/│ decision │/);
    s.press('\u001b');
    await s.waitFor('1-9 link');
    s.press('q');
    expect(await s.ended).toBe(0);
  }, 20_000);
});
