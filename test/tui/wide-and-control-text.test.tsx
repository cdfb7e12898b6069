/**
 * Names and emails from the exports drawn on a terminal: wide (CJK) characters take two
 * columns, combining accents none, and control characters never reach the terminal. Every
 * list line stays one screen line, in its columns, so a name cannot slide next to another
 * user's row.
 */
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { searchLine } from '../../src/tui/components/MessageLine.js';
import { clip, fit, printable, tailWithin, textWidth, wrapWords } from '../../src/tui/format.js';
import { fitSegments } from '../../src/tui/marked.js';
import { reviewModel } from '../../src/tui/state/model.js';
import { contact, dataset, user } from '../helpers/build.js';
import { renderOnTerminal, tick } from './helpers/render.js';

describe('text cells measured in terminal columns', () => {
  it('makes control characters visible: no bell, escape, carriage return or tab reaches the terminal', () => {
    expect(printable('Bell\u0007 Esc\u001b[31mRed\r\nNext\tTab\u0085\u202eevil\u007f')).toBe('Bell␇ Esc␛[31mRed↵Next Tab\ufffd\ufffdevil␡');
    expect(printable('plain Ann Lee')).toBe('plain Ann Lee');
    expect(printable('李小龍 José')).toBe('李小龍 José');
  });

  it('fits CJK, combining accents and emoji to exact column widths', () => {
    for (const [s, w] of [['李小龍', 5], ['李小龍', 6], ['李小龍', 7], ['José René\u0301e\u0301', 13], ['👩‍👩‍👧 Fam', 6], ['太郎太郎太郎太郎', 9], ['ab', 1]] as const) {
      expect(stringWidth(fit(s, w)), `${s} in ${w}`).toBe(w);
    }
    expect(fit('李小龍', 5)).toBe('李小…');
    expect(fit('李小龍', 6)).toBe('李小龍');
    // a combining accent takes no column: the whole name fits where its code points would not
    expect(clip('José René\u0301e\u0301', 13)).toBe('José René\u0301e\u0301');
    expect(textWidth('René\u0301e\u0301')).toBe(5); // é, then a second accent on it, then e + accent
    expect(clip('ab\u0007cdef', 4)).toBe('ab␇…');
  });

  it('wraps at the width in columns and keeps the end of a long query', () => {
    for (const line of wrapWords('名前 太郎太郎太郎太郎太郎 is 2 edits away; a\u0007b', 7)) expect(stringWidth(line)).toBeLessThanOrEqual(7);
    expect(wrapWords('龍龍', 1)).toEqual(['龍', '龍']);
    expect(tailWithin('abc李小龍', 5)).toBe('小龍');
    const s = searchLine('bronwen', 50);
    expect(s.query).toBe('bronwen');
    expect(2 + stringWidth(s.query) + stringWidth(s.hint)).toBeLessThanOrEqual(50);
    expect(searchLine('x'.repeat(100), 30).query).toBe('…' + 'x'.repeat(27));
  });

  it('fits marked segments of wide text without passing the cell', () => {
    const segs = fitSegments([{ text: '太郎太郎', differs: false }, { text: '花子花子', differs: true }], 11, true);
    expect(stringWidth(segs.map((x) => x.text).join(''))).toBe(11);
  });
});

