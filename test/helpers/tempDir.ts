/**
 * A temporary folder for one test file, removed when the file's tests end (test/setup.ts):
 * the suite makes some 200 folders per run, and a machine that runs it often had filled /tmp
 * with 18,000 of them (4 GB). They stay under the system's temporary folder, whose short path
 * the screens and messages the tests read are sized for.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir made in this test file (a test may have removed some already). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
