/**
 * What loading and planning have to tell the operator besides the plan: links of other domains
 * ignored, a --decisions file's rows not applied, columns set aside… Kept as data, tagged by
 * `code`, so that the scripted run (which prints every line on stderr) and the review (which
 * shows the first of each on its status line and prints them whole when it ends) read the same
 * notes without parsing each other's words.
 */
import type { ReplayProblem } from '../decide/journal.js';
import { noun } from '../domain/plural.js';
import { printable } from '../runtime/printable.js';
import { lineRanges } from './lineRanges.js';

export type RunNote =
  | { readonly code: 'worker-failed'; readonly why: string }
  /** A note of contactColumnNotes (its words are made there). */
  | { readonly code: 'contact-columns'; readonly text: string }
  | { readonly code: 'other-domain-links'; readonly count: number; readonly domainId: number }
  | {
      readonly code: 'repeated-link';
      readonly file: string;
      readonly domainId: number;
      readonly ufId: number;
      readonly lines: readonly [number, number];
      /** How many other uf_ids are linked on two rows. */
      readonly more: number;
    }
  /** Users whose names hold `?` between letters (lostLetters.ts): lines of the users file. */
  | { readonly code: 'lost-letters'; readonly file: string; readonly lines: readonly number[] }
  | { readonly code: 'primary-overrides'; readonly file: string; readonly count: number }
  | { readonly code: 'unknown-email-contacts'; readonly file: string; readonly count: number }
  | {
      readonly code: 'replay';
      readonly file: string;
      /** Journal rows applied. */
      readonly applied: number;
      /** Users those rows decide. */
      readonly users: number;
      /** Users whose decision differs from ufmatch's proposal. */
      readonly changed: number;
      readonly problems: readonly ReplayProblem[];
      /** Its rows were not in decided_at order, and were applied in that order (journal.ts inTimeOrder). */
      readonly reordered: boolean;
    };

/** Said of a journal whose rows were put back in time order. */
export const REORDERED = 'its rows were not in decided_at order (sorted in a spreadsheet?): they were applied in the order they were decided';

/** Rows not applied that a replay note names one by one; the rest go by their line numbers. */
export const PROBLEMS_LISTED = 20;

/** The note's lines for stderr, each ending in a newline: the first says it, any others are its list. */
export function runNoteLines(note: RunNote): string[] {
  return [`ufmatch: ${headline(note)}\n`, ...listed(note).map((l) => `  ${l}\n`)];
}

/** The note in one line (no `ufmatch: `): what the review's status line shows of it. */
export function headline(note: RunNote): string {
  switch (note.code) {
    case 'worker-failed':
      return `indexing in a worker thread failed (${note.why}); indexing in this one`;
    case 'contact-columns':
      return note.text;
    case 'other-domain-links':
      return `${note.count} ${noun(note.count, 'link')} of other domains ignored (--domain-id ${note.domainId})`;
    case 'repeated-link': {
      const more = note.more > 0 ? ` (and ${note.more} more ${noun(note.more, 'uf_id')} so)` : '';
      return `${note.file}: uf_id ${note.ufId} is linked on two rows in domain ${note.domainId} (lines ${note.lines[0]} and ${note.lines[1]})${more}; the first counts, as CiviCRM's look-up takes the first row, and every row's contact stays linked in CiviCRM — remove the rows that are wrong from civicrm_uf_match`;
    }
    case 'lost-letters': {
      const n = note.lines.length;
      return `${note.file}: ${n} ${noun(n, "user's name holds", "users' names hold")} "?" between letters (${n === 1 ? 'line' : 'lines'} ${lineRanges(note.lines)}): letters lost when the file was saved in a single-byte encoding? Such a name matches no contact's name, so a duplicate can go unnoticed — export the users again as UTF-8 (CSV UTF-8)`;
    }
    case 'primary-overrides':
      return `for ${note.count} ${noun(note.count, 'contact')} ${note.file}'s is_primary marks another address than the contacts export's primary column; the emails file's is used (civicrm_email is where CiviCRM reads is_primary) — export both files again at one time if they should agree`;
    case 'unknown-email-contacts':
      return `${note.count} rows of ${note.file} name contacts not in the contacts export; ignored`;
    case 'replay': {
      // (the rows of a journal with undone and redone steps: say for how many users they stand)
      const applied =
        note.applied === note.users
          ? `${note.applied} ${noun(note.applied, 'decision')} applied`
          : `${note.users} ${noun(note.users, 'user')} decided by the ${note.applied} ${noun(note.applied, 'row')} applied (a journal keeps undone and replaced steps too)`;
      const order = note.reordered ? `; ${REORDERED}` : '';
      return `${note.file}: ${applied}, ${note.problems.length} not applied; ${note.changed} ${noun(note.changed, 'user differs', 'users differ')} from ufmatch's proposal${order}`;
    }
  }
}

/** The lines listed under the headline (a replay's rows not applied). */
function listed(note: RunNote): string[] {
  if (note.code !== 'replay') return [];
  const { file, problems } = note;
  // a detail quotes the file's cells: their control characters are shown, not sent
  const lines = problems.slice(0, PROBLEMS_LISTED).map((p) => printable(`${file} line ${p.line}: ${p.detail}`));
  if (problems.length > PROBLEMS_LISTED) {
    lines.push(`… and ${problems.length - PROBLEMS_LISTED} more, at lines ${lineRanges(problems.slice(PROBLEMS_LISTED).map((p) => p.line))}`);
  }
  return lines;
}
