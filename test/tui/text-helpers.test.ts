import chalk from 'chalk';
import { describe, expect, it } from 'vitest';
import { allotLines, withoutCivicrm } from '../../src/tui/components/DetailPane.js';
import { warningLines } from '../../src/tui/components/SummaryScreen.js';
import { fitSegments, markedText } from '../../src/tui/marked.js';
import { compareValues, markDifference } from '../../src/tui/diff.js';
import { listColumns } from '../../src/tui/components/UserList.js';
import { bar, clip, clipApart, fit, wrapWords } from '../../src/tui/format.js';
import { splitKeys } from '../../src/tui/keyName.js';

describe('marking the differing part', () => {
  it('marks what a typo changed, keeping the common start and end', () => {
    expect(markDifference('jane@gmail.com', 'jane@gmial.com')).toEqual([
      { text: 'jane@gm', differs: false },
      { text: 'ia', differs: true },
      { text: 'l.com', differs: false },
    ]);
  });

  it('marks each edit of a value a few edits away, and where the user\'s characters are missing', () => {
    // Gmail's dots dropped: two places, not the o between them
    expect(markDifference('j.o.doe@gmail.com', 'jodoe@gmail.com')).toEqual([
      { text: 'j', differs: false },
      { text: '', differs: true },
      { text: 'o', differs: false },
      { text: '', differs: true },
      { text: 'doe@gmail.com', differs: false },
    ]);
    expect(markDifference('jodoe@gmail.com', 'j.o.doe@gmail.com')).toEqual([
      { text: 'j', differs: false },
      { text: '.', differs: true },
      { text: 'o', differs: false },
      { text: '.', differs: true },
      { text: 'doe@gmail.com', differs: false },
    ]);
    // two edits far apart: each marked, not everything between them
    expect(markDifference('kathrine.smith@example.org', 'katherine.smit@example.org')).toEqual([
      { text: 'kath', differs: false },
      { text: 'e', differs: true },
      { text: 'rine.smit', differs: false },
      { text: '', differs: true },
      { text: '@example.org', differs: false },
    ]);
  });

  it('marks one block over the middle of values more than a few edits apart', () => {
    expect(markDifference('sam.lee+civi@example.org', 'sam.lee@example.org')).toEqual([
      { text: 'sam.lee', differs: false },
      { text: '', differs: true },
      { text: '@example.org', differs: false },
    ]);
    expect(markDifference('Hendersons', 'Jonesy')).toEqual([{ text: 'Jonesy', differs: true }]);
  });

  it('shows where characters are missing: [] without colour, a caret with it', () => {
    const seg = markDifference('j.o.doe@gmail.com', 'jodoe@gmail.com');
    expect(markedText(seg, 24, false)).toBe('j[]o[]doe@gmail.com     ');
    const level = chalk.level;
    chalk.level = 1;
    try {
      expect(markedText(seg, 24, true)).toBe('j\u001b[33m\u001b[4m^\u001b[24m\u001b[39mo\u001b[33m\u001b[4m^\u001b[24m\u001b[39mdoe@gmail.com       ');
    } finally {
      chalk.level = level;
    }
  });

  it('ignores case, and marks nothing when the user has no value to compare', () => {
    expect(markDifference('Ann', 'ANN')).toEqual([{ text: 'ANN', differs: false }]);
    expect(markDifference('', 'Anna')).toEqual([{ text: 'Anna', differs: false }]);
    expect(compareValues('Ann ', 'ann')).toBe('same');
    expect(compareValues('', ' ')).toBe('absent');
  });

  it('brackets the difference when there is no colour, within the cell width', () => {
    const seg = markDifference('Ann', 'Anna');
    expect(fitSegments(seg, 8, true).map((s) => s.text).join('')).toBe('Ann[a]  ');
    expect(fitSegments(seg, 8, false).map((s) => s.text).join('')).toBe('Anna    ');
    // a difference past half the cell: the common start is cut from the left so that it shows
    expect(fitSegments(markDifference('a@example.org', 'a@exampel.org'), 8, true).map((s) => s.text).join('')).toBe('…amp[el]');
    expect(fitSegments(markDifference('a@example.org', 'a@exampel.org'), 14, true).map((s) => s.text).join('')).toBe('a@examp[el].o…');
    const long = 'x'.repeat(300);
    expect(fitSegments(markDifference(`${long}Ann`, `${long}Anna`), 20, true).map((s) => s.text).join('')).toBe(`…${'x'.repeat(6)}Ann[a]${' '.repeat(7)}`);
  });

  it('draws a marked value as one string: brackets without colour, underline with it', () => {
    const seg = markDifference('Ann', 'Anna');
    expect(markedText(seg, 8, false)).toBe('Ann[a]  ');
    const level = chalk.level;
    chalk.level = 1;
    try {
      expect(markedText(seg, 8, true)).toBe('Ann\u001b[33m\u001b[4ma\u001b[24m\u001b[39m    ');
    } finally {
      chalk.level = level;
    }
  });
});

