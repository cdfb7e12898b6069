/** Writes every SPEC §5 output of a plan into the output folder, atomically. */
import { join } from 'node:path';
import type { Plan } from '../domain/decisions.js';
import { writeFilesAtomic } from './atomicWrite.js';
import { contactsToCreateCsv } from './contactsToCreate.js';
import { linksCsv } from './linksCsv.js';
import { buildSummary, summaryJson, summaryText, type Summary, type SummaryMeta } from './summary.js';
import { ufMatchSql } from './ufMatchSql.js';
import { warningsCsv } from './warningsCsv.js';

export const OUTPUT_FILES = [
  'links.csv',
  'warnings.csv',
  'contacts-to-create.csv',
  'summary.json',
  'summary.txt',
  'uf_match.sql',
] as const;

export function writeOutputs(outDir: string, plan: Plan, meta: SummaryMeta): Summary {
  const summary = buildSummary(plan, meta);
  writeFilesAtomic([
    { path: join(outDir, 'links.csv'), chunks: linksCsv(plan) },
    { path: join(outDir, 'warnings.csv'), chunks: warningsCsv(plan) },
    { path: join(outDir, 'contacts-to-create.csv'), chunks: contactsToCreateCsv(plan) },
    { path: join(outDir, 'uf_match.sql'), chunks: ufMatchSql(plan, meta.version) },
    // the summaries hold counts, paths and hashes only, but stay private with the rest
    { path: join(outDir, 'summary.txt'), chunks: [summaryText(summary)] },
    { path: join(outDir, 'summary.json'), chunks: [summaryJson(summary)] },
  ]);
  return summary;
}
