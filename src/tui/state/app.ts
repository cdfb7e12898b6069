/**
 * The whole TUI's state: loading (a progress bar per file), the resume question, then the
 * review. A pure reducer over the phases; the review phase delegates to reviewReducer.
 */
import { initialReview, reviewReducer, type JournalFault, type Message, type ReviewAction, type ReviewEvent, type ReviewState } from './review.js';
import type { ReviewModel } from './model.js';
import type { Decision } from '../../domain/decisions.js';
import type { Change } from './history.js';

export interface FileProgress {
  readonly label: string;
  /** Bytes (or rows) done and the total, for the percentage. */
  readonly done: number;
  readonly total: number;
  readonly rows: number;
  readonly startedAt: number;
  readonly updatedAt: number;
  readonly finished: boolean;
}

export type AppEvent = ReviewEvent | { readonly kind: 'resume'; readonly restore: boolean };

export type AppState =
  | { readonly phase: 'loading'; readonly files: readonly FileProgress[]; readonly events: readonly AppEvent[] }
  | { readonly phase: 'resume'; readonly entries: number; readonly journal: string; readonly events: readonly AppEvent[] }
  /**
   * Loaded (or answered), the review not up yet: seconds of work at 200k users. Said on screen,
   * and no key but Ctrl-C acts — a key typed now must not decide for a user not yet shown.
   */
  | { readonly phase: 'preparing'; readonly text: string; readonly files: readonly FileProgress[]; readonly events: readonly AppEvent[] }
  | { readonly phase: 'review'; readonly review: ReviewState; readonly events: readonly AppEvent[] };

export type AppAction =
  | { readonly type: 'progress'; readonly label: string; readonly done: number; readonly total: number; readonly rows: number; readonly at: number }
  | { readonly type: 'finished'; readonly label: string; readonly rows: number; readonly at: number }
  | { readonly type: 'ask-resume'; readonly entries: number; readonly journal: string }
  | { readonly type: 'resume-answer'; readonly restore: boolean }
  | { readonly type: 'preparing'; readonly text: string }
  | {
      readonly type: 'start-review';
      readonly model: ReviewModel;
      readonly unwritten: number;
      readonly message: Message | null;
      readonly listHeight?: number;
      readonly baseline?: readonly Decision[];
      readonly journaled?: boolean;
      readonly journalFault?: JournalFault | null;
      /** The steps a resumed journal took, oldest first: u undoes them as the earlier session's own. */
      readonly restoredSteps?: readonly Change[];
    }
  | ReviewAction;

export const initialApp: AppState = { phase: 'loading', files: [], events: [] };

export function appReducer(state: AppState, action: AppAction): AppState {
  const s = state.events.length ? ({ ...state, events: [] } as AppState) : state;
  switch (action.type) {
    case 'progress':
    case 'finished':
      return s.phase === 'loading' ? { ...s, files: progressed(s.files, action) } : s;
    case 'ask-resume':
      return { phase: 'resume', entries: action.entries, journal: action.journal, events: [] };
    case 'resume-answer':
      return s.phase === 'resume' ? { ...s, events: [{ kind: 'resume', restore: action.restore }] } : s;
    case 'preparing':
      return s.phase === 'review' ? s : { phase: 'preparing', text: action.text, files: s.phase === 'loading' ? s.files : [], events: [] };
    case 'start-review':
      return {
        phase: 'review',
        review: initialReview(action.model, {
          unwritten: action.unwritten,
          message: action.message,
          listHeight: action.listHeight,
          ...(action.baseline ? { baseline: action.baseline } : {}),
          journaled: action.journaled ?? false,
          journalFault: action.journalFault ?? null,
          ...(action.restoredSteps ? { restoredSteps: action.restoredSteps } : {}),
        }),
        events: [],
      };
    case 'abort':
      if (s.phase !== 'review') return { ...s, events: [{ kind: 'exit', code: 130 }] };
      break;
  }
  if (s.phase !== 'review') return s;
  const review = reviewReducer(s.review, action as ReviewAction);
  return review === s.review ? s : { phase: 'review', review, events: review.events };
}

function progressed(files: readonly FileProgress[], a: Extract<AppAction, { type: 'progress' | 'finished' }>): readonly FileProgress[] {
  const k = files.findIndex((f) => f.label === a.label);
  const prev = k >= 0 ? files[k]! : null;
  const startedAt = prev?.startedAt ?? a.at;
  const next: FileProgress =
    a.type === 'progress'
      ? { label: a.label, done: a.done, total: a.total, rows: a.rows, startedAt, updatedAt: a.at, finished: false }
      : { label: a.label, done: prev?.total || 1, total: prev?.total || 1, rows: a.rows, startedAt, updatedAt: a.at, finished: true };
  return k >= 0 ? files.map((f, j) => (j === k ? next : f)) : [...files, next];
}
