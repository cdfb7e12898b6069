/** The scripted run (--yes): load, plan, replay decisions, write every output, report. */
import { applyJournal, changedRows, type ReplayProblem } from '../decide/journal.js';
import type { PlanTimings } from '../decide/plan.js';
import type { Plan } from '../domain/decisions.js';
import { contactFacts } from '../domain/contactList.js';
import { sqlLeftOut } from '../output/ufMatchSql.js';
import { OUTPUT_FILES, stageOutputs } from '../output/writeOutputs.js';
import { summaryJson, summaryNotesOf, summaryText } from '../output/summary.js';
import { VERSION } from '../version.js';
import type { Options } from './args.js';
import type { Io } from './io.js';
import { loadDataset, type LoadedDataset } from './loadDataset.js';
import { ContactIndexing, inputFileSizes, wantWorker } from '../parallel/contactIndexing.js';
import { JOURNAL_FILE, prepareOutDir } from './outDir.js';
import { acquireOutLock, releaseOutLock } from './outLock.js';
import { silentProgress, terminalProgress, type ProgressSink } from './progress.js';
import { readJournal } from './readJournal.js';
import { runNoteLines, type RunNote } from './runNotes.js';
import { noun } from '../domain/plural.js';
import { contactColumnNotes } from './contactColumnNotes.js';
import { usersWithLostLetters } from '../load/lostLetters.js';
import { repeatedUfIds } from '../load/links.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Milliseconds per phase. `match` excludes `warnings` (the fuzzy look-ups and their warnings, run inside the match pass). */
export interface PhaseTimes {
  load: number;
  index: number;
  match: number;
  warnings?: number;
  write: number;
}

export function inputPaths(o: Options): string[] {
  return [o.users, o.contacts, o.links, o.emails, o.decisions].filter((p): p is string => !!p);
}

/** Load and plan, replaying --decisions: shared by the scripted run and the TUI. */
/**
 * Loads, plans and applies --decisions. `decided`: the positions of the users whose decision
 * --decisions changed (a review counts them unwritten until it writes); `decidedAt`: when the
 * file says each was decided.
 */
export async function prepare(
  o: Options,
  io: Io,
  sink: ProgressSink,
): Promise<{
  loaded: LoadedDataset;
  plan: Plan;
  timings: PlanTimings;
  decided: number[];
  decidedAt: ReadonlyMap<number, string>;
  notApplied: readonly ReplayProblem[];
  /** Every note, in the order written to io.stderr. */
  notes: readonly RunNote[];
}> {
  const notes: RunNote[] = [];
  const say = (note: RunNote): void => {
    notes.push(note);
    for (const line of runNoteLines(note)) io.stderr.write(line);
  };
  let indexing: ContactIndexing | null = null;
  let loaded: LoadedDataset;
  // read before minutes of loading: a file that is no journal (a FIFO, empty, another CSV) is refused at once
  const journal = o.decisions ? readJournal(o.decisions, true, o.encoding) : null;
  try {
    loaded = await loadDataset(o, sink, (users) => {
      indexing = new ContactIndexing(users, wantWorker(io.env, o.contacts), inputFileSizes(o.contacts, o.emails));
      return indexing.hooks;
    });
  } catch (e) {
    (indexing as ContactIndexing | null)?.stop();
    throw e;
  }
  const timings: PlanTimings = { indexMs: 0, matchMs: 0 };
  const users = loaded.data.users.length;
  // The plan counts one unit per contact indexed, then one per user planned. Shown as two
  // phases, each in its own units: indexing goes several times faster per unit, and one bar
  // over both would promise the end far too early.
  const contacts = loaded.data.contacts.length;
  let indexed = false;
  const endIndexing = (): void => {
    if (indexed) return;
    indexed = true;
    sink.finish('indexing', contacts);
  };
  let plan = await indexing!.plan(
    loaded.data,
    (done, _total, planned) => {
      if (planned === 0 && done < contacts) sink.update('indexing', done, contacts, 'rows', done);
      else {
        endIndexing();
        if (planned > 0 || users === 0) sink.update('matching', planned, users, 'rows', planned);
      }
    },
    timings,
    (why) => say({ code: 'worker-failed', why }),
  );
  endIndexing();
  sink.finish('matching', users);
  for (const text of contactColumnNotes(loaded.contactColumns, o.contacts)) say({ code: 'contact-columns', text });
  const lost = usersWithLostLetters(loaded.data.users);
  if (lost.length > 0) say({ code: 'lost-letters', file: o.users, lines: lost });
  if (loaded.ignored.otherDomainLinks > 0) say({ code: 'other-domain-links', count: loaded.ignored.otherDomainLinks, domainId: o.domainId });
  const repeated = repeatedUfIds(loaded.data.links);
  if (repeated.first && o.links) {
    const { ufId, lines } = repeated.first;
    say({ code: 'repeated-link', file: o.links, domainId: o.domainId, ufId, lines: [lines[0]!, lines[1]!], more: repeated.count - 1 });
  }
  if (loaded.primaryOverrides > 0) say({ code: 'primary-overrides', file: o.emails ?? 'the emails file', count: loaded.primaryOverrides });
  if (loaded.ignored.unknownEmailContacts > 0) say({ code: 'unknown-email-contacts', file: o.emails ?? 'the emails file', count: loaded.ignored.unknownEmailContacts });
  let decided: number[] = [];
  let decidedAt: ReadonlyMap<number, string> = new Map();
  let notApplied: readonly ReplayProblem[] = [];
  if (o.decisions && journal) {
    const { entries, problems: parseProblems } = journal;
    const r = applyJournal(plan, entries, contactFacts(loaded.data.contacts), 'decisions-file', loaded.data.links);
    // a journal holds every step (undos too): the rows applied can outnumber the users they change
    decided = changedRows(plan, r.plan);
    decidedAt = r.decidedAt;
    plan = r.plan;
    notApplied = [...parseProblems, ...r.problems];
    say({ code: 'replay', file: o.decisions, applied: r.applied, users: r.decidedAt.size, changed: decided.length, problems: notApplied, reordered: r.reordered });
  }
  return { loaded, plan, timings, decided, decidedAt, notApplied, notes };
}

