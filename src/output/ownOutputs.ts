/**
 * How each output file begins as ufmatch writes it. A file of that name already in --out that
 * begins otherwise (someone's own summary.txt or links.csv in a folder given as --out, or an
 * output re-saved by a spreadsheet with a byte-order mark or quoted headers) is not replaced: a
 * run refuses, so that nobody's file is lost; an empty file holds nothing to lose. Only the
 * beginning is read: a line added further into ufmatch's own summary.txt is not noticed.
 */
import { closeSync, lstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
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

/** A file's first OWN_HEAD_BYTES bytes (none when it cannot be read: the write that follows says why). */
function head(p: string): Buffer {
  let fd: number;
  try {
    fd = openSync(p, 'r');
  } catch {
    return Buffer.alloc(0);
  }
  try {
    const b = Buffer.alloc(OWN_HEAD_BYTES);
    return b.subarray(0, readSync(fd, b, 0, b.length, 0));
  } catch {
    return Buffer.alloc(0);
  } finally {
    closeSync(fd);
  }
}

/**
 * The first of `names` in `dir` that is a regular file ufmatch did not write, or null. Checked
 * when a run starts and again just before the outputs are written: a file put there during a
 * review (or a long load) is kept too.
 */
export function foreignOutput(dir: string, names: readonly string[]): string | null {
  for (const name of names) {
    const p = join(dir, name);
    let isFile = false;
    try {
      isFile = lstatSync(p).isFile();
    } catch {
      continue; // not there
    }
    if (isFile && !writtenByUfmatch(name, head(p))) return name;
  }
  return null;
}

/** The refusal's words for such a file. */
export function foreignOutputWords(shownOut: string, name: string): string {
  return `--out ${shownOut} holds a ${name} that does not begin as ufmatch writes it (someone else's file, or one re-saved by another program), which a run would replace: move it, or choose another --out`;
}
