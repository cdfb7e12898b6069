/**
 * What the signal handler in cli.ts prints after its line when a review is interrupted by
 * SIGTERM or SIGHUP (Ctrl-C in the review is a key, with its own ending): the notes the review
 * held back while it owned the screen (decisions not applied, ignored links) and where the
 * unwritten decisions are saved — whole lines, each ending in a line break. The review session
 * sets it while it runs; nothing else does.
 */
let note: (() => string | null) | null = null;

export function setInterruptNote(f: (() => string | null) | null): void {
  note = f;
}

/** The lines to print after the interrupted line, or null. */
export function interruptNote(): string | null {
  try {
    return note ? note() : null;
  } catch {
    return null; // a signal handler must not throw
  }
}

/**
 * What the review must undo when the run ends without it — by a signal or an exception no
 * await reaches (cli.ts's handlers): a journal it created and wrote no decision into goes, so
 * that the --out folder it made can go too. The review session sets it while it runs.
 */
let leaving: (() => void) | null = null;

export function setLeavingCleanup(f: (() => void) | null): void {
  leaving = f;
}

export function runLeavingCleanup(): void {
  const f = leaving;
  leaving = null;
  try {
    f?.();
  } catch {
    /* a handler that ends the run must not throw */
  }
}
