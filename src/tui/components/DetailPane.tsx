/**
 * The detail of the user under the cursor: who they are, the current decision and ufmatch's
 * proposal, what CiviCRM would do on this platform, the candidate grid and every warning in
 * words. Clipped to its height; warnings that do not fit are counted.
 */
import { Box, Text } from 'ink';
import { Clip } from './Clip.js';
import type { Decision, UserPlan } from '../../domain/decisions.js';
import { isStrong } from '../../domain/warnings.js';
import { useTheme } from '../context.js';
import { clip, firstLines, score, wrapWords } from '../format.js';
import { acceptBlocked, describeDecision } from '../state/decisionSteps.js';
import type { ReviewState } from '../state/review.js';
import { ACTION_COLOR, userName } from './UserList.js';
import { CandidateGrid, CandidateLines } from './CandidateGrid.js';
import { candidateLayout } from '../detailLayout.js';
import { keysSaid } from '../keys.js';

function by(d: Decision): string {
  return d.decidedBy === 'operator' ? 'by you' : d.decidedBy === 'decisions-file' ? 'from the decisions file' : 'by ufmatch';
}

/** @param blocked why y would be refused (acceptBlocked), or null */
function proposalText(r: UserPlan, blocked: string | null): string {
  const p = r.proposal;
  if (p.action === 'review') {
    if (p.contactId === null) return `needs review — no proposal (${keysSaid('pick')}, ${keysSaid('create')} or ${keysSaid('skip')})`;
    return `needs review — best candidate #${p.contactId} (${blocked ?? `${keysSaid('accept')} links it`})`;
  }
  return `${describeDecision(p)} (${p.reason})`;
}

/** A warning's detail without its closing "; CiviCRM would …": the pane says that once, above the grid. */
export function withoutCivicrm(detail: string, civicrm: string): string {
  return detail.endsWith(`; ${civicrm}`) ? detail.slice(0, detail.length - civicrm.length - 2) : detail;
}

/**
 * Lines for each warning within `room`: every warning that fits gets one line (a line is kept
 * for "+N more" when not all do), then the spare lines let them wrap, first ones first. With a
 * single line for several, it shows the first (the pane puts the count on that line).
 */
export function allotLines(needs: readonly number[], room: number): number[] {
  const shown = needs.length <= room ? needs.length : room === 1 ? 1 : Math.max(0, room - 1);
  const out: number[] = needs.slice(0, shown).map(() => 1);
  let spare = room - shown - (shown < needs.length ? 1 : 0);
  for (let k = 0; k < shown && spare > 0; k++) {
    const extra = Math.min(spare, needs[k]! - 1);
    out[k]! += extra;
    spare -= extra;
  }
  return out;
}

/** The first n of a warning's lines; a warning cut short ends in "…" (a taller terminal shows the rest). */
function cut(lines: readonly string[], n: number, width: number): string {
  return firstLines(lines, n, width).join('\n');
}

export function DetailPane({ review, row, width, height }: { review: ReviewState; row: number; width: number; height: number }) {
  const { color } = useTheme();
  if (row < 0) return <Box height={height} />;
  const r = review.rows.row(row);
  const d = review.rows.decision(row);
  const u = r.user;
  const platform = review.model.plan.platform;
  const who = [
    `user ${u.ufId}`,
    u.email || '(no email)',
    userName(r),
    u.username && u.username !== userName(r) ? `login ${u.username}` : '',
    u.registered ? `registered ${u.registered}` : '',
    u.blocked ? 'BLOCKED' : '',
  ].filter(Boolean).join(' · ');
  // too short for the grid: CiviCRM's outcome on one line and each candidate on one, so the
  // contacts 1–9 and y act on stay on screen (a taller terminal shows the grid)
  const layout = candidateLayout(r, platform, width, height);
  const said = layout.said;
  const civicrmLines = layout.civicrmLines;
  const room = Math.max(0, height - 2 - civicrmLines.length - layout.lines);
  // strong warnings first, best score first (as the candidates are): when not all fit, the ones
  // that sent the user to review are shown
  const ordered = r.warnings.map((w, i) => ({ w, i })).sort((a, b) => Number(isStrong(b.w.code)) - Number(isStrong(a.w.code)) || b.w.score - a.w.score || a.i - b.i).map((x) => x.w);
  const warnings = ordered.map((w) => wrapWords(`${isStrong(w.code) ? '★' : '·'} ${w.code} ${score(w.score)}: ${withoutCivicrm(w.detail, said)}`, width));
  const allotted = allotLines(warnings.map((w) => w.length), room);
  const hidden = warnings.length - allotted.length;
  // no line of its own for the count: it leads the one warning shown
  const countInline = hidden > 0 && allotted.length === room;
  const countText = `+${hidden} more warning${hidden > 1 ? 's' : ''}`;
  return (
    <Clip width={width} height={height}>
      <Text wrap="truncate-end" bold>{clip(who, width)}</Text>
      <Text wrap="truncate-end">
        {'now: '}
        <Text color={color ? ACTION_COLOR[d.action] : undefined} bold>{describeDecision(d).toUpperCase()}</Text>
        {` (${by(d)}) · ufmatch: ${proposalText(r, acceptBlocked(review, row))}`}
      </Text>
      {civicrmLines.length > 0 ? <Text wrap="truncate-end">{civicrmLines.join('\n')}</Text> : null}
      {layout.compact ? (
        <CandidateLines row={r} decision={d} contacts={review.model.contacts} holdersOf={(id) => review.holds.contactHolders(id)} linkHolderOf={(id) => review.holds.linkHolder(id)} width={width} layout={layout} />
      ) : (
        <CandidateGrid row={r} decision={d} contacts={review.model.contacts} holdersOf={(id) => review.holds.contactHolders(id)} linkHolderOf={(id) => review.holds.linkHolder(id)} width={width} />
      )}
      {allotted.map((n, k) => (
        <Text key={k} wrap="truncate-end" color={color && isStrong(ordered[k]!.code) ? 'yellow' : undefined}>
          {k === 0 && countInline ? clip(`${countText} · ${warnings[k]![0]!}`, width) : cut(warnings[k]!, n, width)}
        </Text>
      ))}
      {hidden > 0 && !countInline ? <Text wrap="truncate-end" dimColor>{clip(`${countText} (a taller terminal shows them)`, width)}</Text> : null}
      {r.warnings.length === 0 ? <Text dimColor>No warnings.</Text> : null}
    </Clip>
  );
}
