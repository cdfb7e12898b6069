/**
 * The user list: one line per user of the current queue. Only the visible window is built
 * (each row found in O(log n)), so 200,000 users move as fast as 20. Drawn column by column
 * (one text per column, unpadded): Ink's cost grows with every character it lays out, and
 * padding would be most of them.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Action, Decision, UserPlan } from '../../domain/decisions.js';
import { warningCodes } from '../../domain/decisions.js';
import { isStrong } from '../../domain/warnings.js';
import { useTheme } from '../context.js';
import { clip, clipApart, count, fit, score } from '../format.js';
import { QUEUE_LABEL, queueLength, rowAt } from '../state/queues.js';
import type { ReviewState } from '../state/review.js';
import { clampView } from '../state/view.js';
import { keysSaid } from '../keys.js';

export const ACTION_COLOR: Record<Action, string> = {
  review: 'yellow',
  link: 'green',
  create: 'cyan',
  keep: 'blue',
  skip: 'gray',
};

export interface ListColumns {
  readonly marker: number;
  readonly action: number;
  readonly email: number;
  readonly name: number;
  readonly contact: number;
  readonly warnings: number;
}

/** Column widths (each with its gap) for a list `width` wide. */
export function listColumns(width: number): ListColumns {
  const marker = 2;
  const action = 8;
  const contact = 14; // "#1234567 0.95" and a gap: ids of a million-contact site are 7 digits
  const rest = Math.max(12, width - marker - action - contact);
  const email = Math.max(10, Math.floor(rest * 0.42));
  const name = Math.max(8, Math.floor(rest * 0.26));
  const warnings = Math.max(0, rest - email - name);
  return { marker, action, email, name, contact, warnings };
}

/** The contact a row shows: the one it links or keeps, else its best candidate. */
export function contactCell(d: Decision, r: UserPlan): string {
  if (d.action === 'link' || d.action === 'keep') return `#${d.contactId}`;
  if (d.action === 'create') return 'new';
  const best = r.candidates[0];
  return best ? `#${best.contactId} ${score(best.score)}` : '';
}

export function userName(r: UserPlan): string {
  const u = r.user;
  return [u.firstName, u.middleName, u.lastName].filter(Boolean).join(' ') || u.displayName || u.username;
}

/** The words of one list line, column by column; `strong`: a ★ warning is among them. */
export function rowCells(r: UserPlan, d: Decision): { action: string; email: string; name: string; contact: string; warnings: string; strong: boolean } {
  const codes = warningCodes(r.warnings);
  return {
    action: `${d.action}${d.decidedBy !== 'auto' ? '*' : ''}`,
    email: r.user.email || `(no email) uf ${r.user.ufId}`,
    name: userName(r),
    contact: contactCell(d, r),
    warnings: codes.join(' '),
    strong: codes.some(isStrong),
  };
}

/** Width of the ★ column at the start of the warnings column. */
const STAR = 2;

/** A column's lines, and (when any line is cut) the '…' marks laid over its last cell. */
function Column({ width, children, cuts }: { width: number; children: ReactNode; cuts?: readonly boolean[] }) {
  return (
    <Box width={width} flexShrink={0}>
      <Text>{children}</Text>
      {cuts?.includes(true) ? <Overlay at={width - 2} marks={cuts.map((c) => (c ? '…' : ''))} /> : null}
    </Box>
  );
}

/** One-character marks drawn over the cells at column `at` (an empty mark leaves the cell be). */
function Overlay({ at, marks }: { at: number; marks: readonly string[] }) {
  return (
    <Box position="absolute" marginLeft={Math.max(0, at)} width={1}>
      <Text>{marks.join('\n')}</Text>
    </Box>
  );
}

