/**
 * Escape sequences that are no key, taken out of what the terminal sends before Ink reads it.
 * Ink 6.8's useInput reads some of them (ESC[31m, ESC[0m, ESC[5i, ESC[6n: a modifier-like
 * parameter and no key name) as a Ctrl key without a name and throws on it, ending the review
 * with a stack trace; a pasted coloured text or a terminal's answer to a query sends them.
 * Removed: CSI sequences whose final byte is m (colours), i (printing), n (status reports),
 * J and K (erasing), h and l (modes). Keys end in A–D, E, F, H, P–S, Z, ~ or u and stay.
 */
const STRAY = /\u001b\[[0-9;:?<=>]*[minJKhl]/g;

/** `chunk` without stray sequences (a string: Ink reads the terminal as UTF-8 text). */
export function withoutStraySequences(chunk: string): string {
  return chunk.includes('\u001b[') ? chunk.replace(STRAY, '') : chunk;
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
