/**
 * A value with its differing parts marked, as one ready-styled string: yellow and underlined
 * when colour is on (a `^` where characters are missing), in [brackets] when not. The candidate grid draws whole rows as single
 * strings (one Ink text node a row instead of one per segment: Ink squashes, measures and
 * re-tokenizes every node on every frame).
 */
import chalk from 'chalk';
import type { Segment } from './diff.js';
import { headWithin, printable, tailWithin, textWidth } from './format.js';

/** Marks, with colour on, a place in a value where characters of the user's are missing. */
const DELETION = '^';

/** Segments (made printable) cut to `width` columns and padded to it. */
export function fitSegments(segments: readonly Segment[], width: number, bracket: boolean): Segment[] {
  let shown: Segment[] = segments.map((s) => {
    const text = printable(s.text);
    // where the user's characters are missing, an empty differing segment: `[]`, or a caret
    return { text: bracket && s.differs ? `[${text}]` : s.differs && text === '' ? DELETION : text, differs: s.differs };
  });
  // a difference far into a long value: its common start is cut from the left ('…' + its
  // end), so that the part that differs is on screen
  const first = shown.findIndex((x) => x.differs);
  const half = Math.floor(width / 2);
  if (first > 0 && half >= 4) {
    const lead = shown.slice(0, first).map((x) => x.text).join('');
    if (textWidth(lead) > half) shown = [{ text: '…' + tailWithin(lead, half - 1), differs: false }, ...shown.slice(first)];
  }
  const out: Segment[] = [];
  let left = width;
  for (const s of shown) {
    if (left <= 0) break; // filled exactly: no column is left for a '…'
    const w = textWidth(s.text);
    if (w <= left) {
      out.push(s);
      left -= w;
    } else {
      const { head, used } = headWithin(s.text, Math.max(0, left - 1));
      out.push({ text: head + '…', differs: s.differs });
      left -= used + 1;
      break;
    }
  }
  if (left > 0) out.push({ text: ' '.repeat(left), differs: false });
  return out;
}

/** The segments fitted to `width`, the differing ones styled (colour) or bracketed (none). */
export function markedText(segments: readonly Segment[], width: number, color: boolean): string {
  let s = '';
  for (const seg of fitSegments(segments, width, !color)) s += seg.differs && color ? chalk.yellow.underline(seg.text) : seg.text;
  return s;
}
