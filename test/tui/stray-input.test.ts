/** What the terminal sends that is no key is taken out before Ink reads it; keys stay. */
import { describe, expect, it } from 'vitest';
import { withoutStraySequences } from '../../src/tui/strayInput.js';

describe('stray escape sequences', () => {
  it('removes colours, status reports, printing, erasing and mode sequences', () => {
    expect(withoutStraySequences('\u001b[31mred\u001b[0m')).toBe('red');
    expect(withoutStraySequences('\u001b[1;31m\u001b[38;5;1m\u001b[5i\u001b[6n\u001b[2J\u001b[K\u001b[?25l\u001b[?1049h')).toBe('');
    // Ctrl-F1…F4 (xterm), a cursor-position reply
    expect(withoutStraySequences('\u001b[1;5P\u001b[1;5S\u001b[12;5R')).toBe('');
  });

  it('removes a terminal’s replies whole, so that none of their characters reaches the key table (ESC[1;1R would press 1)', () => {
    for (const reply of ['\u001b[1;1R', '\u001b[12;40R', '\u001b[>0;276;0c', '\u001b[?1;2c', '\u001b[8;24;80t', '\u001b[2;5q', '\u001b[1;5X', '\u001b[1;5s', '\u001b]11;rgb:0000/0000/0000\u001b\\', '\u001b]10;rgb:ffff/ffff/ffff\u0007', '\u001bP1$r0m\u001b\\']) {
      expect(withoutStraySequences(reply), JSON.stringify(reply)).toBe('');
    }
    // bracketed paste: the markers go, the pasted text stays
    expect(withoutStraySequences('\u001b[200~ann@x.org\u001b[201~')).toBe('ann@x.org');
  });

  it('leaves nothing Ink 6.8 cannot read (a Ctrl key without a name) for any final byte and common parameters', async () => {
    const { default: parseKeypress } = (await import('../../node_modules/ink/build/parse-keypress.js' as string)) as { default: (s: string) => { ctrl: boolean; name?: string } };
    for (const p of ['', '1', '5', '31', '1;5', '1;2', '6', '12;5', '200']) {
      for (let f = 0x40; f <= 0x7e; f++) {
        const left = withoutStraySequences(`\u001b[${p}${String.fromCharCode(f)}`);
        if (left === '') continue;
        const k = parseKeypress(left);
        // what is kept is a key Ink names (never spelled out character by character)
        expect(k.name, JSON.stringify(left)).toBeTruthy();
      }
    }
  });

  it('keeps keys: arrows, Home/End, PgUp/PgDn, Shift-Tab, modified arrows, Escape, text', () => {
    for (const key of ['\u001b[A', '\u001b[B', '\u001b[C', '\u001b[D', '\u001b[H', '\u001b[F', '\u001b[5~', '\u001b[6~', '\u001b[3~', '\u001b[1~', '\u001b[4~', '\u001b[Z', '\u001b[1;5A', '\u001bOA', '\u001b', 'j', '/ann']) {
      expect(withoutStraySequences(key)).toBe(key);
    }
  });
});
