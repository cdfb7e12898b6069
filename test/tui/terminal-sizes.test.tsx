import { describe, expect, it } from 'vitest';
import { samplePlan } from './helpers/plans.js';
import { renderOnTerminal, tick } from './helpers/render.js';
import { syntheticPlan } from './helpers/synthetic.js';
import { count } from '../../src/tui/format.js';
import { reviewModel } from '../../src/tui/state/model.js';
import { queueLength } from '../../src/tui/state/queues.js';
import { bindingsIn, HELP_SECTIONS } from '../../src/tui/keys.js';
import { helpPages } from '../../src/tui/components/HelpOverlay.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('terminal manners', () => {
  it('80×24: stacked, never taller than 23 lines', async () => {
    const t = renderOnTerminal(samplePlan().model, 80, 24);
    await tick(80);
    const lines = t.screen().split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(lines[0]).toContain('[Review 6]');
    expect(lines.at(-1)).toContain('? help');
    t.ink.unmount();
  });

  it('200×60: list and detail side by side, using the room', async () => {
    const t = renderOnTerminal(samplePlan().model, 200, 60);
    await tick(80);
    const lines = t.screen().split('\n');
    expect(lines.length).toBeLessThanOrEqual(59);
    const first = lines.find((l) => l.includes('ann@x.org') && l.includes('user 1 ·'));
    expect(first, 'a line with both the list row and the detail header').toBeDefined();
    expect(lines.at(-1)).toMatch(/\/ search {2}\^R redo {2}\? help/);
    t.ink.unmount();
  });

  it('follows a resize from 200×60 down to 80×24 and back up', async () => {
    const t = renderOnTerminal(samplePlan().model, 200, 60);
    await tick(80);
    t.stdout.resize(80, 24);
    await tick(80);
    let lines = t.screen().split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    expect(lines.some((l) => l.includes('user 1 ·') && l.includes('ann@x.org ·'))).toBe(true);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    t.stdout.resize(120, 40);
    await tick(80);
    lines = t.screen().split('\n');
    expect(lines.length).toBeLessThanOrEqual(39);
    t.ink.unmount();
  });

  it('a pane too short for the candidate grid still shows every candidate the keys act on, by number', async () => {
    for (const [columns, rows] of [[60, 15], [50, 12]] as const) {
      const t = renderOnTerminal(samplePlan().model, columns, rows);
      await tick(80);
      const s = t.screen();
      expect(s.split('\n').length).toBeLessThanOrEqual(rows - 1);
      // user 1 has two exact candidates, #101 and #102
      expect(s, `${columns}×${rows}`).toMatch(/1 #101 0\.95 exact/);
      expect(s, `${columns}×${rows}`).toMatch(/2 #102 0\.95 exact/);
      t.ink.unmount();
    }
    // one line each where they fit, with the contact's email and name
    const t = renderOnTerminal(samplePlan().model, 60, 15);
    await tick(80);
    expect(t.screen()).toContain(' 2 #102 0.95 exact · ann@x.org · Annie Cole · free');
    t.ink.unmount();
  });

  it('a long message is read whole on up to three lines, the frame still within the terminal', async () => {
    const report = '--decisions: 2 not applied (line 11: user 40\'s email has changed since the decision was made, so it is not applied; line 12: contact 9 is not in the contacts export)';
    for (const [columns, rows] of [[80, 24], [60, 15], [50, 12], [200, 60]] as const) {
      const t = renderOnTerminal(samplePlan().model, columns, rows, { text: report, tone: 'warn' });
      await tick(80);
      const lines = t.screen().split('\n');
      expect(lines.length, `${columns}×${rows}`).toBeLessThanOrEqual(rows - 1);
      expect(lines.at(-1), `${columns}×${rows}: the hint bar stays last`).toContain('? help');
      const shown = lines.slice(-5, -1).join(' ').replace(/\s+/g, ' ');
      if (columns >= 60) expect(shown, `${columns}×${rows}`).toContain('line 12: contact 9 is not in the contacts export)');
      else expect(shown, `${columns}×${rows}: cut on its third line`).toMatch(/ …$/);
      expect(shown).toContain('! --decisions: 2 not applied');
      t.ink.unmount();
    }
  });

  it('the list keeps the cursor position whole at the end of its header, counts grouped as the tabs group them', async () => {
    const { plan, data } = syntheticPlan(12_000);
    const model = reviewModel(plan, data.contacts);
    for (const columns of [50, 80, 200]) {
      const t = renderOnTerminal(model, columns, 12);
      await tick(80);
      t.stdin.press('G');
      await tick(80);
      const header = t.screen().split('\n')[1]!;
      const queue = t.store.getState();
      const length = queue.phase === 'review' ? queueLength(queue.review.rows, queue.review.queue) : 0;
      // stacked below 150 columns: the list's header is the whole line; side by side, the detail follows it
      if (columns < 150) expect(header.trimEnd(), `${columns} columns`).toMatch(new RegExp(`${count(length)}/${count(length)}$`));
      else expect(header).toContain(` ${count(length)}/${count(length)}│ `);
      expect(length).toBeGreaterThan(999);
      t.ink.unmount();
    }
  });

  it('the help on a small terminal turns in pages, each key with all of its meaning on one of them', async () => {
    for (const [columns, rows] of [[50, 12], [60, 15]] as const) {
      const t = renderOnTerminal(samplePlan().model, columns, rows);
      await tick(80);
      t.stdin.press('?');
      await tick(60);
      const first = t.screen();
      const pages = Number(/Keys, page 1\/(\d+)/.exec(first)?.[1]);
      expect(pages, `${columns}×${rows}`).toBeGreaterThan(1);
      let seen = '';
      for (let p = 0; p < pages; p++) {
        const s = t.screen();
        expect(s).toContain(`page ${p + 1}/${pages}`);
        expect(s.split('\n').length).toBeLessThanOrEqual(rows - 1);
        seen += s + '\n';
        t.stdin.press('j');
        await tick(60);
      }
      expect(t.screen(), 'past the last page: the first again').toContain(`page 1/${pages}`);
      t.stdin.press('k');
      await tick(60);
      expect(t.screen(), 'back from the first: the last').toContain(`page ${pages}/${pages}`);
      for (const b of bindingsIn('review').filter((k) => HELP_SECTIONS.some((h) => h.commands.includes(k.command)))) {
        expect(seen, `${columns}×${rows}: ${b.label}`).toMatch(new RegExp(`^${escape(b.label)} +${escape(b.help)}$`, 'm'));
      }
      t.stdin.press('\u001b');
      await tick(80);
      t.stdin.press('?');
      await tick(60);
      expect(t.screen(), 'opened again: the first page').toContain(`page 1/${pages}`);
      t.ink.unmount();
    }
    // a resize pages the help anew, from its first page
    {
      const t = renderOnTerminal(samplePlan().model, 50, 12);
      await tick(80);
      t.stdin.press('?');
      await tick(60);
      t.stdin.press('j');
      await tick(60);
      expect(t.screen()).toContain('page 2/');
      t.stdout.resize(60, 15);
      await tick(100);
      expect(t.screen()).toMatch(/Keys, page 1\/\d+/);
      t.ink.unmount();
    }
    // no column of any page ends with a section's title, away from its keys
    for (const [width, perColumn] of [[50, 6], [60, 9], [80, 20], [120, 8]] as const) {
      for (const page of helpPages(width, perColumn)) {
        for (const col of page) if (col.lines.length > 1) expect(col.title.at(-1), `${width}×${perColumn}: ${col.lines.at(-1)}`).toBe(false);
      }
    }
    // where it fits, one page as before
    const t = renderOnTerminal(samplePlan().model, 80, 24);
    await tick(80);
    t.stdin.press('?');
    await tick(60);
    expect(t.screen()).toContain('Esc, ? or q closes');
    expect(t.screen()).not.toMatch(/page \d/);
    t.ink.unmount();
  });

  it('a terminal too small says how much room it needs', async () => {
    const t = renderOnTerminal(samplePlan().model, 40, 10);
    await tick(80);
    expect(t.screen().replace(/\s+/g, ' ')).toContain('needs 50×12 at least (now 40×10): enlarge the terminal (Ctrl-C quits)');
    expect(t.screen().split('\n').length).toBeLessThanOrEqual(9);
    t.ink.unmount();
  });

  it('keys do nothing while the terminal is too small to show their effect (Ctrl-C still aborts)', async () => {
    const t = renderOnTerminal(samplePlan().model, 40, 10);
    await tick(80);
    const before = t.store.getState();
    for (const k of ['y', 's', 'c', 'j', 'w', 'q', '1']) {
      t.stdin.press(k);
      await tick(20);
    }
    expect(t.store.getState()).toBe(before);
    t.stdin.press('\u0003');
    await tick(40);
    expect(t.events).toContainEqual({ kind: 'exit', code: 130 });
    t.ink.unmount();
  });

  it('the list window follows the cursor: only visible users are drawn', async () => {
    const t = renderOnTerminal(samplePlan().model, 80, 16);
    await tick(80);
    t.stdin.press('\t');
    await tick(40);
    t.stdin.press('\t');
    await tick(40);
    t.stdin.press('\t');
    await tick(40);
    t.stdin.press('\t');
    await tick(40);
    t.stdin.press('\t'); // All: 11 users, 16 rows leaves room for few
    await tick(40);
    t.stdin.press('G');
    await tick(60);
    const s = t.screen();
    expect(s).toContain('11/11');
    expect(s).toContain('hal@x.org');
    expect(s).not.toContain('ann@x.org');
    t.ink.unmount();
  });

  it('50×12: the quit prompt keeps its three choices and their hints on screen (the long explanation is what is cut)', async () => {
    const t = renderOnTerminal(samplePlan().model, 50, 12);
    await tick(60);
    t.stdin.press('s'); // a decision, so q asks
    await tick(40);
    t.stdin.press('q');
    await tick(60);
    const s = t.screen();
    expect(s.split('\n').length).toBeLessThanOrEqual(11);
    for (const choice of ['write the outputs, then quit', 'quit without writing', 'keep reviewing']) expect(s).toContain(choice);
    expect(s.split('\n').at(-1)).toMatch(/w write and quit {2}q quit unwritten {2}Esc back/);
    // where the decisions are safe: the blank lines give way to it, not the journal's name
    expect(s.replace(/\s+/g, ' ')).toMatch(/are safe in \S*\/decisions\.csv/);
    t.ink.unmount();
  });
});
