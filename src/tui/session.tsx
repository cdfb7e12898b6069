/**
 * The imperative shell of the TUI: loads and plans (with the loading screen), asks about an
 * earlier journal, runs the review, and carries out the reducer's events — journal appends
 * (flushed at once), writing the outputs, exiting. Everything else is the pure state.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Writable } from 'node:stream';
import { render } from 'ink';
import type { Options } from '../cli/args.js';
import type { Io } from '../cli/io.js';
import { JOURNAL_FILE, prepareOutDir, removeCreatedOutDir } from '../cli/outDir.js';
import { acquireOutLock, releaseOutLock } from '../cli/outLock.js';
import { readJournal } from '../cli/readJournal.js';
import { inputPaths, prepare } from '../cli/scripted.js';
import { headline, REORDERED } from '../cli/runNotes.js';
import { colorWanted } from '../cli/color.js';
import { applyJournal, changedRows, entryFor, replayedAt, staleRowsInOutputs, unwrittenAfterResume, unwrittenAgainst, writtenAs, writtenBaseline, writtenKey } from '../decide/journal.js';
import { writtenLinks } from '../cli/writtenLinks.js';
import { sameDecision, type Plan } from '../domain/decisions.js';
import { contactFacts } from '../domain/contactList.js';
import { JournalError, JournalFile, type JournalRestored } from '../output/journalFile.js';
import { ioWords, writeFailureWords } from '../output/ioWords.js';
import { filterStrayInput } from './strayInput.js';
import { writeOutputs } from '../output/writeOutputs.js';
import { VERSION } from '../version.js';
import { App } from './components/App.js';
import { count } from './format.js';
import { noun } from '../domain/plural.js';
import { Aborted, loadingSink } from './progressSink.js';
import { appReducer, initialApp, type AppAction, type AppEvent, type AppState } from './state/app.js';
import { reviewModel } from './state/model.js';
import type { JournalFault, Message, ReviewState } from './state/review.js';
import type { Change } from './state/history.js';
import { decisionsAre, unwrittenNote } from './unwrittenWords.js';
import { currentRows } from './state/view.js';
import { Store } from './store.js';
import { setInterruptNote, setLeavingCleanup } from '../cli/interruptNote.js';
import { keysSaid } from './keys.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Collects what the loading writes to stderr (ignored links, --decisions problems) while Ink owns the screen. */
function noteCollector(): { stream: Writable; text: () => string; add: (s: string) => void } {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text, add: (s) => (text += s) };
}

/** What the review says when the journal had gone from its path and was written there again. */
export function restoredWords(r: JournalRestored, journal: string): string {
  const aside = r.replaced ? `; the file that had taken its place is kept as ${journal}.bak${r.older ? ` (the one before it as ${basename(r.older)})` : ''}` : '';
  return `${journal} had gone (removed during the review): written again with every decision${aside}`;
}

/**
 * Moves to the start of a line of its own unless the cursor is at one already, without a blank
 * line (zsh's PROMPT_SP): a terminal line's worth of spaces wraps only when the cursor is past
 * column 0; \r then goes to the start of whichever line it is on, and erase-line clears it.
 */
export function freshLine(columns: number | undefined): string {
  return columns && columns > 0 ? `${' '.repeat(columns)}\r\x1b[K` : '\r\n';
}

