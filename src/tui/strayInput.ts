/**
 * Escape sequences that are no key, taken out of what the terminal sends before Ink reads it.
 * Ink 6.8's useInput reads many of them (ESC[31m, ESC[5i, ESC[6n, a cursor-position reply
 * ESC[12;5R, Ctrl-F1 ESC[1;5P: 229 of the parameter and final-byte pairs tried) as a Ctrl key
 * without a name and throws on it, ending the review; a pasted coloured text, a terminal's
 * answer to a query or an unbound function key sends them. Every CSI sequence is removed but
 * those of the keys the review reads — arrows (A–D), Home and End (H, F), Shift-Tab (Z), and
 * the ~ keys (PgUp, PgDn, Home, End, Delete, Insert, F5–F12) — none of which trips Ink.
 */
const CSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;
/** Arrows (also with modifiers), Home, End and Shift-Tab. */
const KEY_CSI = /^\u001b\[(?:1;\d+)?[A-DFHZ]$/;
/** The ~ keys: Home, Insert, Delete, End, PgUp, PgDn (1–8) and F5–F12; not bracketed paste's 200~/201~. */
const TILDE = /^\u001b\[(\d+)(?:;\d+)?~$/;
const TILDE_KEYS = new Set([1, 2, 3, 4, 5, 6, 7, 8, 15, 17, 18, 19, 20, 21, 23, 24]);
/** OSC (a colour or title reply: ESC ] … BEL or ESC \), and DCS, SOS, PM, APC strings (ESC P|X|^|_ … ESC \). */
const STRINGS = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[PX^_][^\u001b]*\u001b\\/g;

function isKey(seq: string): boolean {
  if (KEY_CSI.test(seq)) return true;
  const t = TILDE.exec(seq);
  return t !== null && TILDE_KEYS.has(Number(t[1]));
}

/**
 * `chunk` without stray sequences (a string: Ink reads the terminal as UTF-8 text). What is
 * left of an unknown sequence would otherwise reach the key table one character at a time:
 * a cursor report ESC[1;1R would press 1 (link candidate 1).
 */
export function withoutStraySequences(chunk: string): string {
  if (!chunk.includes('\u001b')) return chunk;
  return chunk.replace(STRINGS, '').replace(CSI, (seq) => (isKey(seq) ? seq : ''));
}

/** Makes `stdin.read()` hand Ink its chunks without stray sequences (the imperative shell calls this once). */
export function filterStrayInput(stdin: NodeJS.ReadStream): NodeJS.ReadStream {
  const read = stdin.read.bind(stdin);
  stdin.read = ((size?: number) => {
    const chunk: unknown = read(size);
    return typeof chunk === 'string' ? withoutStraySequences(chunk) : chunk;
  }) as typeof stdin.read;
  return stdin;
}
