/** `?`: every key of the review, from the key table, in columns that fit the screen. */
import { Box, Text } from 'ink';
import { Clip } from './Clip.js';
import { HELP_SECTIONS, KEY_TABLE } from '../keys.js';
import { clip, fit, textWidth } from '../format.js';
import { firstKeySaid, keysSaid } from '../keys.js';

const LEGEND: readonly [string, string][] = [
  ['action*', 'decided by you'],
  ['★', 'strong warning'],
  ['= ≠', 'same / differs from user'],
  ['[ab]', 'the differing part (in colour: underlined)'],
  ['^', 'in colour: characters missing here'],
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
/** Columns squeezed onto one page keep this much of each key's meaning; narrower, the help goes to pages. */
const SQUEEZED = 20;
type HelpColumn = { lines: string[]; title: boolean[]; width: number };

/**
 * The help as pages of columns: one page when it fits (with its titles and legend, else the
 * keys alone, squeezed to a few words each); on a terminal too small for that, as many pages
 * as it takes with each line whole (or cut, when one line alone is wider than the screen).
 */
export function helpPages(width: number, perColumn: number): HelpColumn[][] {
  const one = helpColumns(helpLines(true), perColumn, width) ?? helpColumns(helpLines(false), perColumn, width);
  if (one) return [one];
  const columns = columnsOf(helpLines(true), perColumn);
  for (let c = columns.length - 1; c >= 1; c--) {
    const pages: HelpColumn[][] = [];
    for (let k = 0; k < columns.length; k += c) {
      const cols = helpColumns(columns.slice(k, k + c).flat(), perColumn, width, false);
      if (cols === null) break;
      pages.push(cols);
    }
    if (pages.length === Math.ceil(columns.length / c)) return pages;
  }
  const pages: HelpColumn[][] = [];
  for (const part of columns) pages.push([{ ...helpColumns(part, perColumn, Number.MAX_SAFE_INTEGER)![0]!, width }]);
  return pages;
}

/** `lines` in columns of at most `perColumn`, a section's title never last in a column (it goes on with its keys). */
function columnsOf(lines: readonly HelpLine[], perColumn: number): HelpLine[][] {
  const out: HelpLine[][] = [];
  let k = 0;
  while (k < lines.length) {
    let end = Math.min(lines.length, k + perColumn);
    if (end < lines.length && end - k > 1 && lines[end - 1]!.title) end--;
    out.push(lines.slice(k, end));
    k = end;
  }
  return out;
}

/**
 * The help in columns of `perColumn` lines within `width`: each column as wide as its text
 * needs (its labels padded to its widest), the room left over to the last. Null when the
 * columns cannot show each key with SQUEEZED characters of its meaning (or, without
 * `squeeze`, with all of it).
 */
export function helpColumns(lines: readonly HelpLine[], perColumn: number, width: number, squeeze = true): HelpColumn[] | null {
  const cols: { lines: string[]; title: boolean[]; width: number; floor: number }[] = [];
  for (const part of columnsOf(lines, perColumn)) {
    const label = Math.max(0, ...part.filter((l) => !l.title).map((l) => textWidth(l.label))) + 2;
    const texts = part.map((l) => (l.title ? l.text : fit(l.label, label) + l.text));
    const natural = Math.max(...texts.map(textWidth)) + 2;
    cols.push({ lines: texts, title: part.map((l) => l.title), width: natural, floor: Math.min(natural, label + SQUEEZED) });
  }
  const natural = cols.reduce((n, c) => n + c.width, 0);
  if (natural <= width) cols[cols.length - 1]!.width += width - natural;
  else if (!squeeze) return null;
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

/** @param page the page turns since the help opened (ReviewState.helpPage), taken modulo the page count */
export function HelpOverlay({ width, height, page }: { width: number; height: number; page: number }) {
  const perColumn = Math.max(1, height - 2);
  const pages = helpPages(width, perColumn);
  const at = ((page % pages.length) + pages.length) % pages.length;
  const cols = pages[at]!;
  const title = pages.length === 1
    ? `Keys (every decision is saved to decisions.csv at once) — ${keysSaid('close-help')} closes`
    : `Keys, page ${at + 1}/${pages.length} — ${firstKeySaid('help-next-page')}/${firstKeySaid('help-previous-page')} turns, ${firstKeySaid('close-help')} closes`;
  return (
    <Clip width={width} height={height}>
      <Text bold wrap="truncate-end">{clip(title, width)}</Text>
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
