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
import { MessageLine, messageLines } from './MessageLine.js';
import { QueueTabs } from './QueueTabs.js';
import { QuitConfirm } from './QuitConfirm.js';
import { SummaryScreen } from './SummaryScreen.js';
import { UserList } from './UserList.js';

function Body({ review, layout, bodyHeight }: { review: ReviewState; layout: Layout; bodyHeight: number }) {
  switch (review.overlay) {
    case 'help':
      return <HelpOverlay width={layout.width} height={bodyHeight} page={review.helpPage} />;
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
        <Box width={2} flexShrink={0}>
          <Text dimColor>{Array.from({ length: Math.max(0, bodyHeight) }, () => '│').join('\n')}</Text>
        </Box>
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

/**
 * The layout with `extra` lines fewer for the body, for a message of more than one line:
 * stacked, the detail gives them up while it keeps 3 lines; otherwise the list as well.
 */
export function withMessageLines(layout: Layout, extra: number): Layout {
  if (extra <= 0 || layout.mode === 'too-small') return layout;
  if (layout.mode === 'stacked' && layout.detailHeight - extra >= 3) return { ...layout, detailHeight: layout.detailHeight - extra };
  const body = layout.height - 3 - extra;
  if (layout.mode === 'side') return { ...layout, listHeight: body, listRows: body - 1, detailHeight: body };
  const listHeight = Math.max(2, body - 1 - layout.detailHeight);
  return { ...layout, listHeight, listRows: listHeight - 1, detailHeight: body - 1 - listHeight };
}

export function ReviewScreen({ state, layout: full }: { state: Extract<AppState, { phase: 'review' }>; layout: Layout }) {
  const store = useStore();
  const review = state.review;
  const extra = Math.max(0, messageLines(review, full.width).length - 1);
  const layout = withMessageLines(full, extra);
  // the reducer pages by the list's height, and lets 1–9 act only on candidates the detail shows
  useEffect(() => {
    const d = review.detailSize;
    if (review.listHeight !== layout.listRows || d === null || d.width !== layout.detailWidth || d.height !== layout.detailHeight) {
      store.dispatch({ type: 'viewport', listHeight: layout.listRows, detail: { width: layout.detailWidth, height: layout.detailHeight } });
    }
  }, [layout.listRows, layout.detailWidth, layout.detailHeight, review.listHeight, review.detailSize, store]);
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height} overflowY="hidden">
      <QueueTabs review={review} width={layout.width} />
      <Body review={review} layout={layout} bodyHeight={full.height - 3 - extra} />
      <MessageLine review={review} width={layout.width} />
      <HintBar context={contextOf(state)} width={layout.width} />
    </Box>
  );
}
