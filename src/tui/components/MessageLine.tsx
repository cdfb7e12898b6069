/** The line above the hints: the search being typed, or what the last key did (up to three lines). */
import { Text } from 'ink';
import { useTheme } from '../context.js';
import type { ReviewState } from '../state/review.js';
import { clip, firstLines, printable, tailWithin, textWidth, wrapWords } from '../format.js';
import { keysSaid } from '../keys.js';

const TONE = { info: undefined, warn: 'yellow', error: 'red' } as const;

const SEARCH_HINT = `  email, name, user id or #contact id · ${keysSaid('search-confirm')} finds · ${keysSaid('search-cancel')} cancels`;

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

/** Lines a message may take: a longer one (a --decisions report, a write that failed) ends in "…". */
export const MESSAGE_LINES_MAX = 3;

/**
 * The last key's message wrapped to the width, at most MESSAGE_LINES_MAX lines: what a failed
 * write or a --decisions report says is read here, so it is not cut to one line. Empty when
 * there is no message (or a search is being typed: one line).
 */
export function messageLines(review: ReviewState, width: number): string[] {
  const m = review.message;
  if (review.search.editing || !m) return [];
  const prefix = m.tone === 'error' ? 'Error: ' : m.tone === 'warn' ? '! ' : '';
  return firstLines(wrapWords(prefix + m.text, width), MESSAGE_LINES_MAX, width);
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
  return (
    <Text wrap="truncate-end" color={color ? TONE[m.tone] : undefined}>
      {messageLines(review, width).join('\n')}
    </Text>
  );
}