export function UserList({ review, rows, width }: { review: ReviewState; rows: number; width: number }) {
  const { color } = useTheme();
  const q = review.queue;
  const length = queueLength(review.rows, q);
  const view = clampView(review.views[q], length, rows);
  const cols = listColumns(width);
  // where the cursor is, at the line's end: the column titles are what a narrow list cuts
  const where = length === 0 ? '' : `${count(view.cursor + 1)}/${count(length)}`;
  const titles = fit('', cols.marker) + fit('action*', cols.action) + fit('email', cols.email) + fit('name', cols.name) + fit('contact', cols.contact) + 'warnings';
  const room = Math.max(0, width - where.length - 1);
  const header = (
    <Text wrap="truncate-end" dimColor>
      {where === '' ? clip(titles, width) : `${fit(titles, room)} ${where}`}
    </Text>
  );
  if (length === 0) {
    return (
      <Box flexDirection="column" width={width} height={rows + 1} flexShrink={0}>
        {header}
        <Text wrap="truncate-end">{`  No users in ${QUEUE_LABEL[q]}${q === 'review' ? `: every case is settled — ${keysSaid('write')} writes the outputs.` : '.'} ${keysSaid('next-queue')}: next queue.`}</Text>
      </Box>
    );
  }
  const markers: string[] = [];
  const actions: ReactNode[] = [];
  const cells = { email: [] as ReactNode[], name: [] as ReactNode[], contact: [] as ReactNode[], warnings: [] as ReactNode[] };
  const cuts = { email: [] as boolean[], name: [] as boolean[], contact: [] as boolean[], warnings: [] as boolean[] };
  const stars: ReactNode[] = [];
  const end = Math.min(length, view.top + rows);
  for (let pos = view.top; pos < end; pos++) {
    const i = rowAt(review.rows, q, pos);
    const d = review.rows.decision(i);
    const c = rowCells(review.rows.row(i), d);
    const selected = pos === view.cursor;
    const nl = pos < end - 1 ? '\n' : '';
    // keyed by screen line, not by position: a page down then updates the lines' text
    // instead of tearing down and rebuilding every Ink node (and its Yoga node)
    const slot = pos - view.top;
    markers.push(selected ? '>' : ' ');
    actions.push(
      <Text key={slot} color={color ? ACTION_COLOR[d.action] : undefined} bold={d.action === 'review'} inverse={selected && color}>
        {(selected ? fit(c.action, cols.action) : c.action) + nl}
      </Text>,
    );
    const star = c.strong ? '★' : ' ';
    stars.push(selected && color ? <Text key={slot} inverse>{star + ' ' + nl}</Text> : star + nl);
    for (const k of ['email', 'name', 'contact', 'warnings'] as const) {
      const w = k === 'warnings' ? cols.warnings - STAR : cols[k];
      if (selected && color) {
        cells[k].push(
          <Text key={slot} inverse>
            {fit(clip(c[k], Math.max(0, w - 1)), w) + nl}
          </Text>,
        );
        cuts[k].push(false);
      } else {
        const { head, cut } = clipApart(c[k], Math.max(0, w - 1));
        cells[k].push(head + nl);
        cuts[k].push(cut);
      }
    }
  }
  return (
    <Box flexDirection="column" width={width} height={rows + 1} flexShrink={0}>
      {header}
      <Box flexDirection="row" height={rows} flexShrink={0}>
        <Column width={cols.marker}>{markers.join('\n')}</Column>
        <Column width={cols.action}>{actions}</Column>
        <Column width={cols.email} cuts={cuts.email}>
          {cells.email}
        </Column>
        <Column width={cols.name} cuts={cuts.name}>
          {cells.name}
        </Column>
        <Column width={cols.contact} cuts={cuts.contact}>
          {cells.contact}
        </Column>
        {cols.warnings > STAR ? (
          <>
            <Column width={STAR}>{stars}</Column>
            <Column width={cols.warnings - STAR} cuts={cuts.warnings}>
              {cells.warnings}
            </Column>
          </>
        ) : null}
      </Box>
    </Box>
  );
}
