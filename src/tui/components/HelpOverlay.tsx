/** `?`: every key of the review, from the key table, in columns that fit the screen. */
import { Box, Text } from 'ink';
import { Clip } from './Clip.js';
import { HELP_SECTIONS, KEY_TABLE } from '../keys.js';
import { clip, fit } from '../format.js';

const LEGEND: readonly [string, string][] = [
  ['action*', 'decided by you'],
  ['★', 'strong warning'],
  ['= ≠', 'same / differs from user'],
  ['[ab]', 'the differing part'],
  ['!', 'look here'],
  ['→', 'the contact linked now'],
];
const LABEL = 8;

export function helpLines(): { text: string; title: boolean }[] {
  const out: { text: string; title: boolean }[] = [];
  for (const s of HELP_SECTIONS) {
    out.push({ text: s.title, title: true });
    for (const c of s.commands) {
      const b = KEY_TABLE.find((k) => k.command === c && k.contexts.includes('review'))!;
      out.push({ text: `${fit(b.label, LABEL)}${b.help}`, title: false });
    }
  }
  out.push({ text: 'Signs', title: true });
  for (const [sign, meaning] of LEGEND) out.push({ text: `${fit(sign, LABEL)}${meaning}`, title: false });
  return out;
}

export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const all = helpLines();
  const perColumn = Math.max(1, height - 2);
  const columns = Math.ceil(all.length / perColumn);
  const colWidth = Math.floor(width / Math.max(1, columns));
  const cols = Array.from({ length: columns }, (_, k) => all.slice(k * perColumn, (k + 1) * perColumn));
  return (
    <Clip width={width} height={height}>
      <Text bold wrap="truncate-end">Keys (every decision is saved to decisions.csv at once) — Esc or ? closes</Text>
      <Box flexDirection="row">
        {cols.map((col, k) => (
          <Box key={k} flexDirection="column" width={colWidth}>
            {col.map((l, j) => (
              <Text key={j} bold={l.title} underline={l.title} wrap="truncate-end">
                {clip(l.text, colWidth - 1)}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Clip>
  );
}
