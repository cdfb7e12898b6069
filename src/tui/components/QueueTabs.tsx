/** The top line: the queues with their live counts, the current one in [brackets], and what is unwritten. */
import { Text } from 'ink';
import { PLATFORM_LABEL } from '../../domain/platform.js';
import { count } from '../format.js';
import { QUEUES, QUEUE_LABEL, queueLength, type QueueName } from '../state/queues.js';
import type { ReviewState } from '../state/review.js';

/** 12,345 → 12.3k, 37,891 → 37.9k, 150,400 → 150k, 1,234,567 → 1.2M: for a narrow terminal. */
export function compact(n: number): string {
  if (n < 10_000) return count(n);
  const k = Math.round(n / 100) / 10;
  if (k < 100) return `${k.toFixed(1)}k`;
  if (n < 999_500) return `${Math.round(n / 1000)}k`;
  return `${(Math.round(n / 100_000) / 10).toFixed(1)}M`;
}

/** One-letter names, the last resort of a narrow terminal (the help and the hint bar name the queues). */
const LETTER: Readonly<Record<QueueName, string>> = { review: 'R', link: 'L', create: 'C', keep: 'K', skip: 'S', all: 'A' };

/**
 * The queue labels, as wide as fits in `width` with `tail` (the unwritten count) after them:
 * the full counts two spaces apart, then one space apart, then with counts shortened (12.3k),
 * then with one-letter names; when none fits with the tail, the widest that fits without it
 * (the tail is then cut). Every queue and its count stays on screen down to 50 columns,
 * whatever the counts.
 */
export function queueLabels(counts: Readonly<Record<QueueName, number>>, width: number, tail: string): { labels: string[]; gap: string } {
  const build = (short: boolean, letters: boolean) => QUEUES.map((q) => `${letters ? LETTER[q] : QUEUE_LABEL[q]} ${short ? compact(counts[q]) : count(counts[q])}`);
  const size = (labels: string[], gap: string) => labels.reduce((n, l) => n + l.length, 0) + 2 + gap.length * (labels.length - 1) + tail.length;
  const levels = [[false, false, '  '], [false, false, ' '], [true, false, ' '], [true, true, ' ']] as const;
  for (const [short, letters, gap] of levels) {
    const labels = build(short, letters);
    if (size(labels, gap) <= width) return { labels, gap };
  }
  // nothing fits with the unwritten count after it: the queues first (the line's end is cut)
  for (const [short, letters, gap] of levels) {
    const labels = build(short, letters);
    if (size(labels, gap) - tail.length <= width) return { labels, gap };
  }
  return { labels: build(true, true), gap: ' ' };
}

export function QueueTabs({ review, width }: { review: ReviewState; width: number }) {
  const counts = Object.fromEntries(QUEUES.map((q) => [q, queueLength(review.rows, q)])) as Record<QueueName, number>;
  const unwritten = review.unwritten > 0 ? `  · ${count(review.unwritten)} unwritten` : '';
  const platformLabel = `${PLATFORM_LABEL[review.model.plan.platform]}  `;
  const platform = width >= 100 ? platformLabel : '';
  const { labels, gap } = queueLabels(counts, width - platform.length, unwritten);
  return (
    <Text wrap="truncate-end">
      <Text bold>{platform}</Text>
      {QUEUES.map((q, k) => (
        <Text key={q}>
          {k > 0 ? gap : ''}
          {q === review.queue ? (
            <Text bold inverse>
              [{labels[k]}]
            </Text>
          ) : (
            labels[k]
          )}
        </Text>
      ))}
      {unwritten}
    </Text>
  );
}
