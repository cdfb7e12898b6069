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
import { printable } from '../runtime/printable.js';
import { silentProgress, terminalProgress, type ProgressSink } from './progress.js';
import { readJournal } from './readJournal.js';
import { lineRanges } from './lineRanges.js';
import { noun } from '../domain/plural.js';
import { contactColumnNotes } from './contactColumnNotes.js';
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
): Promise<{ loaded: LoadedDataset; plan: Plan; timings: PlanTimings; decided: number[]; decidedAt: ReadonlyMap<number, string>; notApplied: readonly ReplayProblem[] }> {
  let indexing: ContactIndexing | null = null;
  let loaded: LoadedDataset;
  // read before minutes of loading: a file that is no journal (a FIFO, empty, another CSV) is refused at once
  const journal = o.decisions ? readJournal(o.decisions, true) : null;
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
    (why) => io.stderr.write(`ufmatch: indexing in a worker thread failed (${why}); indexing in this one\n`),
  );
  endIndexing();
  sink.finish('matching', users);
  for (const note of contactColumnNotes(loaded.contactColumns, o.contacts)) io.stderr.write(`ufmatch: ${note}\n`);
  if (loaded.ignored.otherDomainLinks > 0) {
    io.stderr.write(`ufmatch: ${loaded.ignored.otherDomainLinks} ${noun(loaded.ignored.otherDomainLinks, 'link')} of other domains ignored (--domain-id ${o.domainId})\n`);
  }
  const repeated = repeatedUfIds(loaded.data.links);
  if (repeated.first && o.links) {
    const { ufId, lines } = repeated.first;
    const more = repeated.count > 1 ? ` (and ${repeated.count - 1} more ${noun(repeated.count - 1, 'uf_id')} so)` : '';
    io.stderr.write(
      `ufmatch: ${o.links}: uf_id ${ufId} is linked on two rows in domain ${o.domainId} (lines ${lines[0]} and ${lines[1]})${more}; the first counts, as CiviCRM's look-up takes the first row, and every row's contact stays linked in CiviCRM — remove the rows that are wrong from civicrm_uf_match\n`,
    );
  }
  if (loaded.primaryOverrides > 0) {
    io.stderr.write(
      `ufmatch: for ${loaded.primaryOverrides} ${noun(loaded.primaryOverrides, 'contact')} ${o.emails}'s is_primary marks another address than the contacts export's primary column; the emails file's is used (civicrm_email is where CiviCRM reads is_primary) — export both files again at one time if they should agree\n`,
    );
  }
  if (loaded.ignored.unknownEmailContacts > 0) {
    io.stderr.write(`ufmatch: ${loaded.ignored.unknownEmailContacts} rows of ${o.emails} name contacts not in the contacts export; ignored\n`);
  }
  let decided: number[] = [];
  let decidedAt: ReadonlyMap<number, string> = new Map();
  let notApplied: readonly ReplayProblem[] = [];
  if (o.decisions && journal) {
    const { entries, problems: parseProblems } = journal;
    const r = applyJournal(plan, entries, contactFacts(loaded.data.contacts), 'decisions-file', loaded.data.links);
    // a journal holds every step (undos too): the rows applied can outnumber the users they change
    decided = changedRows(plan, r.plan);
    decidedAt = r.decidedAt;
    const changed = decided.length;
    plan = r.plan;
    const problems = [...parseProblems, ...r.problems];
    notApplied = problems;
    // (the rows of a journal with undone and redone steps: say for how many users they stand)
    const users = r.decidedAt.size;
    const applied = r.applied === users ? `${r.applied} ${noun(r.applied, 'decision')} applied` : `${users} ${noun(users, 'user')} decided by the ${r.applied} ${noun(r.applied, 'row')} applied (a journal keeps undone and replaced steps too)`;
    io.stderr.write(`ufmatch: ${o.decisions}: ${applied}, ${problems.length} not applied; ${changed} ${noun(changed, 'user differs', 'users differ')} from ufmatch's proposal\n`);
    // a detail quotes the file's cells: their control characters are shown, not sent
    for (const p of problems.slice(0, 20)) io.stderr.write(`  ${printable(`${o.decisions} line ${p.line}: ${p.detail}`)}\n`);
    if (problems.length > 20) io.stderr.write(`  … and ${problems.length - 20} more, at lines ${lineRanges(problems.slice(20).map((p) => p.line))}\n`);
  }
  return { loaded, plan, timings, decided, decidedAt, notApplied };
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
