/** The review screen: queue tabs, the user list and the detail (stacked or side by side), or an overlay; message and hints. */
import { Box, Text } from 'ink';
import { useEffect } from 'react';
import { useStore } from '../context.js';
import { contextOf } from '../input.js';
import type { Layout } from '../layout.js';
import type { AppState } from '../state/app.js';
import type { ReviewState } from '../state/review.js';
import { clampView } from '../state/view.js';
import { queueLength, rowAt } from '../state/queues.js';
import { DetailPane } from './DetailPane.js';
import { HelpOverlay } from './HelpOverlay.js';
import { HintBar } from './HintBar.js';
import { MessageLine } from './MessageLine.js';
import { QueueTabs } from './QueueTabs.js';
import { QuitConfirm } from './QuitConfirm.js';
import { SummaryScreen } from './SummaryScreen.js';
import { UserList } from './UserList.js';

function Body({ review, layout }: { review: ReviewState; layout: Layout }) {
  const bodyHeight = layout.height - 3;
  switch (review.overlay) {
    case 'help':
      return <HelpOverlay width={layout.width} height={bodyHeight} />;
    case 'summary':
      return <SummaryScreen review={review} width={layout.width} height={bodyHeight} />;
    case 'quit':
      return <QuitConfirm review={review} width={layout.width} height={bodyHeight} />;
    case 'none':
      break;
  }
  const q = review.queue;
  const view = clampView(review.views[q], queueLength(review.rows, q), layout.listRows);
  const row = rowAt(review.rows, q, view.cursor);
  const list = <UserList review={review} rows={layout.listRows} width={layout.listWidth} />;
  const detail = <DetailPane review={review} row={row} width={layout.detailWidth} height={layout.detailHeight} />;
  if (layout.mode === 'side') {
    return (
      <Box flexDirection="row" height={bodyHeight} flexShrink={0}>
        {list}
        <Box width={1} />
        {detail}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={bodyHeight} flexShrink={0}>
      {list}
      <Text dimColor wrap="truncate-end">{'─'.repeat(layout.width)}</Text>
      {detail}
    </Box>
  );
}

export function ReviewScreen({ state, layout }: { state: Extract<AppState, { phase: 'review' }>; layout: Layout }) {
  const store = useStore();
  const review = state.review;
  useEffect(() => {
    if (review.listHeight !== layout.listRows) store.dispatch({ type: 'viewport', listHeight: layout.listRows });
  }, [layout.listRows, review.listHeight, store]);
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height} overflowY="hidden">
      <QueueTabs review={review} width={layout.width} />
      <Body review={review} layout={layout} />
      <MessageLine review={review} width={layout.width} />
      <HintBar context={contextOf(state)} width={layout.width} />
    </Box>
  );
}