export async function runScripted(o: Options, io: Io, times?: PhaseTimes): Promise<number> {
  const started = performance.now();
  const outDir = prepareOutDir(o.out, inputPaths(o), OUTPUT_FILES);
  // the folder is this run's until its outputs are in place: a live review's outputs and journal
  // are the operator's, and another scripted run's six files would mix with this one's
  acquireOutLock(outDir, o.out, 'scripted');
  try {
    return await runScriptedLocked(o, io, outDir, started, times);
  } finally {
    releaseOutLock();
  }
}

async function runScriptedLocked(o: Options, io: Io, outDir: string, started: number, times?: PhaseTimes): Promise<number> {
  const journal = join(outDir, JOURNAL_FILE);
  if (!o.decisions && existsSync(journal)) {
    let n = 0;
    try {
      n = readJournal(journal).entries.length;
    } catch {
      /* not a journal this run can read: it does not use it either */
    }
    if (n > 0) io.stderr.write(`ufmatch: ${journal} holds ${n} ${noun(n, 'decision')} from a review, which --yes does not apply: add --decisions ${journal} to replay ${noun(n, 'it', 'them')}\n`);
  }
  const sink = io.stderr.isTTY ? terminalProgress(io.stderr as NodeJS.WriteStream) : silentProgress;
  const { loaded, plan, timings } = await prepare(o, io, sink);
  const tw = performance.now();
  const { summary, staged } = stageOutputs(
    outDir,
    plan,
    { inputs: loaded.data.inputs, version: VERSION, elapsedMs: performance.now() - started },
    // UFMATCH_WORKERS=0: no second thread, for the writes either
    { parallel: io.env.UFMATCH_WORKERS !== '0', shownOut: o.out },
  );
  // Planning and writing run without a break, so a Ctrl-C or SIGTERM that came meanwhile has
  // not reached its handler yet: let it, while no target is replaced (the shell's handler
  // removes the staged files and exits 130).
  try {
    await settle();
  } catch (e) {
    staged.discard();
    throw e;
  }
  staged.commit();
  const leftOut = plan.rows.filter((r) => sqlLeftOut(r) !== null);
  if (leftOut.length > 0) {
    io.stderr.write(`ufmatch: ${leftOut.length} ${noun(leftOut.length, 'link')} left out of uf_match.sql (uf_id ${leftOut.slice(0, 5).map((r) => r.user.ufId).join(', ')}${leftOut.length > 5 ? ', …' : ''}): civicrm_uf_match cannot hold ${leftOut.length === 1 ? 'it' : 'them'}; see the comments at its top\n`);
  }
  if (times) {
    times.load = loaded.loadMs;
    times.index = timings.indexMs;
    times.warnings = timings.warningsMs ?? 0;
    times.match = timings.matchMs - times.warnings;
    times.write = performance.now() - tw;
  }
  if (o.json && plan.civicrmBatchStopsAt != null) {
    // summary.txt says it; summary.json's keys are fixed (SPEC §5.4), so a pipeline hears it here
    io.stderr.write(`ufmatch: CiviCRM's Synchronize Users batch would stop with an error at user ${plan.civicrmBatchStopsAt} (no email and no first or last name); see summary.txt\n`);
  }
  if (o.json) io.stdout.write(summaryJson(summary));
  else io.stdout.write(summaryText(summary, summaryNotesOf(plan)) + `Outputs in ${outDir}\n`);
  if (o.strict && summary.review > 0) {
    // with --json the exit code alone would say nothing in a pipeline's log
    io.stderr.write(`ufmatch: --strict: ${summary.review} ${summary.review === 1 ? 'user is' : 'users are'} left as review (action=review in links.csv): exit 1\n`);
    return 1;
  }
  return 0;
}

/**
 * One turn of the event loop and a moment more: a signal that arrived during the synchronous
 * plan and write reaches its handler by then (stopWriter in atomicWrite.ts says what delayed it;
 * the 20 ms are margin: 1 of 240 Ctrl-Cs sent mid-write was handled later than a 2 ms wait).
 */
async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 20));
}