describe('cells and bars', () => {
  it('fit pads or cuts to an exact width; clip only cuts', () => {
    expect(fit('abc', 5)).toBe('abc  ');
    expect(fit('abcdef', 4)).toBe('abc…');
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('ab', 4)).toBe('ab');
  });

  it('clipApart cuts like clip but keeps the … apart, so the cell stays plain text', () => {
    expect(clipApart('abcdef', 4)).toEqual({ head: 'abc', cut: true });
    expect(clipApart('abcd', 4)).toEqual({ head: 'abcd', cut: false });
    expect(clipApart('Óscar Núñez', 6)).toEqual({ head: 'Óscar', cut: true });
    for (const s of ['abcdef', 'abcd', 'Óscar Núñez', '']) {
      const { head, cut } = clipApart(s, 4);
      expect(head + (cut ? '…' : '')).toBe(clip(s, 4));
    }
  });

  it('the list has room for a 7-digit contact id and its score at every width', () => {
    for (const width of [40, 80, 120, 200]) expect(listColumns(width).contact - 1).toBeGreaterThanOrEqual('#1234567 0.95'.length);
  });

  it('bars fill in proportion, readable without colour', () => {
    expect(bar(0.5, 8)).toBe('████░░░░');
    expect(bar(2, 4)).toBe('████');
    expect(bar(Number.NaN, 3)).toBe('░░░');
  });
});

describe('warnings in the detail pane', () => {
  it('gives every warning a line when they fit, then lets the first ones wrap', () => {
    expect(allotLines([3, 2], 6)).toEqual([3, 2]);
    expect(allotLines([3, 2], 3)).toEqual([2, 1]);
  });

  it('keeps a line for "+N more" when not all warnings fit', () => {
    expect(allotLines([1, 1, 1, 1], 3)).toEqual([1, 1]);
    expect(allotLines([2, 2], 0)).toEqual([]);
  });

  it('shows the first warning when one line is all there is (the count goes on that line)', () => {
    expect(allotLines([2, 1, 1], 1)).toEqual([1]);
    expect(allotLines([2], 1)).toEqual([1]);
  });
});

describe('keys that arrive together', () => {
  it('are split one per character, control characters named', () => {
    expect(splitKeys('hal\r')).toEqual([
      { name: 'h', text: 'h' },
      { name: 'a', text: 'a' },
      { name: 'l', text: 'l' },
      { name: 'return', text: '' },
    ]);
    expect(splitKeys('\u0012\u0003\t\u007f').map((k) => k.name)).toEqual(['ctrl+r', 'ctrl+c', 'tab', 'delete']);
  });
});

describe('wrapping the detail pane\'s paragraphs', () => {
  it('breaks at spaces, never past the width, and loses no word', () => {
    const text = 'user 59 has the same email as user 1: CiviCRM allows one link per email';
    const lines = wrapWords(text, 20);
    expect(lines).toEqual(['user 59 has the same', 'email as user 1:', 'CiviCRM allows one', 'link per email']);
    for (const l of lines) expect(Array.from(l).length).toBeLessThanOrEqual(20);
    expect(lines.join(' ')).toBe(text);
  });

  it('cuts a word longer than a line, counting characters not bytes', () => {
    expect(wrapWords('ab averyveryverylongword ç', 8)).toEqual(['ab', 'averyver', 'yverylon', 'gword ç']);
    expect(wrapWords('Łódź ÆØÅ', 4)).toEqual(['Łódź', 'ÆØÅ']);
  });

  it('gives one empty line for empty text', () => {
    expect(wrapWords('', 10)).toEqual(['']);
  });
});

describe('withoutCivicrm', () => {
  it('drops the closing CiviCRM phrase the detail pane already shows once, and nothing else', () => {
    const civi = 'CiviCRM would create a new contact at registration, at profile update and on any CiviCRM page';
    expect(withoutCivicrm(`contact 801 has the same name as user 6; ${civi}`, civi)).toBe('contact 801 has the same name as user 6');
    expect(withoutCivicrm(`user 6 has no email; CiviCRM skips a user without an email`, civi)).toBe('user 6 has no email; CiviCRM skips a user without an email');
  });
});

describe('warningLines (summary screen)', () => {
  it('wraps between entries so every warning figure shows, and ends in … only when it must cut', () => {
    const entries = ['email-typo 4', 'alias-email 3', 'name-match 3', 'shared-email 2', 'deleted-match 1', 'non-individual-match 1', 'contact-taken 2', 'orphan-link 2', 'no-email 3', 'invalid-email 2'];
    const lines = warningLines(entries, 60, 6);
    expect(lines.every((l) => l.length <= 60)).toBe(true);
    for (const e of entries) expect(lines.join(' ')).toContain(e);
    const cut = warningLines(entries, 60, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]!.endsWith('…')).toBe(true);
    expect(warningLines([], 60, 2)).toEqual(['Warnings: none']);
  });
});

describe("the help's legend", () => {
  it('explains every mark the grid draws: brackets without colour, and the caret colour puts where characters are missing', async () => {
    const { helpLines } = await import('../../src/tui/components/HelpOverlay.js');
    const labels = helpLines(true).map((l) => l.label.trim());
    expect(labels).toEqual(expect.arrayContaining(['[ab]', '^', '★', '= ≠']));
    // the caret is what fitSegments draws, in colour, for a differing part with no characters
    expect(fitSegments([{ text: 'jo', differs: false }, { text: '', differs: true }, { text: 'doe', differs: false }], 20, false).map((s) => s.text)).toContain('^');
  });
});
