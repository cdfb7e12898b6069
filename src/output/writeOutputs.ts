/** Writes every SPEC §5 output of a plan into the output folder, atomically. */
import { join } from 'node:path';
import type { Plan } from '../domain/decisions.js';
import { stageFilesAtomic, type StagedFiles } from './atomicWrite.js';
import { writeContactsToCreateCsv } from './contactsToCreate.js';
import { writeLinksCsv } from './linksCsv.js';
import { buildSummary, summaryJson, summaryNotesOf, summaryText, type Summary, type SummaryMeta } from './summary.js';
import { writeUfMatchSql } from './ufMatchSql.js';
import { foreignOutput, foreignOutputWords } from './ownOutputs.js';
import { UsageError } from '../load/errors.js';
import { writeWarningsCsv } from './warningsCsv.js';

export const OUTPUT_FILES = [
  'links.csv',
  'warnings.csv',
  'contacts-to-create.csv',
  'summary.json',
  'summary.txt',
  'uf_match.sql',
] as const;

/**
 * Plans of this many users up write on a second thread when allowed (a few MB of outputs and
 * more; below, starting the thread would cost about what it saves).
 */
export const PARALLEL_WRITE_FROM = 5_000;

/**
 * @param options.parallel whether the files may be written on another thread while this one
 *   encodes (atomicWrite.ts): then they are, for plans of PARALLEL_WRITE_FROM users and more
 */
export function writeOutputs(outDir: string, plan: Plan, meta: SummaryMeta, options: { parallel?: boolean; shownOut?: string } = {}): Summary {
  const { summary, staged } = stageOutputs(outDir, plan, meta, options);
  staged.commit();
  return summary;
}

/**
 * writeOutputs up to the last step: every file written beside its target, none in place
 * yet (the caller commits, or discards when the run was interrupted meanwhile).
 */
export function stageOutputs(outDir: string, plan: Plan, meta: SummaryMeta, options: { parallel?: boolean; shownOut?: string } = {}): { summary: Summary; staged: StagedFiles } {
  // a file put there since the run started (prepareOutDir checked then) is kept as well
  const foreign = foreignOutput(outDir, OUTPUT_FILES);
  if (foreign !== null) throw new UsageError(foreignOutputWords(options.shownOut ?? outDir, foreign));
  const summary = buildSummary(plan, meta);
  const parallel = options.parallel === true && plan.rows.length >= PARALLEL_WRITE_FROM;
  const staged = stageFilesAtomic([
    { path: join(outDir, 'links.csv'), write: (out) => writeLinksCsv(plan, out) },
    { path: join(outDir, 'warnings.csv'), write: (out) => writeWarningsCsv(plan, out) },
    { path: join(outDir, 'contacts-to-create.csv'), write: (out) => writeContactsToCreateCsv(plan, out) },
    { path: join(outDir, 'uf_match.sql'), write: (out) => writeUfMatchSql(plan, meta.version, out) },
    // the summaries hold counts, paths and hashes only, but stay private with the rest
    { path: join(outDir, 'summary.txt'), write: (out) => out.text(summaryText(summary, summaryNotesOf(plan))) },
    { path: join(outDir, 'summary.json'), write: (out) => out.text(summaryJson(summary)) },
  ], parallel);
  return { summary, staged };
}
