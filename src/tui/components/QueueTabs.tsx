/** The top line: the queues with their live counts, the current one in [brackets], and what is unwritten. */
import { Text } from 'ink';
import { PLATFORM_LABEL } from '../../domain/platform.js';
import { count } from '../format.js';
import { QUEUES, QUEUE_LABEL, queueLength } from '../state/queues.js';
import type { ReviewState } from '../state/review.js';

export function QueueTabs({ review, width }: { review: ReviewState; width: number }) {
  const platform = width >= 100 ? `${PLATFORM_LABEL[review.model.plan.platform]}  ` : '';
  return (
    <Text wrap="truncate-end">
      <Text bold>{platform}</Text>
      {QUEUES.map((q, k) => {
        const label = `${QUEUE_LABEL[q]} ${count(queueLength(review.rows, q))}`;
        return (
          <Text key={q}>
            {k > 0 ? '  ' : ''}
            {q === review.queue ? (
              <Text bold inverse>
                [{label}]
              </Text>
            ) : (
              label
            )}
          </Text>
        );
      })}
      {review.unwritten > 0 ? `  · ${count(review.unwritten)} unwritten` : ''}
    </Text>
  );
}