export async function runSession(o: Options, io: Io): Promise<number> {
  const started = performance.now();
  const outDir = prepareOutDir(o.out, inputPaths(o));
  // before the journal is read: a second review (or a scripted run) on this folder is refused
  acquireOutLock(outDir, o.out);
  const journalPath = join(outDir, JOURNAL_FILE);
  const journalShown = join(o.out, JOURNAL_FILE);
  /** What counts for the unwritten line: the review's, or, ended before it was up, what it was to start with. */
  type Unwritten = Pick<ReviewState, 'unwritten' | 'journalFault' | 'journaled'>;
  const unwrittenLine = (r: Unwritten): string => `ufmatch: ${unwrittenNote(r.unwritten, journalShown, o.out, r.journalFault, r.journaled)}\n`;
  const store = new Store<AppState, AppAction, AppEvent>(initialApp, appReducer);
  const exit = deferred<number>();
  const resume = deferred<boolean>();
  const sink = loadingSink(store.dispatch);
  const notes = noteCollector();
  const journal: { file: JournalFile | null } = { file: null };
  let inputs: Parameters<typeof writeOutputs>[2]['inputs'] | null = null;
  let wrote = false;
  /** The outputs were just written, and the review not yet told (writeNow): nothing is unwritten. */
  let writtenNotSaid = false;
  /** What the review is to start with, once known (unwrittenAtEnd). */
  let starting: Unwritten | null = null;
  /** Why the journal could not be put back at its path when the review ended, or null. */
  let lostJournal: string | null = null;
  /** Puts the journal back at its path if it went (keepAtPath), saying so where the review can. */
  const keepJournal = (): void => {
    const restored = journal.file?.keepAtPath();
    if (restored) {
      notes.add(`ufmatch: ${restoredWords(restored, journalShown)}\n`);
      relock();
    }
  };
  /** The folder was made again: its lock went with it, so another run could start on it — take it again (unless one has). */
  const relock = (): void => {
    try {
      acquireOutLock(outDir, o.out);
    } catch {
      // another run holds the folder now: this review's journal is written all the same
    }
  };
  /** The end's words promise the journal: it must be at its path (removed since the last decision?). */
  const keepJournalAtEnd = (): void => {
    try {
      keepJournal();
    } catch (err) {
      lostJournal = err instanceof JournalError ? err.why : ioWords(err as NodeJS.ErrnoException);
    }
  };
  /** The line for decisions not in the outputs when the review ends or is interrupted. */
  const endLine = (r: Unwritten): string =>
    lostJournal !== null ? `ufmatch: ${decisionsAre(r.unwritten)} not in the outputs, and ${journalShown} ${lostJournal}: they are lost\n` : unwrittenLine(r);

  store.onEvent = (e) => {
    switch (e.kind) {
      case 'exit':
        sink.abort();
        exit.resolve(e.code);
        return;
      case 'resume':
        resume.resolve(e.restore);
        return;
      case 'decided': {
        // a decision the journal cannot take is not applied: the review goes back to e.before
        try {
          if (!journal.file) throw new JournalError(journalShown, 'the journal is not open', false);
          journal.file.append(entryFor(e.before.rows.row(e.row), e.decision, new Date()));
          const restored = journal.file.takeRestored();
          if (restored) {
            relock();
            store.dispatch({ type: 'journal-restored', text: restoredWords(restored, journalShown) });
          }
        } catch (err) {
          const fault = err instanceof JournalError ? { why: err.why, damaged: err.damaged, code: err.code } : { why: ioWords(err as NodeJS.ErrnoException), damaged: false, code: (err as NodeJS.ErrnoException).code };
          store.dispatch({ type: 'not-saved', event: e, fault });
        }
        return;
      }
      case 'write':
        // the frame saying "writing the outputs…" first: a second or more at 200k users
        setTimeout(() => void writeNow(), 50);
        return;
    }
  };

  /** Writes the outputs of the review as it stands, then says so once the keys typed meanwhile have been read (and ignored). */
  async function writeNow(): Promise<void> {
    const s = store.getState();
    if (s.phase !== 'review' || !s.review.writing || sink.aborted) return;
    let done: AppAction;
    try {
      // (never so: the review starts once the inputs are loaded; but a write that cannot start must still end the writing state)
      if (!inputs) throw new Error('the inputs are not loaded');
      // the folder may have been removed since it was made (the journal with it: put back first)
      keepJournal();
      mkdirSync(outDir, { recursive: true, mode: 0o700 });
      const plan: Plan = { ...s.review.model.plan, rows: currentRows(s.review) };
      const summary = writeOutputs(outDir, plan, { inputs, version: VERSION, elapsedMs: performance.now() - started }, { shownOut: o.out });
      wrote = true;
      // until `written` is dispatched below, a Ctrl-C read meanwhile ends a review whose outputs hold every decision
      writtenNotSaid = true;
      done = {
        type: 'written',
        text: `wrote the outputs to ${o.out}: ${count(summary.link)} link, ${count(summary.create)} create, ${count(summary.keep)} keep, ${count(summary.skip)} skip, ${count(summary.review)} review`,
      };
    } catch (err) {
      // the file first, in the command line's words: on a small screen the message's end is what is cut
      done = { type: 'write-failed', error: writeFailureWords(err, `press ${keysSaid('write')} again`) ?? (err as Error).message };
    }
    await settled();
    writtenNotSaid = false;
    store.dispatch(done);
  }

  const ink = render(<App store={store} color={colorWanted(io.env)} />, {
    stdout: io.stdout as NodeJS.WriteStream,
    stdin: filterStrayInput(io.stdin as NodeJS.ReadStream),
    stderr: io.stderr as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: false,
  });

  // a resize can leave the cursor at the end of the last frame line (Ink 6.8 after tmux reflows a
  // narrower window): what follows the review would be glued onto its hint bar
  let resized = false;
  const onResize = (): void => {
    resized = true;
  };
  io.stdout.on('resize', onResize);
  let code: number;
  try {
    code = await review();
  } catch (err) {
    if (!(err instanceof Aborted)) {
      ink.clear(); // the error line replaces the screen
      throw err;
    }
    code = 130;
  } finally {
    setInterruptNote(null);
    ink.unmount();
    io.stdout.off('resize', onResize);
    if (resized) io.stdout.write(freshLine(io.stdout.columns));
    setLeavingCleanup(null);
    keepJournalAtEnd();
    journal.file?.closeRemovingIfUnused();
    releaseOutLock();
    if (notes.text()) io.stderr.write(notes.text());
  }
  // as a scripted run: a folder this run made and left empty goes (a journal without a decision was removed above)
  if (!wrote) removeCreatedOutDir();
  const left = unwrittenAtEnd();
  if (left !== null) {
    io.stderr.write(endLine(left));
  } else if (code === 130) {
    io.stderr.write(wrote ? 'ufmatch: interrupted after the outputs were written\n' : 'ufmatch: interrupted — no output was written\n');
  } else if (wrote) {
    io.stderr.write(`ufmatch: outputs written to ${o.out}\n`);
  }
  return code;

  /**
   * The decisions not in the outputs as the session ends, or null: the review's; or, when it
   * ends before the review is up (Ctrl-C while it is prepared), those it was to start with —
   * already in the journal (--decisions replayed, users set back by starting over).
   */
  function unwrittenAtEnd(): Unwritten | null {
    if (writtenNotSaid) return null;
    const st = store.getState();
    const r: Unwritten | null = st.phase === 'review' ? st.review : starting;
    return r !== null && r.unwritten > 0 ? r : null;
  }

  /**
   * Says what is under way before seconds of work at 200k users, and waits for the frame that
   * says it to be drawn (Ink draws at most every 32 ms, after this turn of the event loop).
   */
  async function preparing(text: string): Promise<void> {
    store.dispatch({ type: 'preparing', text });
    await new Promise((r) => setTimeout(r, 50));
  }

  /**
   * Lets the keys typed while this thread was busy be read now — a timer's turn, then the poll
   * that reads the terminal, then this — while no screen that takes them is up: they were
   * typed at a screen saying "preparing", and must not act on a question or a user not yet
   * shown (a tmux audit saw two `s` typed then skip two users it never saw).
   */
  function settled(): Promise<void> {
    return new Promise((r) => setTimeout(() => setImmediate(r), 0));
  }

  async function review(): Promise<number> {
    const { loaded, plan: planned, decided, decidedAt, notApplied: replayNotApplied, notes: runNotes } = await prepare(o, { ...io, stderr: notes.stream }, sink);
    if (sink.aborted) return exit.promise;
    await preparing(`preparing the review of ${count(loaded.data.users.length)} ${noun(loaded.data.users.length, 'user')}…`);
    if (sink.aborted) return exit.promise;
    inputs = loaded.data.inputs;
    let plan = planned;
    const said: string[] = [];
    let notApplied = '';
    // rows whose decision the journal must hold from the start: --decisions replays, and users set back by starting over
    const journalFirst = new Set<number>();
    const old = existsSync(journalPath) ? readJournal(journalPath) : null;
    // the journal this review appends to holds decisions already (it is not set aside below)
    let goesOn = old !== null && old.entries.length > 0;
    // links.csv as an earlier session wrote it into this folder, read once when first asked for
    let writtenCache: ReturnType<typeof writtenLinks> | undefined;
    const written = () => (writtenCache === undefined ? (writtenCache = writtenLinks(join(outDir, 'links.csv'))) : writtenCache);
    // what resuming would restore: the users the journal's last word changes (its rows count every step, undos too)
    const trial = old && old.entries.length > 0 ? applyJournal(plan, old.entries, contactFacts(loaded.data.contacts), 'operator', loaded.data.links) : null;
    const changed = trial ? changedRows(plan, trial.plan) : [];
    const problems = old ? [...old.problems, ...(trial?.problems ?? [])].sort((a, b) => a.line - b.line) : [];
    let tellProblems = problems.length > 0;
    // the resumed journal's steps, for u to undo (none when a row of it was not applied)
    let restoredSteps: readonly Change[] | undefined;
    if (trial && changed.length > 0) {
      await settled();
      if (sink.aborted) return exit.promise;
      store.dispatch({ type: 'ask-resume', entries: changed.length, journal: journalShown });
      const restore = await Promise.race([resume.promise, exit.promise.then(() => null)]);
      if (restore === null) return exit.promise;
      await preparing(restore ? `restoring ${count(changed.length)} ${noun(changed.length, 'decision')}…` : 'starting over…');
      if (sink.aborted) return exit.promise;
      if (restore) {
        plan = trial.plan;
        restoredSteps = trial.steps ?? undefined;
        // those links.csv in this folder already states were written by the earlier session
        const toWrite = unwrittenAfterResume(plan, changed, written());
        said.push(`restored ${count(changed.length)} ${noun(changed.length, 'decision')} from ${journalShown}${toWrite < changed.length ? ` (${count(changed.length - toWrite)} already in the outputs)` : ''}`);
        if (trial.reordered) said.push(`${journalShown}: ${REORDERED}`);
      } else {
        const { older } = JournalFile.setAside(journalPath);
        goesOn = false;
        // links.csv may still state what the old journal decided: starting over discards that
        // journal, not the outputs, so those users are unwritten until the next w — and the new
        // journal says they are back to ufmatch's proposal, so that reopening tells it again
        const outputs = written();
        if (outputs !== null) for (const i of staleRowsInOutputs(plan, new Set(old!.entries.map((e) => e.ufId)), outputs)) journalFirst.add(i);
        said.push(`started over; the old journal is kept as ${journalShown}.bak${older ? ` (the one before it as ${basename(older)})` : ''}`);
        tellProblems = false;
      }
    } else if (tellProblems) {
      // no row changes a decision: nothing to ask; the review goes on appending to this journal
      said.push(`nothing to resume in ${journalShown}`);
    }
    // (a journal set aside by starting over is missing now, which is its own layout)
    let rewritten = false;
    if (old !== null && !JournalFile.inOwnLayout(journalPath)) {
      // the journal this review goes on from was re-saved in another layout: rows appended in
      // ufmatch's would not read back by its header, and the next resume would lose them
      try {
        const { older } = JournalFile.rewrite(journalPath, old.entries);
        rewritten = true;
        said.push(`${journalShown} was not in ufmatch's own layout: rewritten in it, the file as it was kept as ${journalShown}.bak${older ? ` (the one before it as ${basename(older)})` : ''}`);
      } catch (err) {
        said.unshift(`${journalShown} could not be rewritten in ufmatch's own layout (${ioWords(err as NodeJS.ErrnoException)}): write the outputs (w) to keep this review's decisions`);
      }
    }
    if (tellProblems) {
      // the status line has room for one; every one is printed when the review ends
      const n = problems.length;
      said.push(`${count(n)} not applied (${n > 1 ? 'listed when ufmatch ends; ' : ''}${problems[0]!.detail}${n > 1 ? ', …' : ''})`);
      // the lines are the file's as it was read: kept as .bak when it was rewritten
      const lines = rewritten ? `${journalShown}.bak` : journalShown;
      notApplied = `ufmatch: ${lines}: ${count(n)} ${noun(n, 'decision')} not applied\n${problems.map((p) => `  ${lines} line ${p.line}: ${p.detail}\n`).join('')}`;
    }
    if (decided.length > 0) {
      // --decisions changed these users: into this folder's journal, as the operator's own would
      // go (what the quit question and the end of the review promise holds for them too) — but
      // not again where the journal this review goes on from already says so
      const last = new Map<number, string>();
      if (goesOn) for (const e of old!.entries) last.set(e.ufId, writtenKey(e.action, e.contactId));
      for (const i of decided) {
        const r = plan.rows[i]!;
        if (last.get(r.user.ufId) !== writtenAs(r.decision)) journalFirst.add(i);
      }
    }
    // exactly the users whose decision the outputs here do not hold (links.csv, or ufmatch's own
    // proposal where it lists none); later decisions count against the same baseline. Those
    // the messages above do not explain — on ufmatch's proposal, yet links.csv states another
    // decision (starting over, an undo after writing, a links.csv of an earlier run) — are said
    // first: the status line is cut at the terminal's width.
    const outputs = written();
    const baseline = writtenBaseline(plan, outputs);
    const unwritten = unwrittenAgainst(plan, baseline);
    let onlyInOutputs = 0;
    if (outputs !== null) {
      plan.rows.forEach((r, i) => {
        if (sameDecision(r.decision, r.proposal) && !sameDecision(r.decision, baseline[i]!)) onlyInOutputs++;
      });
    }
    if (onlyInOutputs > 0) said.unshift(`links.csv in ${o.out} states other decisions for ${count(onlyInOutputs)} ${noun(onlyInOutputs, 'user')} (unwritten)`);
    journal.file = JournalFile.open(journalPath);
    let startFault: JournalFault | null = null;
    if (journalFirst.size > 0) {
      const now = new Date();
      try {
        // a --decisions row keeps the time its file gives (replayedAt), unless the journal resumed
        // has since put its user elsewhere; the rest are journaled now
        const at = (i: number): string => (sameDecision(plan.rows[i]!.decision, planned.rows[i]!.decision) ? replayedAt(decidedAt.get(i), now) : now.toISOString());
        // in the order they were decided (the users' order among equal times): rows of a --decisions
        // file keep its times, and in the users' order a reopened journal read as sorted (inTimeOrder)
        const first = [...journalFirst].sort((a, b) => a - b).map((i) => entryFor(plan.rows[i]!, plan.rows[i]!.decision, at(i)));
        const ms = new Map(first.map((e) => [e, Date.parse(e.decidedAt)]));
        journal.file.appendAll(first.sort((a, b) => ms.get(a)! - ms.get(b)! || 0));
        goesOn = true;
      } catch (err) {
        // as for the operator's own decisions: the review goes on, and its words stop promising the journal
        startFault = err instanceof JournalError ? { why: err.why, damaged: err.damaged } : { why: ioWords(err as NodeJS.ErrnoException), damaged: false };
        said.unshift(`${journalShown} could not take the decisions this review starts with (${startFault.why}): write the outputs (w) to keep them`);
      }
    }
    setLeavingCleanup(() => {
      keepJournalAtEnd();
      journal.file?.closeRemovingIfUnused();
    });
    setInterruptNote(() => {
      const left = unwrittenAtEnd();
      return notes.text() + (left !== null ? endLine(left) : '') || null;
    });
    // the --decisions file's rows not applied: the first named, in the few words the status line
    // has room for (its lines among the notes are printed whole when the review ends)
    const replayed = o.decisions;
    if (replayed && replayNotApplied.length > 0) {
      const n = replayNotApplied.length;
      const first = replayNotApplied[0]!;
      said.push(`--decisions: ${count(n)} not applied (line ${first.line}: ${first.detail}${n > 1 ? ', …; all listed when ufmatch ends' : ''})`);
    }
    // the other notes of loading: the first line of the first two (all printed whole when the review ends)
    said.push(...runNotes.filter((n) => !(n.code === 'replay' && n.problems.length > 0)).slice(0, 2).map(headline));
    notes.add(notApplied);
    const shown = said.filter((m) => m !== '');
    const message: Message | null = shown.length ? { text: shown.join(' · '), tone: 'info', session: true } : null;
    starting = { unwritten, journalFault: startFault, journaled: goesOn };
    await settled();
    if (sink.aborted) return exit.promise;
    store.dispatch({
      type: 'start-review',
      model: reviewModel(plan, loaded.data.contacts, loaded.data.links, o.out),
      unwritten,
      message,
      baseline,
      journaled: goesOn,
      journalFault: startFault,
      ...(restoredSteps ? { restoredSteps } : {}),
    });
    return exit.promise;
  }
}
