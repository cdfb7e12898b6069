/**
 * How each output file begins as ufmatch writes it. A file of that name already in --out that
 * begins otherwise (someone's own summary.txt or links.csv in a folder given as --out) is not
 * ufmatch's, and a run refuses to replace it; an empty file holds nothing to lose.
 */
import { CREATE_HEADER } from './contactsToCreate.js';
import { LINKS_HEADER } from './linksCsv.js';
import { WARNINGS_HEADER } from './warningsCsv.js';
import type { OUTPUT_FILES } from './writeOutputs.js';

export const BEGINS: Readonly<Record<(typeof OUTPUT_FILES)[number], string>> = {
  'links.csv': LINKS_HEADER.join(','),
  'warnings.csv': WARNINGS_HEADER.join(','),
  'contacts-to-create.csv': CREATE_HEADER.join(','),
  'summary.json': '{\n  "checked": ',
  'summary.txt': 'ufmatch ',
  'uf_match.sql': '-- ufmatch ',
};

/** Bytes of a file's start that tell whether ufmatch wrote it (more than the longest beginning). */
export const OWN_HEAD_BYTES = 128;

/** Whether a file named `name` that begins with `head` is one ufmatch wrote (true for names it does not write). */
export function writtenByUfmatch(name: string, head: Buffer): boolean {
  const begins = BEGINS[name as keyof typeof BEGINS];
  if (begins === undefined || head.length === 0) return true;
  return head.subarray(0, begins.length).toString('latin1') === begins;
}
