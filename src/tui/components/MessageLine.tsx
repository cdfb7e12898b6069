/** The line above the hints: the search being typed, or what the last key did. */
import { Text } from 'ink';
import { useTheme } from '../context.js';
import type { ReviewState } from '../state/review.js';

const TONE = { info: undefined, warn: 'yellow', error: 'red' } as const;

export function MessageLine({ review }: { review: ReviewState }) {
  const { color } = useTheme();
  if (review.search.editing) {
    return (
      <Text wrap="truncate-start">
        <Text bold>/</Text>
        {review.search.text}
        <Text inverse>{color ? ' ' : '_'}</Text>
        <Text dimColor>{'  email, name, user id or #contact id · Enter finds · Esc cancels'}</Text>
      </Text>
    );
  }
  const m = review.message;
  if (!m) return <Text> </Text>;
  const prefix = m.tone === 'error' ? 'Error: ' : m.tone === 'warn' ? '! ' : '';
  return (
    <Text wrap="truncate-end" color={color ? TONE[m.tone] : undefined}>
      {prefix}
      {m.text}
    </Text>
  );
}
