/**
 * The one key table: every key of the TUI, what it does, where it works and how it is shown.
 * Key handling (input.ts), the hint bar and the `?` help are all read from here.
 * Key names are what keyName() makes of a keypress: a printable character ('j', 'G', '/'),
 * or a named key ('down', 'pagedown', 'tab', 'shift+tab', 'return', 'escape', 'ctrl+r').
 */
export type KeyContext = 'loading' | 'resume' | 'review' | 'search' | 'help' | 'summary' | 'quit';

export type Command =
  | 'down' | 'up' | 'top' | 'bottom' | 'page-down' | 'page-up' | 'next-queue' | 'previous-queue'
  | 'pick' | 'accept' | 'create' | 'skip' | 'undo' | 'redo'
  | 'search' | 'next-hit' | 'previous-hit' | 'search-confirm' | 'search-cancel' | 'search-erase'
  | 'help' | 'close-help' | 'help-next-page' | 'help-previous-page' | 'write' | 'confirm-write' | 'back'
  | 'quit' | 'quit-write' | 'quit-discard' | 'stay'
  | 'resume-yes' | 'resume-no' | 'abort';

export interface KeyBinding {
  readonly command: Command;
  readonly keys: readonly string[];
  /** How the keys are written in the help, e.g. "j ↓": made from `keys` (keyWord), so it lists every one. */
  readonly label: string;
  /** One line for the `?` help. */
  readonly help: string;
  readonly contexts: readonly KeyContext[];
  /** Shown in the hint bar as "<hint.keys> <hint.text>"; bindings without it only appear in the help. */
  readonly hint?: { readonly keys: string; readonly text: string; readonly rank: number };
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const ALL: readonly KeyContext[] = ['loading', 'resume', 'review', 'search', 'help', 'summary', 'quit'];

const BINDINGS: readonly (Omit<KeyBinding, 'label'> & { readonly label?: string })[] = [
  // deciding (the hint bar lists these first: they are what the screen is for)
  { command: 'pick', keys: DIGITS, label: '1–9', help: 'link to candidate N', contexts: ['review'], hint: { keys: '1-9', text: 'link', rank: 1 } },
  { command: 'accept', keys: ['y'], help: "accept ufmatch's proposal", contexts: ['review'], hint: { keys: 'y', text: 'accept', rank: 2 } },
  { command: 'create', keys: ['c'], help: 'create a new contact', contexts: ['review'], hint: { keys: 'c', text: 'create', rank: 3 } },
  { command: 'skip', keys: ['s'], help: 'skip: leave unlinked', contexts: ['review'], hint: { keys: 's', text: 'skip', rank: 4 } },
  { command: 'undo', keys: ['u'], help: 'undo (again: earlier ones)', contexts: ['review'], hint: { keys: 'u', text: 'undo', rank: 5 } },
  { command: 'redo', keys: ['ctrl+r'], help: 'redo what was undone', contexts: ['review'], hint: { keys: '^R', text: 'redo', rank: 11 } },
  // moving
  { command: 'down', keys: ['j', 'down'], help: 'next user', contexts: ['review'], hint: { keys: 'j/k', text: 'move', rank: 9 } },
  { command: 'up', keys: ['k', 'up'], help: 'previous user', contexts: ['review'] },
  { command: 'top', keys: ['g', 'home'], help: 'first user', contexts: ['review'] },
  { command: 'bottom', keys: ['G', 'end'], help: 'last user', contexts: ['review'] },
  { command: 'page-down', keys: ['pagedown'], help: 'next page', contexts: ['review'] },
  { command: 'page-up', keys: ['pageup'], help: 'previous page', contexts: ['review'] },
  { command: 'next-queue', keys: ['tab'], help: 'next queue', contexts: ['review'], hint: { keys: 'Tab', text: 'queue', rank: 8 } },
  { command: 'previous-queue', keys: ['shift+tab'], help: 'previous queue', contexts: ['review'] },
  // finding
  { command: 'search', keys: ['/'], help: 'search: email, name, id, #contact id', contexts: ['review'], hint: { keys: '/', text: 'search', rank: 10 } },
  { command: 'next-hit', keys: ['n'], help: 'next search hit', contexts: ['review'] },
  { command: 'previous-hit', keys: ['N'], help: 'previous search hit', contexts: ['review'] },
  { command: 'search-confirm', keys: ['return'], help: 'search', contexts: ['search'], hint: { keys: 'Enter', text: 'find', rank: 1 } },
  { command: 'search-erase', keys: ['backspace', 'delete'], help: 'erase a character', contexts: ['search'] },
  { command: 'search-cancel', keys: ['escape'], help: 'cancel the search', contexts: ['search'], hint: { keys: 'Esc', text: 'cancel', rank: 1 } },
  // writing and leaving
  { command: 'write', keys: ['w'], help: 'summary, then write outputs', contexts: ['review'], hint: { keys: 'w', text: 'write', rank: 6 } },
  { command: 'confirm-write', keys: ['w', 'return'], help: 'write every output file now', contexts: ['summary'], hint: { keys: 'w/Enter', text: 'write the files', rank: 1 } },
  { command: 'back', keys: ['escape'], help: 'back to the review', contexts: ['summary'], hint: { keys: 'Esc', text: 'back', rank: 1 } },
  { command: 'quit', keys: ['q'], help: 'quit (asks if unwritten)', contexts: ['review'], hint: { keys: 'q', text: 'quit', rank: 7 } },
  { command: 'quit-write', keys: ['w'], help: 'write the outputs, then quit', contexts: ['quit'], hint: { keys: 'w', text: 'write and quit', rank: 1 } },
  { command: 'quit-discard', keys: ['q', 'y'], help: 'quit without writing (decisions stay in decisions.csv)', contexts: ['quit'], hint: { keys: 'q', text: 'quit unwritten', rank: 1 } },
  { command: 'stay', keys: ['escape', 'n'], help: 'keep reviewing', contexts: ['quit'], hint: { keys: 'Esc', text: 'back', rank: 1 } },
  { command: 'resume-yes', keys: ['y'], help: 'restore the decisions of the earlier session', contexts: ['resume'], hint: { keys: 'y', text: 'resume', rank: 1 } },
  { command: 'resume-no', keys: ['n'], help: 'start over (the old journal is kept as decisions.csv.bak)', contexts: ['resume'], hint: { keys: 'n', text: 'start over', rank: 1 } },
  { command: 'help', keys: ['?'], help: 'this help', contexts: ['review'], hint: { keys: '?', text: 'help', rank: 12 } },
  { command: 'close-help', keys: ['escape', '?', 'q'], help: 'close the help', contexts: ['help'], hint: { keys: 'Esc/?', text: 'close', rank: 1 } },
  // a terminal too small for the whole help shows it in pages: the help's title says so and names these keys
  { command: 'help-next-page', keys: ['pagedown', 'down', 'j'], help: 'next page of the help', contexts: ['help'] },
  { command: 'help-previous-page', keys: ['pageup', 'up', 'k'], help: 'previous page of the help', contexts: ['help'] },
  { command: 'abort', keys: ['ctrl+c'], help: 'abort now (exit 130)', contexts: ALL },
];

/** How a key is written on screen: the character itself, or the name of a named key. */
const KEY_WORDS: Readonly<Record<string, string>> = {
  down: '↓', up: '↑', home: 'Home', end: 'End', pagedown: 'PgDn', pageup: 'PgUp', tab: 'Tab', 'shift+tab': 'S-Tab',
  return: 'Enter', escape: 'Esc', backspace: 'Backspace', delete: 'Del', 'ctrl+r': 'Ctrl-r', 'ctrl+c': 'Ctrl-C',
};

export function keyWord(key: string): string {
  return KEY_WORDS[key] ?? key;
}

export const KEY_TABLE: readonly KeyBinding[] = BINDINGS.map((b) => ({ ...b, label: b.label ?? b.keys.map(keyWord).join(' ') }));

function binding(command: Command): KeyBinding {
  const b = KEY_TABLE.find((k) => k.command === command);
  if (!b) throw new Error(`no key for ${command}`);
  return b;
}

/**
 * A command's keys as a sentence says them: "w or Enter", "Esc, ? or q". Every sentence that
 * names a key takes it from here, so none names a key the table does not bind.
 */
export function keysSaid(command: Command): string {
  const b = binding(command);
  if (b.keys === DIGITS) return b.label;
  const words = b.keys.map(keyWord);
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** The first of a command's keys, for a sentence with room for one: "PgDn/PgUp turns". */
export function firstKeySaid(command: Command): string {
  return keyWord(binding(command).keys[0]!);
}

/** The binding of a key in a context, if any. */
export function bindingFor(context: KeyContext, key: string): KeyBinding | undefined {
  return KEY_TABLE.find((b) => b.contexts.includes(context) && b.keys.includes(key));
}

export function bindingsIn(context: KeyContext): KeyBinding[] {
  return KEY_TABLE.filter((b) => b.contexts.includes(context));
}

/** The hint bar's entries for a context, most needed first (a narrow bar keeps the first ones). */
export function hintsFor(context: KeyContext): { keys: string; text: string }[] {
  return bindingsIn(context)
    .flatMap((b) => (b.hint ? [b.hint] : []))
    .sort((a, b) => a.rank - b.rank)
    .map(({ keys, text }) => ({ keys, text }));
}

/** The sections of the `?` help, in the order an operator needs them. */
export const HELP_SECTIONS: readonly { readonly title: string; readonly commands: readonly Command[] }[] = [
  { title: 'Decide', commands: ['pick', 'accept', 'create', 'skip', 'undo', 'redo'] },
  { title: 'Move', commands: ['down', 'up', 'top', 'bottom', 'page-down', 'page-up', 'next-queue', 'previous-queue'] },
  { title: 'Find', commands: ['search', 'next-hit', 'previous-hit'] },
  { title: 'Finish', commands: ['write', 'quit', 'abort', 'help'] },
];
