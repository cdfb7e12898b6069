/** The store and the colour setting, handed down to every component. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AppAction, AppEvent, AppState } from './state/app.js';
import type { Store } from './store.js';

export type AppStore = Store<AppState, AppAction, AppEvent>;

export const StoreContext = createContext<AppStore | null>(null);

export interface Theme {
  /** false with NO_COLOR: every state is also shown by text, and differences are bracketed. */
  readonly color: boolean;
}
export const ThemeContext = createContext<Theme>({ color: true });

export function useStore(): AppStore {
  const s = useContext(StoreContext);
  if (!s) throw new Error('useStore outside <App>');
  return s;
}

export function useAppState(): AppState {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
