/** A value with its differing part marked: coloured when colour is on, in [brackets] when not. */
import { Text } from 'ink';
import { useTheme } from '../context.js';
import type { Segment } from '../diff.js';

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

export function Marked({ segments, width }: { segments: readonly Segment[]; width: number }) {
  const { color } = useTheme();
  return (
    <Text>
      {fitSegments(segments, width, !color).map((s, k) =>
        s.differs && color ? (
          <Text key={k} color="yellow" underline>
            {s.text}
          </Text>
        ) : (
          <Text key={k}>{s.text}</Text>
        ),
      )}
    </Text>
  );
}
