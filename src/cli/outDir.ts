/**
 * The output folder: created when missing (0700), and refused when writing into it would
 * overwrite an input (an output name that is, or links to, an input file) or a file of an
 * output's name that ufmatch did not write (ownOutputs.ts). A folder this run
 * created is removed again when the run fails before writing anything into it.
 */
import { lstatSync, mkdirSync, realpathSync, rmdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../load/errors.js';
import { TEMP_NAME } from '../output/atomicWrite.js';
import { foreignOutput, foreignOutputWords } from '../output/ownOutputs.js';
import { OUTPUT_FILES } from '../output/writeOutputs.js';

export const JOURNAL_FILE = 'decisions.csv';

function real(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}

/** Folders created by prepareOutDir in this process, outermost first. */
let created: string[] = [];

/**
 * Checks `--out` and creates it when missing. `writes` are the names the caller will write
 * there (default: every output and the journal); only they are checked against the inputs.
 */
export function prepareOutDir(
  out: string,
  inputs: readonly string[],
  writes: readonly string[] = [...OUTPUT_FILES, JOURNAL_FILE],
): string {
  created = [];
  if (out.trim() === '') throw new UsageError('--out is empty: give a folder (default ./ufmatch-out)');
  const dir = resolve(out);
  const inputReal = new Set(inputs.map((p) => real(p) ?? resolve(p)));
  const dirReal = real(dir);
  if (dirReal !== null) {
    if (inputReal.has(dirReal)) throw new UsageError(`--out ${out} is an input file: choose another folder`);
    if (!statSync(dirReal).isDirectory()) throw new UsageError(`--out ${out} exists and is not a folder: choose a folder`);
  }
  for (const name of writes) {
    const p = join(dir, name);
    let isLink = false;
    try {
      isLink = lstatSync(p).isSymbolicLink();
    } catch {
      continue; // does not exist yet
    }
    const r = real(p);
    if (r !== null && inputReal.has(r)) {
      throw new UsageError(`--out ${out} would overwrite the input ${name}${isLink ? ' (a link to an input)' : ''}: choose another folder`);
    }
    if (isLink) throw new UsageError(`--out ${out}: ${name} is a symbolic link; ufmatch will not write through links — remove it or choose another folder`);
  }
  const foreign = dirReal === null ? null : foreignOutput(dir, writes);
  if (foreign !== null) throw new UsageError(foreignOutputWords(out, foreign));
  // an input named like a temp file of ours (.links.csv.<pid>.<hex>.tmp) would be cleaned away
  if (dirReal !== null) {
    for (const input of inputs) {
      const r = real(input);
      const m = r !== null && dirname(r) === dirReal ? TEMP_NAME.exec(basename(r)) : null;
      if (m && writes.includes(m[1]!)) throw new UsageError(`--out ${out} holds the input ${basename(r!)}, named like ufmatch's temp files, which a run removes: rename it or choose another folder`);
    }
  }
  if (dirReal === null) makeFolders(dir);
  return dir;
}

/**
 * mkdir -p, one folder at a time (recording each in `created`, outermost first). Not
 * mkdirSync's `recursive`: on Node 20 it loops for ever where mkdir answers ENOENT for a
 * parent that exists (`--out /proc/x`); here that mkdir's error is the answer.
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let p = dir; ; p = dirname(p)) {
    try {
      statSync(p);
      break; // exists (a file in the way makes the mkdir below fail with ENOTDIR)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') throw new UsageError(`--out ${dir}: ${fileInTheWay(p)} is a file, not a folder: choose another folder`);
      if (code !== 'ENOENT' || dirname(p) === p) throw e;
      missing.push(p);
    }
  }
  for (const p of missing.reverse()) {
    try {
      mkdirSync(p, { mode: 0o700 });
    } catch (e) {
      // another run made it between the stat and here: the folder's lock decides between the two
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && statSync(p).isDirectory()) continue;
      throw e;
    }
    created.push(p);
  }
}

/** The first part of `p` that exists and is not a folder (what made a stat answer ENOTDIR). */
function fileInTheWay(p: string): string {
  for (let q = dirname(p); dirname(q) !== q; q = dirname(q)) {
    try {
      if (!statSync(q).isDirectory()) return q;
    } catch {
      /* further up */
    }
  }
  return dirname(p);
}

/**
 * After a failed run: removes the folders prepareOutDir created, innermost first, as long as
 * they are empty (a run that failed before writing leaves no trace; anything written stays).
 */
export function removeCreatedOutDir(): void {
  for (const d of created.reverse()) {
    try {
      rmdirSync(d);
    } catch {
      break; // not empty (or already gone): keep it and its parents
    }
  }
  created = [];
}
