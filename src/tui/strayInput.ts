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
const KEY_FINAL = /[A-DFHZ~]$/;

/** `chunk` without stray sequences (a string: Ink reads the terminal as UTF-8 text). */
export function withoutStraySequences(chunk: string): string {
  return chunk.includes('\u001b[') ? chunk.replace(CSI, (seq) => (KEY_FINAL.test(seq) ? seq : '')) : chunk;
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
