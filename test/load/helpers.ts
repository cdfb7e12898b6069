import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { InputError } from '../../src/load/errors.js';
import { tempDir as removedAfterTheFile } from '../helpers/tempDir.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/load/', import.meta.url));
export const BAD = fileURLToPath(new URL('../fixtures/bad/', import.meta.url));

export const fixture = (name: string): string => join(FIXTURES, name);
export const bad = (name: string): string => join(BAD, name);

/** A temp dir removed after the file's tests; `write` puts a file in it. */
export function tempDir(): { dir: string; write: (name: string, data: string | Buffer) => string } {
  const dir = removedAfterTheFile('ufmatch-load-');
  return {
    dir,
    write(name, data) {
      const p = join(dir, name);
      writeFileSync(p, data);
      return p;
    },
  };
}

/**
 * Awaits a rejection and checks it is an InputError for `file` at `line` (null = file-level),
 * with a remedy, a one-line message naming file and line, and none of `secrets` in it.
 */
export async function expectInputError(
  promise: Promise<unknown>,
  file: string,
  line: number | null,
  problem: RegExp,
  secrets: readonly string[] = [],
): Promise<InputError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(caught, 'expected an InputError').toBeInstanceOf(InputError);
  const e = caught as InputError;
  expect(e.file).toBe(file);
  expect(e.line).toBe(line);
  expect(e.problem).toMatch(problem);
  expect(e.remedy.length).toBeGreaterThan(0);
  expect(e.message).not.toMatch(/[\r\n]/);
  expect(e.message.startsWith(line === null ? `${file}: ` : `${file} line ${line}`)).toBe(true);
  expect(e.message).not.toMatch(/\n\s+at /);
  for (const s of secrets) expect(e.message).not.toContain(s);
  return e;
}
