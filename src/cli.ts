#!/usr/bin/env node
/** Entry point: the only place that touches `process`. */
import { closeSync, fstatSync } from 'node:fs';
import { isatty } from 'node:tty';

// Whatever the way out (a usage error while the window closes, the end of a run), close a dead
// terminal's descriptors last: Node restores a terminal's mode at exit and aborts (134, a
// native stack trace) when the terminal is gone. A hung-up terminal is still a character
// device but no terminal any more — and it may have hung up before startedOnTerminal was
// taken, while Node had already noted it as one. (/dev/null looks the same; closing it at exit
// is harmless.)
process.on('exit', () => {
  for (const fd of [0, 1, 2]) {
    try {
      if (fstatSync(fd).isCharacterDevice() && !isatty(fd)) closeSync(fd);
    } catch {
      /* already closed */
    }
  }
});

// Chalk ignores NO_COLOR; Ink loads chalk, so decide before anything imports it.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';

// Until the modules below have loaded (about 0.1 s), nothing can have been written: a signal
// then ends the run at once, with the same exit code and line as later on.
function interruptedWhileStarting(): void {
  process.stderr.write('ufmatch: interrupted — no output was written\n');
  process.exit(130);
}
process.on('SIGINT', interruptedWhileStarting);
process.on('SIGTERM', interruptedWhileStarting);
process.on('SIGHUP', interruptedWhileStarting);

const { main, EXIT } = await import('./cli/main.js');

const { committedSets, discardLiveTemps } = await import('./output/atomicWrite.js');
const { removeCreatedOutDir } = await import('./cli/outDir.js');
const { releaseOutLock } = await import('./cli/outLock.js');
const { interruptNote, runLeavingCleanup } = await import('./cli/interruptNote.js');
const { ioWords } = await import('./output/ioWords.js');

/** Whatever ending the run early must undo: files being written, an unused journal, the --out lock, a folder it made. */
function cleanUpLeaving(): void {
  discardLiveTemps();
  runLeavingCleanup();
  releaseOutLock();
  removeCreatedOutDir();
}

/** The interrupted line, and what is not in the outputs yet. */
function sayInterrupted(): void {
  const note = interruptNote();
  // a review that wrote, then decided more: its outputs are the earlier write's (the note says what they lack)
  const wrote = committedSets() > 0 ? (note ? 'ufmatch: interrupted; the outputs written earlier in this review are in place\n' : 'ufmatch: interrupted after the outputs were written\n') : null;
  process.stderr.write(wrote ?? 'ufmatch: interrupted — no output was written\n');
  if (note) process.stderr.write(note);
}

/** Ctrl-C, SIGTERM or SIGHUP (the terminal closed): files being written are removed, and the run ends with 130. */
function interrupted(): void {
  cleanUpLeaving();
  sayInterrupted();
  process.exit(EXIT.interrupted);
}
process.on('SIGINT', interrupted);
process.on('SIGTERM', interrupted);
process.on('SIGHUP', interrupted);

/** Which of stdin, stdout, stderr were terminals when ufmatch started (Node restores those at exit). */

const startedOnTerminal = [0, 1, 2].map((fd) => isatty(fd));

/**
 * The terminal closed under a review (a window closed, tmux kill-session): its hangup reaches
 * stdin as an end, often before any SIGHUP. Clean up as for a signal — the lock released, no
 * output half-written — and close the dead terminal's descriptors first: Node would otherwise
 * try to restore the terminal's mode on the way out, fail, and abort with a native stack trace.
 */
function terminalGone(): void {
  cleanUpLeaving();
  if (!startedOnTerminal[2]) sayInterrupted(); // stderr goes to a file or a pipe: the note can still be read there
  for (const fd of [0, 1, 2]) {
    if (!startedOnTerminal[fd]) continue;
    try {
      closeSync(fd);
    } catch {
      /* already gone */
    }
  }
  process.exit(EXIT.interrupted);
}
if (startedOnTerminal[0]) process.stdin.once('end', terminalGone);

/** Whether a terminal ufmatch started on has hung up since (its descriptors are no terminals any more). */
function terminalHungUp(): boolean {
  return [0, 1, 2].some((fd) => startedOnTerminal[fd] && !isatty(fd));
}

// An exception no await reaches (one thrown in an event handler: a key Ink cannot read, say):
// the same one line as main's internal errors, the terminal given back, files being written removed.
process.on('uncaughtException', (e: Error) => {
  // a write or setRawMode failing with EIO: the terminal closed under the loading screen
  if (terminalHungUp()) return terminalGone();
  cleanUpLeaving();
  try {
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    if (process.stdout.isTTY) process.stdout.write('\u001b[?25h');
  } catch {
    /* the terminal cannot take it: nothing to give back */
  }
  process.stderr.write(`ufmatch: internal error: ${e?.message ?? String(e)} — please report it (UFMATCH_DEBUG=1 shows details)\n`);
  if (process.env.UFMATCH_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
  process.exit(EXIT.internal);
});
/**
 * Standard output failing. A reader that went away (`ufmatch … --json | head -c 100`) is no
 * error of the run: the outputs in --out do not depend on it, so the rest is dropped quietly.
 * Anything else (a full disk under `> summary.json`) is said once, and the run ends 3 — what
 * was printed there is cut short. A terminal that hung up is the terminal closing.
 */
let stdoutFailed: NodeJS.ErrnoException | null = null;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (terminalHungUp()) return terminalGone();
  // a scripted run prints its summary once the outputs are in place: say so, since exit 3 otherwise means none was replaced
  const written = committedSets() > 0 ? ' (the output files are written)' : '';
  if (stdoutFailed === null && e.code !== 'EPIPE') process.stderr.write(`ufmatch: standard output: ${ioWords(e)} — what ufmatch printed there is cut short${written}\n`);
  stdoutFailed ??= e;
});
// Standard error failing (`2>&1 | true`, `2>/dev/full`): nowhere is left to say anything, and the
// run goes on — its outputs and exit code do not depend on the notes and progress it prints there.
process.stderr.on('error', () => {
  if (terminalHungUp()) terminalGone();
});
process.off('SIGINT', interruptedWhileStarting);
process.off('SIGTERM', interruptedWhileStarting);
process.off('SIGHUP', interruptedWhileStarting);

const code = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
// The outputs are written synchronously, so Ctrl-C or SIGTERM during the write waits for the
// event loop, where its handler exits 130 (the run counts as not done). The loop must wait a
// little for it: measured on a 60k-user run interrupted mid-write, ending at once or after one
// setImmediate turn lost the signal every time (exit 0), a 1 ms wait lost it 2 runs in 3, 20 ms
// in 6. (Before the contacts were read as bytes, a file operation still in flight at the end
// happened to keep the loop open long enough.)
await new Promise((resolve) => setTimeout(resolve, 20));
const failed = stdoutFailed as NodeJS.ErrnoException | null; // set by the listener above
// a summary cut short outranks "reviews remain" (1): a pipeline must learn it did not get it
process.exitCode = failed !== null && failed.code !== 'EPIPE' && (code === EXIT.ok || code === EXIT.reviewsRemain) ? EXIT.input : code;
