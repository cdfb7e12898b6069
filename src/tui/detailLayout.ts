/**
 * How the detail pane lays out a user's candidates for a size: the grid (one column per
 * candidate, the rest on a "more" line) or, on a pane too short for it, one line per candidate.
 * Pure, so that the reducer can tell which candidates are on screen: `1`–`9` act only on a
 * candidate the operator can see (a digit for a hidden one linked a contact never shown).
 */
import type { Candidate, CandidateBasis, UserPlan } from '../domain/decisions.js';
import type { Platform } from '../domain/types.js';
import { PLATFORM_LABEL } from '../domain/platform.js';
import { describeCivicrm } from '../match/civicrmWords.js';
import { clip, score, textWidth, wrapWords } from './format.js';

export const BASIS: Record<CandidateBasis, string> = {
  'existing-link': 'linked',
  'exact-email': 'exact',
  'alias-email': 'alias',
  'email-typo': 'typo',
  'name-match': 'name',
};

/** The label column of the grid. */
export const LABEL = 7;

/** How many candidate columns fit, and how wide the columns are. */
export function gridColumns(width: number, candidates: number): { user: number; cand: number; shown: number } {
  const user = Math.min(30, Math.max(14, Math.floor((width - LABEL) * 0.28)));
  const room = width - LABEL - user;
  const shown = Math.max(1, Math.min(candidates, Math.floor(room / 22)));
  const cand = Math.min(34, Math.floor(room / Math.max(1, shown)));
  return { user, cand, shown: Math.min(shown, candidates) };
}

/** Whether the grid ends with a "more" line: candidates past its columns, or carriers of the email not kept (UserPlan.moreCandidates). */
export function gridHasMoreLine(row: UserPlan, width: number): boolean {
  const n = row.candidates.length;
  return n > 0 && (gridColumns(width, n).shown < n || (row.moreCandidates ?? 0) > 0);
}

/**
 * The line for the candidates past those shown (numbered from `shown` + 1), after how many more
 * carry the email unlisted, within `width`: only whole entries, then "…" when some do not fit.
 * `listed` is how many it names.
 */
export function moreLine(more: readonly Candidate[], shown: number, unlisted: number, width: number): { text: string; listed: number } {
  let text = unlisted > 0 ? `${unlisted} more ${unlisted === 1 ? 'contact carries' : 'contacts carry'} this email (not listed)` : '';
  if (more.length === 0) return { text: clip(text, width), listed: 0 };
  text += `${text ? ' · ' : ''}${shown === 0 ? 'candidates' : 'more'}: `;
  let listed = 0;
  for (const c of more) {
    const entry = `${listed > 0 ? ' · ' : ''}${shown + listed + 1} #${c.contactId} ${score(c.score)} ${BASIS[c.basis]}`;
    // room for the entry, and for a closing " …" unless it is the last
    if (textWidth(text) + textWidth(entry) + (listed + 1 < more.length ? 2 : 0) > width) break;
    text += entry;
    listed++;
  }
  if (listed < more.length) text += listed > 0 ? ' …' : '…';
  return { text: clip(text, width), listed };
}

export interface CandidateLayout {
  /** What CiviCRM would do, in describeCivicrm's words (the warnings' details end with them). */
  readonly said: string;
  /** One line per candidate instead of the grid. */
  readonly compact: boolean;
  readonly civicrmLines: readonly string[];
  /** Lines the candidates take: the grid's, or those of the one-per-line list and its last line. */
  readonly lines: number;
  /** Candidates on a line of their own (compact) or in a column (grid). */
  readonly own: number;
  /** The "more" line, if any. */
  readonly more: { readonly text: string; readonly listed: number } | null;
}

/**
 * Lines kept for the warnings below the candidates: one for the first warning (or "No
 * warnings."), and one for "+N more" when there are more. Without them, a user with many
 * candidates at 80×24 showed the grid and none of the ★ warnings that sent them to review.
 */
export function warningReserve(r: UserPlan): number {
  return Math.min(2, Math.max(1, r.warnings.length));
}

/** Where the candidates go in a pane of `width` × `height` (the user and decision lines above take 2). */
export function candidateLayout(r: UserPlan, platform: Platform, width: number, height: number): CandidateLayout {
  const n = r.candidates.length;
  const unlisted = r.moreCandidates ?? 0;
  const said = describeCivicrm(r.civicrm, platform, r.user.emailKey !== '');
  // the pane's third line
  const civicrm = `CiviCRM on ${PLATFORM_LABEL[platform]}: ${said.replace(/^CiviCRM /, '')}`;
  const wrapped = wrapWords(civicrm, width);
  const gridLines = n === 0 ? 1 : 7 + (gridHasMoreLine(r, width) ? 1 : 0);
  const reserve = warningReserve(r);
  // the grid with CiviCRM's outcome whole, else on one line, as long as the warnings keep their lines
  const civicrmLines = n === 0 || height >= 2 + wrapped.length + gridLines + reserve ? wrapped : height >= 3 + gridLines + reserve ? [clip(civicrm, width)] : null;
  if (civicrmLines !== null) {
    const own = n === 0 ? 0 : gridColumns(width, n).shown;
    const more = gridHasMoreLine(r, width) ? moreLine(r.candidates.slice(own), own, unlisted, width) : null;
    return { said, compact: false, civicrmLines, lines: gridLines, own, more };
  }
  // too short for the grid: CiviCRM's outcome on one line and each candidate on one, leaving a
  // line for the warnings where the pane has six or more
  const oneLine = height >= 4 ? [clip(civicrm, width)] : [];
  const room = Math.max(0, height - 2 - oneLine.length - (height >= 6 ? 1 : 0));
  const own = n + (unlisted > 0 ? 1 : 0) <= room ? n : Math.max(0, room - 1);
  const more = own < n || unlisted > 0 ? moreLine(r.candidates.slice(own), own, unlisted, width) : null;
  return { said, compact: true, civicrmLines: oneLine, lines: Math.min(room, own + (more ? 1 : 0)), own, more };
}

/** How many candidates, from the first, are on screen with their number (what `1`–`9` may act on). */
export function candidatesOnScreen(r: UserPlan, platform: Platform, width: number, height: number): number {
  const l = candidateLayout(r, platform, width, height);
  const lineForMore = l.compact ? l.own < l.lines : true;
  return l.own + (l.more && lineForMore ? l.more.listed : 0);
}
