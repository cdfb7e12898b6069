/**
 * The review screen's state and its pure reducer: (state, action) → state. Decisions live in
 * a persistent RowStore over the plan, the uniqueness rules in persistent Holds, undo/redo
 * in persistent stacks; no action does O(n) work except an explicit search. Side effects
 * (journal appends, writing, exiting) are not done here: the reducer lists them in `events`
 * for the shell to run.
 */
import type { Decision } from '../../domain/decisions.js';
import { decide, notSaved, travel } from './decisionSteps.js';
import { push, type Change, type Stack } from './history.js';
import { Holds } from './holds.js';
import type { ReviewModel } from './model.js';
import type { OperatorCommand } from './operatorDecision.js';
import { QUEUES, nextQueue, queueLength, type QueueName } from './queues.js';
import { RowStore } from './rowStore.js';
import { searchStep } from './searchStep.js';
import { ORIGIN, currentView, moveTo, say, withView } from './view.js';
import { keysSaid } from '../keys.js';

export interface QueueView {
  readonly cursor: number;
  readonly top: number;
}

export type Overlay = 'none' | 'help' | 'summary' | 'quit';

export interface SearchState {
  /** The search line is open and takes the keys. */
  readonly editing: boolean;
  readonly text: string;
  /** The last confirmed query ('' before any), used by n / N. */
  readonly query: string;
}

export interface JournalFault {
  /** Why, in a few words. */
  readonly why: string;
  /** The journal ends in a fragment of the row that could not be taken off. */
  readonly damaged: boolean;
  /** The error's code when known (ENOSPC: the disk is full). */
  readonly code?: string;
}

export interface Message {
  readonly text: string;
  readonly tone: 'info' | 'warn' | 'error';
  /**
   * About the whole session (the review's opening notes, a journal written again), not the user
   * under the cursor: kept when the cursor moves. Other messages, but errors, go with the user
   * they were about ("user 57 · n next" stayed on screen over user 29).
   */
  readonly session?: boolean;
}

export type ReviewEvent =
  /**
   * Append this decision to the journal (decided, undone or redone). `before` is the state
   * without it: when the journal cannot take it, the shell answers `not-saved`, which goes back
   * there — a decision that is not saved is not applied.
   */
  | { readonly kind: 'decided'; readonly row: number; readonly decision: Decision; readonly before: ReviewState }
  | { readonly kind: 'write' }
  | { readonly kind: 'exit'; readonly code: number };

export interface ReviewState {
  readonly model: ReviewModel;
  readonly rows: RowStore;
  readonly holds: Holds;
  readonly undo: Stack | null;
  readonly redo: Stack | null;
  readonly queue: QueueName;
  readonly views: Readonly<Record<QueueName, QueueView>>;
  readonly listHeight: number;
  /** The detail pane's size on screen (viewport), null before the first frame: which candidates 1–9 may act on. */
  readonly detailSize: { readonly width: number; readonly height: number } | null;
  readonly overlay: Overlay;
  /**
   * The `?` help's page turns since it opened (negative: back); the help shows this page
   * modulo its page count, which only the screen's size decides (one page on most terminals).
   */
  readonly helpPage: number;
  readonly search: SearchState;
  readonly message: Message | null;
  /**
   * Users whose decision differs from `baseline` (restored decisions the outputs do not hold
   * yet count too): an undo back to what was written leaves nothing unwritten.
   */
  readonly unwritten: number;
  /** The decisions the outputs hold (writtenBaseline at the start, then as last written): what `unwritten` counts against. */
  readonly baseline: RowStore;
  /** Whether the journal holds decisions (this review's, an earlier one's it goes on from, or those it started with): what the quit question may promise. */
  readonly journaled: boolean;
  /** Quit once the pending write has succeeded. */
  readonly exitAfterWrite: boolean;
  /**
   * The outputs are being written (a second or more at 200k users): said on the message line,
   * and no key but Ctrl-C acts until it is done — one typed meanwhile would act on the review
   * the overlay gives way to.
   */
  readonly writing: boolean;
  /** The last time the journal could not take a decision, or null: what the quit question and the exit may no longer promise. */
  readonly journalFault: JournalFault | null;
  readonly events: readonly ReviewEvent[];
}

