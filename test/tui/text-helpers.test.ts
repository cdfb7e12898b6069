import { describe, expect, it } from 'vitest';
import { allotLines } from '../../src/tui/components/DetailPane.js';
import { fitSegments } from '../../src/tui/components/Marked.js';
import { compareValues, markDifference } from '../../src/tui/diff.js';
import { bar, clip, fit, wrapWords } from '../../src/tui/format.js';
import { splitKeys } from '../../src/tui/keyName.js';

describe('marking the differing part', () => {
  it('marks what a typo changed, keeping the common start and end', () => {
    expect(markDifference('jane@gmail.com', 'jane@gmial.com')).toEqual([
      { text: 'jane@gm', differs: false },
      { text: 'ia', differs: true },
      { text: 'l.com', differs: false },
    ]);
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
    expect(fitSegments(markDifference('a@example.org', 'a@exampel.org'), 8, true).map((s) => s.text).join('')).toBe('a@examp…');
  });
});

describe('cells and bars', () => {
  it('fit pads or cuts to an exact width; clip only cuts', () => {
    expect(fit('abc', 5)).toBe('abc  ');
    expect(fit('abcdef', 4)).toBe('abc…');
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('ab', 4)).toBe('ab');
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
