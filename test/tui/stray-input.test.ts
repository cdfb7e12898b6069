/** What the terminal sends that is no key is taken out before Ink reads it; keys stay. */
import { describe, expect, it } from 'vitest';
import { withoutStraySequences } from '../../src/tui/strayInput.js';

describe('stray escape sequences', () => {
  it('removes colours, status reports, printing, erasing and mode sequences', () => {
    expect(withoutStraySequences('\u001b[31mred\u001b[0m')).toBe('red');
    expect(withoutStraySequences('\u001b[1;31m\u001b[38;5;1m\u001b[5i\u001b[6n\u001b[2J\u001b[K\u001b[?25l\u001b[?1049h')).toBe('');
  });

  it('keeps keys: arrows, Home/End, PgUp/PgDn, Shift-Tab, modified arrows, Escape, text', () => {
    for (const key of ['\u001b[A', '\u001b[B', '\u001b[C', '\u001b[D', '\u001b[H', '\u001b[F', '\u001b[5~', '\u001b[6~', '\u001b[Z', '\u001b[1;5A', '\u001b', 'j', '/ann']) {
      expect(withoutStraySequences(key)).toBe(key);
    }
  });
});
