/**
 * The top of the component tree: it only composes. The store holds the state, the keyboard
 * hook turns keys into actions, and the phase picks the screen.
 */
import { Box, Text } from 'ink';
import { StoreContext, ThemeContext, useAppState, type AppStore } from '../context.js';
import { useIdleCollect } from '../hooks/useIdleCollect.js';
import { useKeyboard } from '../hooks/useKeyboard.js';
import { useTerminalSize, type Size } from '../hooks/useTerminalSize.js';
import { contextOf } from '../input.js';
import { layoutFor, MIN_COLUMNS, MIN_ROWS } from '../layout.js';
import { HintBar } from './HintBar.js';
import { LoadingScreen } from './LoadingScreen.js';
import { ResumePrompt } from './ResumePrompt.js';
import { ReviewScreen } from './ReviewScreen.js';
import { keysSaid } from '../keys.js';

export interface AppProps {
  readonly store: AppStore;
  /** A fixed terminal size (tests, bench); the real terminal's size otherwise. */
  readonly size?: Size;
  /** false with NO_COLOR. */
  readonly color?: boolean;
}

export function App({ store, size, color = true }: AppProps) {
  return (
    <StoreContext.Provider value={store}>
      <ThemeContext.Provider value={{ color }}>
        <Keyboard size={size} />
        <Screen size={size} />
      </ThemeContext.Provider>
    </StoreContext.Provider>
  );
}

/** Keys act only on a screen the user can see: while the terminal is too small, only Ctrl-C does. */
function Keyboard({ size }: { size: Size | undefined }) {
  const { columns, rows } = useTerminalSize(size);
  useKeyboard(layoutFor(columns, rows).mode === 'too-small');
  return null;
}

function Screen({ size }: { size: Size | undefined }) {
  const state = useAppState();
  useIdleCollect();
  const { columns, rows } = useTerminalSize(size);
  const layout = layoutFor(columns, rows);
  if (layout.mode === 'too-small') {
    return (
      <Box height={layout.height} overflowY="hidden">
        <Text>{`ufmatch needs ${MIN_COLUMNS}×${MIN_ROWS} at least (now ${columns}×${rows}): enlarge the terminal (${keysSaid('abort')} quits)`}</Text>
      </Box>
    );
  }
  switch (state.phase) {
    case 'loading':
      return <LoadingScreen files={state.files} width={layout.width} height={layout.height} />;
    case 'preparing':
      return <LoadingScreen files={state.files} note={state.text} width={layout.width} height={layout.height} />;
    case 'resume':
      return (
        <Box flexDirection="column" height={layout.height}>
          <ResumePrompt entries={state.entries} journal={state.journal} width={layout.width} height={layout.height - 1} />
          <HintBar context={contextOf(state)} width={layout.width} />
        </Box>
      );
    case 'review':
      return <ReviewScreen state={state} layout={layout} />;
  }
}
