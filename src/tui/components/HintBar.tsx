/** The bottom line: the keys of the current context, from the key table, as many as fit. */
import { Text } from 'ink';
import { hintsFor, type KeyContext } from '../keys.js';

const GAP = '  ';

/** The hints that fit in `width`, in the table's order; "? help" is kept whenever the context has it. */
export function fitHints(context: KeyContext, width: number): { keys: string; text: string }[] {
  const all = hintsFor(context);
  const help = all.find((h) => h.keys === '?');
  const rest = all.filter((h) => h !== help);
  const len = (h: { keys: string; text: string }) => h.keys.length + 1 + h.text.length;
  let used = help ? len(help) : 0;
  const shown: { keys: string; text: string }[] = [];
  for (const h of rest) {
    const add = len(h) + (shown.length > 0 || help ? GAP.length : 0);
    if (used + add > width) break;
    shown.push(h);
    used += add;
  }
  return help ? [...shown, help] : shown;
}

export function HintBar({ context, width }: { context: KeyContext; width: number }) {
  const hints = fitHints(context, width);
  return (
    <Text wrap="truncate-end">
      {hints.map((h, i) => (
        <Text key={h.keys}>
          {i > 0 ? GAP : ''}
          <Text bold>{h.keys}</Text> {h.text}
        </Text>
      ))}
    </Text>
  );
}