export type ReviewAction =
  | { readonly type: 'move'; readonly by: number }
  | { readonly type: 'page'; readonly dir: 1 | -1 }
  | { readonly type: 'jump'; readonly to: 'top' | 'bottom' }
  | { readonly type: 'queue'; readonly dir: 1 | -1 }
  | { readonly type: 'decide'; readonly command: OperatorCommand }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'search-open' }
  | { readonly type: 'search-type'; readonly text: string }
  | { readonly type: 'search-erase' }
  | { readonly type: 'search-confirm' }
  | { readonly type: 'search-cancel' }
  | { readonly type: 'search-next'; readonly dir: 1 | -1 }
  | { readonly type: 'help-open' }
  | { readonly type: 'help-close' }
  | { readonly type: 'help-page'; readonly dir: 1 | -1 }
  | { readonly type: 'write-open' }
  | { readonly type: 'write-confirm' }
  | { readonly type: 'write-cancel' }
  | { readonly type: 'written'; readonly text: string }
  | { readonly type: 'write-failed'; readonly error: string }
  | { readonly type: 'quit' }
  | { readonly type: 'quit-write' }
  | { readonly type: 'quit-discard' }
  | { readonly type: 'quit-cancel' }
  | { readonly type: 'abort' }
  | { readonly type: 'viewport'; readonly listHeight: number; readonly detail?: { readonly width: number; readonly height: number } }
  /** The journal could not take the decision of a `decided` event: back to its `before`. */
  | { readonly type: 'not-saved'; readonly event: Extract<ReviewEvent, { kind: 'decided' }>; readonly fault: JournalFault }
  /** The journal had gone from its path (its folder removed) and the shell wrote it there again. */
  | { readonly type: 'journal-restored'; readonly text: string };

/**
 * @param opts.baseline the decisions the outputs hold, per row (writtenBaseline): what
 *   `unwritten` counts against; by default the decisions the review starts with
 * @param opts.restoredSteps the changes a resumed journal made, oldest first (applyJournal's
 *   steps, already in the model's plan): the undo stack starts with them, so u goes on undoing
 *   the earlier session's decisions one by one, as that session could
 */
export function initialReview(
  model: ReviewModel,
  opts: {
    unwritten?: number;
    message?: Message | null;
    listHeight?: number;
    baseline?: readonly Decision[];
    journaled?: boolean;
    journalFault?: JournalFault | null;
    restoredSteps?: readonly Change[];
  } = {},
): ReviewState {
  const rows = RowStore.fromRows(model.plan.rows);
  const b = opts.baseline;
  const same = b === undefined || model.plan.rows.every((r, i) => b[i] === r.decision);
  const baseline = same ? rows : RowStore.fromRows(model.plan.rows.map((r, i) => (b[i] === r.decision ? r : { ...r, decision: b[i]! })));
  const views = Object.fromEntries(QUEUES.map((q) => [q, ORIGIN])) as Record<QueueName, QueueView>;
  return {
    model,
    rows,
    baseline,
    holds: Holds.fromRows(model.plan.rows, model.links),
    undo: (opts.restoredSteps ?? []).reduce<Stack | null>(push, null),
    redo: null,
    queue: rows.count('review') > 0 ? 'review' : 'all',
    views,
    listHeight: Math.max(1, opts.listHeight ?? 10),
    detailSize: null,
    overlay: 'none',
    helpPage: 0,
    search: { editing: false, text: '', query: '' },
    message: opts.message ?? null,
    unwritten: opts.unwritten ?? 0,
    journaled: opts.journaled ?? false,
    exitAfterWrite: false,
    writing: false,
    journalFault: opts.journalFault ?? null,
    events: [],
  };
}

// ---- the reducer ----

const WRITING = { writing: true, message: { text: 'writing the outputs…', tone: 'info', session: true } } as const;

