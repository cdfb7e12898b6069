/**
 * Text from the exports made safe for a terminal: the TUI draws every cell through it, and the
 * command line's one-line errors, which quote headers, paths and cells as found.
 */

/** C0 and C1 controls, DEL, and the bidirectional overrides and isolates (they reorder what follows). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const CONTROLS = /\r\n|[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `s` with its control characters made visible: a line break is ↵, a tab a space, another C0
 * control its Control Pictures sign (BEL → ␇, ESC → ␛), DEL ␡, and a C1 control or a
 * bidirectional override �. A name in an export cannot ring the bell, colour the screen, move
 * the cursor or break a line.
 */
export function printable(s: string): string {
  if (!CONTROL.test(s)) return s;
  return s.replace(CONTROLS, (c) => {
    if (c === '\r\n' || c === '\n' || c === '\r') return '↵';
    if (c === '\t') return ' ';
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? '␡' : '\ufffd';
  });
}
