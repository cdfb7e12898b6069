/**
 * Before writing: SPEC §5.4's figures for the current decisions — users per action, CiviCRM's
 * own figures and the duplicates this plan avoids, warnings — with small bar charts.
 */
import { Table } from '@alcalzone/ink-table';
import { Box, Text } from 'ink';
import { Clip } from './Clip.js';
import { useMemo } from 'react';
import { ACTIONS } from '../../domain/decisions.js';
import { WARNING_CODES } from '../../domain/warnings.js';
import { OUTPUT_FILES } from '../../output/writeOutputs.js';
import { civicrmFigures, countActions, countWarnings } from '../../output/summary.js';
import { bar, clip, count, wrapWords } from '../format.js';
import type { ReviewState } from '../state/review.js';
import { currentRows } from '../state/view.js';
import { keysSaid } from '../keys.js';

const BAR = 16;

/** Lines of the bordered table of the five actions (a border above, below and between rows, and the heading). */
const TABLE_LINES = 2 * ACTIONS.length + 3;

export function summaryFigures(review: ReviewState) {
  const plan = { ...review.model.plan, rows: currentRows(review) };
  return { total: plan.rows.length, actions: countActions(plan), civicrm: civicrmFigures(plan), warnings: countWarnings(plan) };
}

/**
 * "Warnings: code n · code n …" wrapped between entries (a code and its count stay together),
 * in at most `max` lines; a last line that cannot hold the rest ends in "…".
 */
export function warningLines(entries: readonly string[], width: number, max: number): string[] {
  if (entries.length === 0) return ['Warnings: none'];
  const lines: string[] = [];
  let line = 'Warnings:';
  for (const e of entries) {
    const next = `${line}${line === 'Warnings:' ? ' ' : ' · '}${e}`;
    if (next.length <= width || line === 'Warnings:') line = next;
    else {
      lines.push(line);
      line = `  ${e}`;
    }
  }
  lines.push(line);
  if (lines.length <= max) return lines.map((l) => clip(l, width));
  const kept = lines.slice(0, max);
  kept[max - 1] = clip(`${kept[max - 1]} …`, width);
  return kept;
}

export function SummaryScreen({ review, width, height }: { review: ReviewState; width: number; height: number }) {
  const f = useMemo(() => summaryFigures(review), [review.rows]);
  const share = (n: number, of: number) => (of > 0 ? n / of : 0);
  const actionRows = ACTIONS.map((a) => ({ decision: a, users: count(f.actions[a]), share: bar(share(f.actions[a], f.total), BAR) }));
  const c = f.civicrm;
  const civiRows = [
    { 'CiviCRM sync': 'checked', users: count(c.checked), share: bar(1, BAR) },
    { 'CiviCRM sync': 'matching', users: count(c.matching), share: bar(share(c.matching, c.checked), BAR) },
    { 'CiviCRM sync': 'created', users: count(c.created), share: bar(share(c.created, c.checked), BAR) },
  ];
  const warnings = WARNING_CODES.filter((w) => f.warnings[w] > 0).map((w) => `${w} ${count(f.warnings[w])}`);
  const stops = review.model.plan.civicrmBatchStopsAt;
  const avoided = `Duplicate contacts CiviCRM would create that this plan avoids: ${count(c.duplicates_avoided)}`;
  // the closing lines first in the budget: what w and Esc do, and how many stay "review" (at
  // 80×24 the tables and warnings pushed them off the screen)
  const stay = f.actions.review > 0 ? `${count(f.actions.review)} ${f.actions.review === 1 ? 'user stays' : 'users stay'} "review". ` : '';
  const long = wrapWords(`${stay}${keysSaid('confirm-write')} writes the outputs to ${review.model.outDir} (${OUTPUT_FILES.join(', ')}); ${keysSaid('back')} goes back.`, width);
  const others = 1 + (stops != null ? 1 : 0) + 1; // title, batch stop, duplicates
  // (a small terminal: without the folder and the files' names)
  const closing = height >= others + long.length + ACTIONS.length + 2 ? long : wrapWords(`${stay}${keysSaid('confirm-write')} writes the outputs; ${keysSaid('back')} goes back.`, width);
  const fixedLines = others + closing.length;
  const wide = width >= 100;
  // the bordered tables (13 lines for the five actions, and a line for CiviCRM's figures when not beside them) when they leave a line for the warnings
  const tables = height >= fixedLines + (wide ? TABLE_LINES : TABLE_LINES + 1) + 1;
  const sideBySide = tables && wide;
  // the smallest terminals: the five figures on one line, wrapped
  const oneLine = wrapWords(ACTIONS.map((a) => `${a} ${count(f.actions[a])}`).join(' · '), width);
  const compact = !tables && height >= fixedLines + ACTIONS.length + 1 + 1;
  const figureLines = tables ? (wide ? TABLE_LINES : TABLE_LINES + 1) : compact ? ACTIONS.length + 1 : oneLine.length + 1;
  // the warnings' line goes first when even that leaves none (the closing lines matter more)
  const warningRoom = Math.max(0, Math.min(6, height - fixedLines - figureLines));
  return (
    <Clip width={width} height={height}>
      <Text bold wrap="truncate-end">{`Summary before writing — ${count(f.total)} users`}</Text>
      {tables ? (
        <Box flexDirection={sideBySide ? 'row' : 'column'}>
          <Box marginRight={2}>
            <Table data={actionRows} />
          </Box>
          {sideBySide ? (
            <Table data={civiRows} />
          ) : (
            <Text wrap="truncate-end">{`CiviCRM's own sync would report: checked ${count(c.checked)}, matching ${count(c.matching)}, created ${count(c.created)}.`}</Text>
          )}
        </Box>
      ) : !compact ? (
        <Box flexDirection="column">
          <Text wrap="truncate-end">{oneLine.join('\n')}</Text>
          <Text wrap="truncate-end">{`CiviCRM's own sync: checked ${count(c.checked)}, matching ${count(c.matching)}, created ${count(c.created)}.`}</Text>
        </Box>
      ) : (
        <Box flexDirection="column">
          {ACTIONS.map((a) => (
            <Text key={a} wrap="truncate-end">{`${a.padEnd(7)} ${count(f.actions[a]).padStart(9)} ${bar(share(f.actions[a], f.total), BAR)}`}</Text>
          ))}
          <Text wrap="truncate-end">{`CiviCRM's own sync: checked ${count(c.checked)}, matching ${count(c.matching)}, created ${count(c.created)}.`}</Text>
        </Box>
      )}
      {stops != null ? (
        <Text wrap="truncate-end">{`But CiviCRM's batch would stop with an error at user ${stops} (no email, no first or last name): see summary.txt.`}</Text>
      ) : null}
      <Text wrap="truncate-end">{avoided.length <= width ? avoided : clip(`Duplicates this plan avoids: ${count(c.duplicates_avoided)}`, width)}</Text>
      {warningRoom > 0 ? <Text wrap="truncate-end">{warningLines(warnings, width, warningRoom).join('\n')}</Text> : null}
      <Text wrap="truncate-end" bold>{closing.join('\n')}</Text>
    </Clip>
  );
}
