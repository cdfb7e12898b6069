/**
 * A value with its differing part marked, as one ready-styled string: yellow and underlined
 * when colour is on, in [brackets] when not. The candidate grid draws whole rows as single
 * strings (one Ink text node a row instead of one per segment: Ink squashes, measures and
 * re-tokenizes every node on every frame).
 */
import chalk from 'chalk';
import type { Segment } from './diff.js';

/** Segments cut to `width` characters and padded to it. */
export function fitSegments(segments: readonly Segment[], width: number, bracket: boolean): Segment[] {
  const shown: Segment[] = segments.map((s) => (bracket && s.differs ? { text: `[${s.text}]`, differs: true } : s));
  const out: Segment[] = [];
  let left = width;
  for (const s of shown) {
    const chars = Array.from(s.text);
    if (chars.length <= left) {
      out.push(s);
      left -= chars.length;
    } else {
      out.push({ text: chars.slice(0, Math.max(0, left - 1)).join('') + '…', differs: s.differs });
      left = 0;
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
