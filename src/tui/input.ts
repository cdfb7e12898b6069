/**
 * From a key to an action: the context comes from the state, the binding from the key table.
 * Pure, so keyboard behaviour is tested without rendering.
 */
import { bindingFor, type Command, type KeyContext } from './keys.js';
import type { AppAction, AppState } from './state/app.js';

export function contextOf(s: AppState): KeyContext {
  if (s.phase === 'loading' || s.phase === 'preparing') return 'loading';
  if (s.phase === 'resume') return 'resume';
  const r = s.review;
  if (r.writing) return 'loading';
  if (r.overlay === 'help') return 'help';
  if (r.overlay === 'summary') return 'summary';
  if (r.overlay === 'quit') return 'quit';
  if (r.search.editing) return 'search';
  return 'review';
}

function commandAction(c: Command, key: string): AppAction | null {
  switch (c) {
    case 'down': return { type: 'move', by: 1 };
    case 'up': return { type: 'move', by: -1 };
    case 'top': return { type: 'jump', to: 'top' };
    case 'bottom': return { type: 'jump', to: 'bottom' };
    case 'page-down': return { type: 'page', dir: 1 };
    case 'page-up': return { type: 'page', dir: -1 };
    case 'next-queue': return { type: 'queue', dir: 1 };
    case 'previous-queue': return { type: 'queue', dir: -1 };
    case 'pick': return { type: 'decide', command: { kind: 'pick', n: Number(key) } };
    case 'accept': return { type: 'decide', command: { kind: 'accept' } };
    case 'create': return { type: 'decide', command: { kind: 'create' } };
    case 'skip': return { type: 'decide', command: { kind: 'skip' } };
    case 'undo': return { type: 'undo' };
    case 'redo': return { type: 'redo' };
    case 'search': return { type: 'search-open' };
    case 'next-hit': return { type: 'search-next', dir: 1 };
    case 'previous-hit': return { type: 'search-next', dir: -1 };
    case 'search-confirm': return { type: 'search-confirm' };
    case 'search-cancel': return { type: 'search-cancel' };
    case 'search-erase': return { type: 'search-erase' };
    case 'help': return { type: 'help-open' };
    case 'close-help': return { type: 'help-close' };
    case 'help-next-page': return { type: 'help-page', dir: 1 };
    case 'help-previous-page': return { type: 'help-page', dir: -1 };
    case 'write': return { type: 'write-open' };
    case 'confirm-write': return { type: 'write-confirm' };
    case 'back': return { type: 'write-cancel' };
    case 'quit': return { type: 'quit' };
    case 'quit-write': return { type: 'quit-write' };
    case 'quit-discard': return { type: 'quit-discard' };
    case 'stay': return { type: 'quit-cancel' };
    case 'resume-yes': return { type: 'resume-answer', restore: true };
    case 'resume-no': return { type: 'resume-answer', restore: false };
    case 'abort': return { type: 'abort' };
  }
}

/**
 * The action a key makes in this state, or null when the key means nothing here.
 * `key` is the key's name (keyName), `text` what it types (typedText: the search line takes
 * any text, and a paste arrives as one string).
 */
export function actionForKey(s: AppState, key: string, text = key.length === 1 ? key : ''): AppAction | null {
  const context = contextOf(s);
  if (context === 'search' && text !== '' && key !== 'return') return { type: 'search-type', text };
  const b = bindingFor(context, key);
  return b ? commandAction(b.command, key) : null;
}
