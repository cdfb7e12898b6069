/**
 * Where the decisions not yet in the outputs are, as the quit question and the end of a review
 * say it: in the journal — promised only while every decision the journal was given took. After
 * a failed append (the decision then was not applied) the words say what is and is not there.
 */
import type { JournalFault } from './state/review.js';
import { count } from './format.js';
import { noun } from '../domain/plural.js';
import { keysSaid } from './keys.js';

/** "1 decision is", "3 decisions are". */
export function decisionsAre(n: number): string {
  return `${count(n)} ${noun(n, 'decision is', 'decisions are')}`;
}

/** The quit question's last line. */
export function quitNote(journal: string, out: string, fault: JournalFault | null, journaled = true): string {
  // nothing in the journal: the users differ only from an earlier links.csv (ufmatch's own proposals on screen)
  if (!journaled && fault === null) return `links.csv in ${out} states other decisions for them: ${keysSaid('write')} writes what this review shows; quitting leaves links.csv as it is.`;
  // reopening resumes them, or (an undo after writing, starting over) finds links.csv still stale: either way they are back
  // the journal holds the review's decisions, not what only links.csv states otherwise: promise those only
  if (fault === null) return `Decisions made in a review are safe in ${journal}: opening ufmatch again with --out ${out} takes them up again.`;
  if (fault.damaged) return `${journal} could not take a decision (${fault.why}) and ends in a part of it: write the outputs (w) now, and delete its last line before resuming.`;
  return `${journal} holds them; a decision it could not take (${fault.why}) was not applied. Opening ufmatch again with --out ${out} takes them up again.`;
}

/** The line printed when a review ends (or is interrupted) with `n` decisions not in the outputs. */
export function unwrittenNote(n: number, journal: string, out: string, fault: JournalFault | null, journaled = true): string {
  const head = `${decisionsAre(n)} not in the outputs yet`;
  if (!journaled && fault === null) return `${head}: links.csv in ${out} states other decisions for ${n === 1 ? 'that user' : 'those users'} — a review's w, or a --yes run, writes them`;
  if (fault === null) return `${head}; decisions made in a review are saved in ${journal} — run again with --out ${out} to take them up again`;
  if (fault.damaged) return `${head}; ${journal} holds ${n === 1 ? 'it' : 'them'} but ends in a part of a decision that was not applied (${fault.why}) — delete that last line, then run again with --out ${out} to take ${n === 1 ? 'it' : 'them'} up again`;
  return `${head}; ${journal} holds ${n === 1 ? 'it' : 'them'}, but not a decision it could not take (${fault.why}), which was not applied — run again with --out ${out} to take ${n === 1 ? 'it' : 'them'} up again`;
}
