/** `?`: every key of the review, from the key table, in columns that fit the screen. */
import { Box, Text } from 'ink';
import { Clip } from './Clip.js';
import { HELP_SECTIONS, KEY_TABLE } from '../keys.js';
import { clip, fit, textWidth } from '../format.js';

const LEGEND: readonly [string, string][] = [
  ['action*', 'decided by you'],
  ['★', 'strong warning'],
  ['= ≠', 'same / differs from user'],
  ['[ab]', 'the differing part'],
  ['!', 'look here'],
  ['→', 'the contact linked now'],
];

/**
 * The help's lines: with the section titles and the signs' legend when `full`, else the keys
 * alone (a small terminal). Labels are padded to the widest label of the column they are in.
 */
export function helpLines(full = true): { label: string; text: string; title: boolean }[] {
  const out: { label: string; text: string; title: boolean }[] = [];
  for (const s of HELP_SECTIONS) {
    if (full) out.push({ label: '', text: s.title, title: true });
    for (const c of s.commands) {
      const b = KEY_TABLE.find((k) => k.command === c && k.contexts.includes('review'))!;
      out.push({ label: b.label, text: b.help, title: false });
    }
  }
  if (full) {
    out.push({ label: '', text: 'Signs', title: true });
    for (const [sign, meaning] of LEGEND) out.push({ label: sign, text: meaning, title: false });
  }
  return out;
}

type HelpLine = ReturnType<typeof helpLines>[number];

/**
 * The help in columns of `perColumn` lines within `width`: each column as wide as its text
 * needs (its labels padded to its widest), the room left over to the last. Null when the
 * columns cannot show each key with a few words of its meaning.
 */
export function helpColumns(lines: readonly HelpLine[], perColumn: number, width: number): { lines: string[]; title: boolean[]; width: number }[] | null {
  const cols: { lines: string[]; title: boolean[]; width: number; floor: number }[] = [];
  for (let k = 0; k < lines.length; k += perColumn) {
    const part = lines.slice(k, k + perColumn);
    const label = Math.max(0, ...part.filter((l) => !l.title).map((l) => textWidth(l.label))) + 2;
    const texts = part.map((l) => (l.title ? l.text : fit(l.label, label) + l.text));
    const natural = Math.max(...texts.map(textWidth)) + 2;
    cols.push({ lines: texts, title: part.map((l) => l.title), width: natural, floor: Math.min(natural, label + 10) });
  }
  const natural = cols.reduce((n, c) => n + c.width, 0);
  if (natural <= width) cols[cols.length - 1]!.width += width - natural;
  else {
    // squeeze the widest columns first, leaving each key its label and some words of meaning
    let over = natural - width;
    for (const c of [...cols].sort((a, b) => b.width - a.width)) {
      const give = Math.min(over, c.width - c.floor);
      c.width -= give;
      over -= give;
    }
    if (over > 0) return null;
  }
  return cols.map(({ lines: l, title, width: w }) => ({ lines: l, title, width: w }));
}

export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const perColumn = Math.max(1, height - 2);
  const cols = helpColumns(helpLines(true), perColumn, width) ?? helpColumns(helpLines(false), perColumn, width) ?? helpColumns(helpLines(false), perColumn, Number.MAX_SAFE_INTEGER)!.map((c, _k, all) => ({ ...c, width: Math.floor(width / all.length) }));
  return (
    <Clip width={width} height={height}>
      <Text bold wrap="truncate-end">{clip('Keys (every decision is saved to decisions.csv at once) — Esc or ? closes', width)}</Text>
      <Box flexDirection="row">
        {cols.map((col, k) => (
          <Box key={k} flexDirection="column" width={col.width} flexShrink={0}>
            {col.lines.map((l, j) => (
              <Text key={j} bold={col.title[j]} underline={col.title[j]} wrap="truncate-end">
                {clip(l, col.width - 1)}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Clip>
  );
}
