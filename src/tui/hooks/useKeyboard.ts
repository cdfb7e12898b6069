/** Keys to actions: the key table decides, the store runs them. */
import { useInput, type Key } from 'ink';
import { useCallback } from 'react';
import { useStore } from '../context.js';
import { actionForKey } from '../input.js';
import { keyName, splitKeys, typedText } from '../keyName.js';

/** @param blind the screen shows no state (terminal too small): every key but Ctrl-C (abort) is ignored */
export function useKeyboard(blind = false): void {
  const store = useStore();
  const onKey = useCallback(
    (input: string, key: Key) => {
      // several keys in one read (fast typing, a paste, "text + Enter"): one at a time
      const keys = Array.from(input).length > 1 ? splitKeys(input) : [{ name: keyName(input, key), text: typedText(input, key) }];
      for (const k of keys) {
        const action = actionForKey(store.getState(), k.name, k.text);
        if (action && (!blind || action.type === 'abort')) store.dispatch(action);
      }
    },
    [store, blind],
  );
  useInput(onKey);
}
