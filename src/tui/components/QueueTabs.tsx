/** The top line: the queues with their live counts, the current one in [brackets], and what is unwritten. */
import { Text } from 'ink';
import { PLATFORM_LABEL } from '../../domain/platform.js';
import { count } from '../format.js';
import { QUEUES, QUEUE_LABEL, queueLength, type QueueName } from '../state/queues.js';
import type { ReviewState } from '../state/review.js';

/** 12,345 → 12.3k, 150,000 → 150k: for a narrow terminal. */
function compact(n: number): string {
  if (n < 10_000) return count(n);
  if (n < 100_000) return `${(Math.floor(n / 100) / 10).toFixed(1)}k`;
  return `${Math.floor(n / 1000)}k`;
}

/**
 * The queue labels, as wide as fits in `width`: the full counts two spaces apart, then one
 * space apart, then with counts shortened (12.3k). Every queue and its count stays on screen
 * down to 50 columns.
 */
export function queueLabels(counts: Readonly<Record<QueueName, number>>, width: number, tail: string): { labels: string[]; gap: string } {
  const build = (short: boolean) => QUEUES.map((q) => `${QUEUE_LABEL[q]} ${short ? compact(counts[q]) : count(counts[q])}`);
  const size = (labels: string[], gap: string) => labels.reduce((n, l) => n + l.length, 0) + 2 + gap.length * (labels.length - 1) + tail.length;
  for (const [short, gap] of [[false, '  '], [false, ' '], [true, ' ']] as const) {
    const labels = build(short);
    if (size(labels, gap) <= width) return { labels, gap };
  }
  return { labels: build(true), gap: ' ' };
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
