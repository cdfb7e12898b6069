/**
 * Small text helpers for fixed-width terminal cells. Widths are terminal columns: a CJK
 * character takes two, a combining accent none (string-width, as Ink measures); text from the
 * exports goes through printable() first, so that no control character reaches the terminal.
 */
import stringWidth from 'string-width';
import { printable } from '../runtime/printable.js';

export { printable };

/** Printable ASCII only: one column per character, the common case, measured without string-width. */
const PLAIN = /^[\x20-\x7e]*$/;
/** Columns `s` takes on a terminal. */
export function textWidth(s: string): number {
  return PLAIN.test(s) ? s.length : stringWidth(s);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest start of `s` (whole graphemes) at most `width` columns wide, and its width. */
export function headWithin(s: string, width: number): { head: string; used: number } {
  let head = '';
  let used = 0;
  for (const { segment } of graphemes.segment(s)) {
    const w = stringWidth(segment);
    if (used + w > width) break;
    head += segment;
    used += w;
  }
  return { head, used };
}

/** The longest end of `s` (whole graphemes) at most `width` columns wide. */
export function tailWithin(s: string, width: number): string {
  const parts = Array.from(graphemes.segment(s), (g) => g.segment);
  let tail = '';
  let used = 0;
  for (let i = parts.length - 1; i >= 0; i--) {
    const w = stringWidth(parts[i]!);
    if (used + w > width) break;
    tail = parts[i]! + tail;
    used += w;
  }
  return tail;
}

/** Exactly `width` columns: cut with '…' when wider, padded with spaces when narrower. */
export function fit(s: string, width: number): string {
  if (width <= 0) return '';
  const { head, cut } = clipApart(s, width);
  const shown = cut ? head + '…' : head;
  return shown + ' '.repeat(Math.max(0, width - textWidth(shown)));
}

/** At most `width` columns (cut with '…'), not padded. */
export function clip(s: string, width: number): string {
  const { head, cut } = clipApart(s, width);
  return cut ? head + '…' : head;
}

/**
 * `s` (made printable) cut to at most `width` columns as by clip(), but with the '…' kept
 * apart: `head` is what to draw, `cut` says whether a '…' belongs after it (within `width`:
 * head leaves it a column). The list draws its '…' marks in a column of their own, so that
 * its cells stay plain ASCII where the text is: Ink measures every line of every frame, and
 * one non-ASCII character sends a whole line down string-width's slow, per-grapheme path.
 */
export function clipApart(text: string, width: number): { head: string; cut: boolean } {
  if (width <= 0) return { head: '', cut: false }; // not even a '…' fits
  const s = printable(text);
  if (PLAIN.test(s)) return s.length <= width ? { head: s, cut: false } : { head: s.slice(0, Math.max(0, width - 1)), cut: true };
  if (stringWidth(s) <= width) return { head: s, cut: false };
  return { head: headWithin(s, Math.max(0, width - 1)).head, cut: true };
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
 * `text` (made printable) broken into lines of at most `width` columns, at spaces where it can
 * (a word wider than a line is cut). The detail pane wraps its own paragraphs: Ink's own
 * wrapping (wrap-ansi) measured 9 ms a frame at 200×60 and ran on every page of new users.
 */
export function wrapWords(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  let line = '';
  let used = 0;
  for (const word of printable(text).split(' ')) {
    let rest = word;
    let size = textWidth(rest);
    if (line !== '' && used + 1 + size <= w) {
      line += ' ' + rest;
      used += 1 + size;
      continue;
    }
    if (line !== '') out.push(line);
    while (size > w) {
      const { head, used: taken } = headWithin(rest, w);
      // a character wider than the line itself (w = 1, a CJK character or a flag) goes on a line alone
      const part = head === '' ? graphemes.segment(rest)[Symbol.iterator]().next().value!.segment : head;
      out.push(part);
      rest = rest.slice(part.length);
      size -= head === '' ? textWidth(part) : taken;
    }
    line = rest;
    used = size;
  }
  // (a last word cut into whole lines leaves nothing over)
  if (line !== '' || out.length === 0) out.push(line);
  return out;
}

/** The first n of some wrapped lines; when that cuts them short, the last shown ends in " …". */
export function firstLines(lines: readonly string[], n: number, width: number): string[] {
  if (n >= lines.length) return lines.slice();
  if (n <= 0) return [];
  const shown = lines.slice(0, n);
  const last = shown[n - 1]!;
  shown[n - 1] = textWidth(last) + 2 <= width ? `${last} …` : `${headWithin(last, Math.max(0, width - 2)).head} …`;
  return shown;
}
