/** The line above the hints: the search being typed, or what the last key did. */
import { Text } from 'ink';
import { useTheme } from '../context.js';
import type { ReviewState } from '../state/review.js';
import { clip, printable, tailWithin, textWidth } from '../format.js';

const TONE = { info: undefined, warn: 'yellow', error: 'red' } as const;

const SEARCH_HINT = '  email, name, user id or #contact id · Enter finds · Esc cancels';

/**
 * The search as typed: `/`, the query (its end, when it is wider than the line: that is where
 * the typing is) and the cursor, then as much of the hint as fits.
 */
export function searchLine(query: string, width: number): { query: string; hint: string } {
  const q = printable(query);
  const room = Math.max(1, width - 2); // the '/' and the cursor
  const shown = textWidth(q) <= room ? q : '…' + tailWithin(q, room - 1);
  return { query: shown, hint: clip(SEARCH_HINT, Math.max(0, width - 2 - textWidth(shown))) };
}

export function MessageLine({ review, width }: { review: ReviewState; width: number }) {
  const { color } = useTheme();
  if (review.search.editing) {
    const line = searchLine(review.search.text, width);
    return (
      <Text wrap="truncate-end">
        <Text bold>/</Text>
        {line.query}
        <Text inverse>{color ? ' ' : '_'}</Text>
        <Text dimColor>{line.hint}</Text>
      </Text>
    );
  }
  const m = review.message;
  if (!m) return <Text> </Text>;
  const prefix = m.tone === 'error' ? 'Error: ' : m.tone === 'warn' ? '! ' : '';
  return (
    <Text wrap="truncate-end" color={color ? TONE[m.tone] : undefined}>
      {clip(prefix + m.text, width)}
    </Text>
  );
}
