/**
 * The output folder: created when missing (0700), and refused when writing into it would
 * overwrite an input (an output name that is, or links to, an input file).
 */
import { lstatSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../load/errors.js';
import { OUTPUT_FILES } from '../output/writeOutputs.js';

export const JOURNAL_FILE = 'decisions.csv';

function real(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}

export function prepareOutDir(out: string, inputs: readonly string[]): string {
  const dir = resolve(out);
  const inputReal = new Set(inputs.map((p) => real(p) ?? resolve(p)));
  const dirReal = real(dir);
  if (dirReal !== null) {
    if (inputReal.has(dirReal)) throw new UsageError(`--out ${out} is an input file: choose another folder`);
    if (!statSync(dirReal).isDirectory()) throw new UsageError(`--out ${out} exists and is not a folder: choose a folder`);
  }
  for (const name of [...OUTPUT_FILES, JOURNAL_FILE]) {
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
  if (dirReal === null) mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
