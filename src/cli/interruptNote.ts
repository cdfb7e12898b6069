/**
 * What the signal handler in cli.ts adds to its line when a review is interrupted by SIGTERM
 * or SIGHUP (Ctrl-C in the review is a key, with its own message): the decisions saved in the
 * journal. The review session sets it while it runs; nothing else does.
 */
let note: (() => string | null) | null = null;

export function setInterruptNote(f: (() => string | null) | null): void {
  note = f;
}

/** The note for the interrupted line, or null. */
export function interruptNote(): string | null {
  try {
    return note ? note() : null;
  } catch {
    return null; // a signal handler must not throw
  }
}
