/** Small text helpers for fixed-width terminal cells. */

/** Exactly `width` characters: cut with '…' when longer, padded with spaces when shorter. */
export function fit(s: string, width: number): string {
  if (width <= 0) return '';
  const chars = Array.from(s);
  if (chars.length > width) return chars.slice(0, Math.max(0, width - 1)).join('') + '…';
  return s + ' '.repeat(width - chars.length);
}

/** At most `width` characters (cut with '…'), not padded. */
export function clip(s: string, width: number): string {
  const { head, cut } = clipApart(s, width);
  return cut ? head + '…' : head;
}

/**
 * `s` cut to at most `width` characters as by clip(), but with the '…' kept apart: `head` is
 * what to draw, `cut` says whether a '…' belongs after it. The list draws its '…' marks in a
 * column of their own, so that its cells stay plain ASCII where the text is: Ink measures
 * every line of every frame, and one non-ASCII character sends a whole line down
 * string-width's slow, per-grapheme path.
 */
export function clipApart(s: string, width: number): { head: string; cut: boolean } {
  if (s.length <= width) return { head: s, cut: false };
  const chars = Array.from(s);
  if (chars.length <= width) return { head: s, cut: false };
  return { head: chars.slice(0, Math.max(0, width - 1)).join(''), cut: true };
}

export function count(n: number): string {
  return n.toLocaleString('en');
}

/** A bar of `width` cells filled to `fraction`: █ done, ░ to do (readable without colour). */
export function bar(fraction: number, width: number): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(f * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

export function score(x: number): string {
  return x.toFixed(2);
}

/**
 * `text` broken into lines of at most `width` characters, at spaces where it can (a word
 * longer than a line is cut). The detail pane wraps its own paragraphs: Ink's own wrapping
 * (wrap-ansi) measured 9 ms a frame at 200×60 and ran on every page of new users.
 */
export function wrapWords(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  let line: string[] = [];
  for (const word of text.split(' ')) {
    let chars = Array.from(word);
    if (line.length > 0 && line.length + 1 + chars.length <= w) {
      line.push(' ', ...chars);
      continue;
    }
    if (line.length > 0) out.push(line.join(''));
    while (chars.length > w) {
      out.push(chars.slice(0, w).join(''));
      chars = chars.slice(w);
    }
    line = chars;
  }
  out.push(line.join(''));
  return out;
}