/** `next` after a move from `s`: a message about the user left behind goes with them (Message.session). */
function leaving(s: ReviewState, next: ReviewState): ReviewState {
  const m = next.message;
  if (m === null || m.session || m.tone === 'error' || currentView(next).cursor === currentView(s).cursor) return next;
  return { ...next, message: null };
}

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  const s: ReviewState = state.events.length ? { ...state, events: [] } : state;
  switch (action.type) {
    case 'move':
      return leaving(s, moveTo(s, currentView(s).cursor + action.by));
    case 'page': {
      const v = currentView(s);
      const by = action.dir * s.listHeight;
      return leaving(s, withView(s, s.queue, { cursor: v.cursor + by, top: v.top + by }));
    }
    case 'jump':
      return leaving(s, moveTo(s, action.to === 'top' ? 0 : queueLength(s.rows, s.queue) - 1));
    case 'queue': {
      const q = nextQueue(s.queue, action.dir);
      return { ...s, queue: q, message: null };
    }
    case 'decide':
      return decide(s, action.command);
    case 'undo':
      return travel(s, 'undo');
    case 'redo':
      return travel(s, 'redo');
    case 'search-open':
      return { ...s, search: { ...s.search, editing: true, text: '' }, message: null };
    case 'search-type':
      return { ...s, search: { ...s.search, text: s.search.text + action.text.replace(/[\u0000-\u001f\u007f]/g, '') } };
    case 'search-erase':
      return { ...s, search: { ...s.search, text: Array.from(s.search.text).slice(0, -1).join('') } };
    case 'search-cancel':
      return { ...s, search: { ...s.search, editing: false, text: '' } };
    case 'search-confirm': {
      const query = s.search.text.trim();
      const closed = { ...s, search: { editing: false, text: '', query: query || s.search.query } };
      return query ? searchStep(closed, 1) : closed;
    }
    case 'search-next':
      if (!s.search.query) return say(s, `no search yet: ${keysSaid('search')} searches by email, name, user id or #contact id`, 'warn');
      return searchStep(s, action.dir);
    case 'help-open':
      return { ...s, overlay: 'help', helpPage: 0 };
    case 'help-page':
      return { ...s, helpPage: s.helpPage + action.dir };
    case 'help-close':
      return { ...s, overlay: 'none' };
    case 'write-open':
      return { ...s, overlay: 'summary', message: null };
    case 'write-cancel':
      return { ...s, overlay: 'none' };
    case 'write-confirm':
      return { ...s, ...WRITING, events: [{ kind: 'write' }] };
    case 'written': {
      const done = { ...s, overlay: 'none' as const, writing: false, unwritten: 0, baseline: s.rows, message: { text: action.text, tone: 'info' as const, session: true } };
      return s.exitAfterWrite ? { ...done, events: [{ kind: 'exit', code: 0 }] } : done;
    }
    case 'write-failed':
      return { ...s, overlay: 'none', writing: false, exitAfterWrite: false, message: { text: `not written: ${action.error}`, tone: 'error' } };
    case 'quit':
      if (s.unwritten > 0) return { ...s, overlay: 'quit' };
      return { ...s, events: [{ kind: 'exit', code: 0 }] };
    case 'quit-write':
      return { ...s, ...WRITING, exitAfterWrite: true, events: [{ kind: 'write' }] };
    case 'quit-discard':
      return { ...s, events: [{ kind: 'exit', code: 0 }] };
    case 'quit-cancel':
      return { ...s, overlay: 'none' };
    case 'abort':
      return { ...s, events: [{ kind: 'exit', code: 130 }] };
    case 'not-saved':
      return notSaved(action.event, action.fault);
    case 'journal-restored':
      return { ...s, message: { text: action.text, tone: 'warn', session: true } };
    case 'viewport': {
      const h = Math.max(1, Math.floor(action.listHeight));
      const d = action.detail ?? s.detailSize;
      const same = d === s.detailSize || (d !== null && s.detailSize !== null && d.width === s.detailSize.width && d.height === s.detailSize.height);
      if (h === s.listHeight && same) return s;
      // a new size pages the help anew: its page count changed, and page i of the old one is not page i of this one
      return { ...s, listHeight: h, detailSize: d, helpPage: same ? s.helpPage : 0 };
    }
  }
}