describe('the review list with wide and hostile names', () => {
  const names: [string, string][] = [
    ['李', '小龍'],
    ['Ann\u0007', 'Apple\u001b[31m'],
    ['Bob\r\nLine', 'Berry\t'],
    ['太郎太郎太郎太郎太郎', '田中田中田中田中'],
    ['Cat', 'Cherry'],
  ];
  const users = names.map(([f, l], i) => user(i + 1, `u${i + 1}@example.com`, { firstName: f, lastName: l }));
  const contacts = names.map(([f, l], i) => contact(10 + i, `u${i + 1}@example.com`, { firstName: f, lastName: l }));
  const data = dataset(users, contacts);
  const model = reviewModel(buildPlan(data), data.contacts, data.links, 'out');

  it.each([
    [80, 24],
    [120, 40],
    [50, 12],
  ])('at %i×%i: one line per user, each row holding its own user’s name, no line wider than the terminal', async (cols, rows) => {
    const t = renderOnTerminal(model, cols, rows);
    await tick(60);
    for (let i = 0; i < 6 && !t.screen().includes('[All'); i++) {
      t.stdin.press('\t'); // to All: every user (none is in review)
      await tick(60);
    }
    expect(t.screen()).toContain('[All 5]');
    const raw = t.stdout.writes.at(-1) ?? '';
    expect(raw).not.toMatch(/\u0007|\r(?!\n)|\t|\u001b\[31m/);
    const lines = t.screen().split('\n');
    expect(lines.length).toBeLessThanOrEqual(rows - 1);
    for (const l of lines) expect(stringWidth(l), l).toBeLessThanOrEqual(cols);
    let rowsSeen = 0;
    for (let i = 1; i <= names.length; i++) {
      const row = lines.filter((l) => l.includes(`u${i}@`) && !l.includes(`user ${i} ·`));
      if (row.length === 0) continue; // below the list's window
      rowsSeen++;
      // that row's name column shows the start of this user's own first name
      expect(row[0], `user ${i}'s row`).toContain(printable(names[i - 1]![0]).slice(0, 2));
    }
    expect(rowsSeen).toBeGreaterThanOrEqual(Math.min(names.length, rows >= 24 ? 5 : 3));
    t.ink.unmount();
  });
});

describe('the queue bar on a narrow terminal', () => {
  it('keeps all six queues and their counts on 50 columns, whatever the counts', async () => {
    const { queueLabels, compact } = await import('../../src/tui/components/QueueTabs.js');
    expect([compact(9_999), compact(12_345), compact(37_891), compact(99_960), compact(150_400), compact(1_234_567)]).toEqual(['9,999', '12.3k', '37.9k', '100k', '150k', '1.2M']);
    for (const counts of [
      { review: 81, link: 300, create: 219, keep: 300, skip: 100, all: 1000 },
      { review: 2109, link: 30_012, create: 37_891, keep: 30_000, skip: 10_000, all: 110_012 },
      { review: 123_456, link: 345_678, create: 234_567, keep: 300_000, skip: 100_000, all: 1_103_701 },
    ]) {
      for (const tail of ['', '  · 12 unwritten']) {
        const { labels, gap } = queueLabels(counts, 50, tail);
        // the queues fit; a tail that does not is cut at the line's end
        const queues = labels.map((l, k) => (k === 0 ? `[${l}]` : l)).join(gap);
        expect(queues.length, queues).toBeLessThanOrEqual(50);
        expect(labels).toHaveLength(6);
        expect(labels.every((l) => /\d/.test(l))).toBe(true);
      }
      // the full names whenever they fit
      expect(queueLabels(counts, 200, '').labels[0]).toMatch(/^Review /);
    }
  });
});

describe('text helpers at their edges', () => {
  it('a width of 0 or less gives nothing, not a one-column …; a line one column wide takes a flag whole', () => {
    expect(clip('abc', 0)).toBe('');
    expect(clip('abc', -3)).toBe('');
    expect(fit('abc', 0)).toBe('');
    expect(wrapWords('🇺🇸🇫🇷 🇺🇸🇫🇷🇺🇸🇫🇷', 1)).toEqual(['🇺🇸', '🇫🇷', '🇺🇸', '🇫🇷', '🇺🇸', '🇫🇷']);
  });

  it('the search line never passes its width, and the cursor stays on it', () => {
    for (const [q, w] of [['abcdefgh', 10], ['x'.repeat(30), 10], ['李小龍李小龍', 9]] as const) {
      const s = searchLine(q, w);
      expect(2 + stringWidth(s.query) + stringWidth(s.hint), `${q} in ${w}`).toBeLessThanOrEqual(w);
    }
  });
});
