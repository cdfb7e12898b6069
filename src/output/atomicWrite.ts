/**
 * Atomic output files: each file is written to a temp file beside its target and fsynced;
 * only when every file of the set is complete are they renamed over their targets. A crash
 * at any moment leaves each target either the previous complete version or the new one, and
 * a failure while writing leaves every target untouched. Files holding personal data are
 * created with mode 0600.
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export const PRIVATE_MODE = 0o600;

export interface OutputFile {
  readonly path: string;
  /** Produced lazily, so large files never sit whole in memory. */
  readonly chunks: Iterable<string>;
  readonly mode?: number;
}

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

function writeTemp(file: OutputFile): string {
  const tmp = tempPathFor(file.path);
  const fd = openSync(tmp, 'wx', file.mode ?? PRIVATE_MODE);
  try {
    let buf = '';
    for (const c of file.chunks) {
      buf += c;
      if (buf.length >= 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    if (buf) writeSync(fd, buf);
    fsyncSync(fd);
    closeSync(fd);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      /* closed already */
    }
    removeQuietly(tmp);
    throw e;
  }
  return tmp;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

function fsyncDir(dir: string): void {
  try {
    const dfd = openSync(dir, 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    /* some filesystems cannot fsync a directory */
  }
}

/** Write a set of files all-or-nothing (as far as a filesystem allows: renames are atomic one by one). */
export function writeFilesAtomic(files: readonly OutputFile[]): void {
  const temps: string[] = [];
  try {
    for (const f of files) temps.push(writeTemp(f));
  } catch (e) {
    for (const t of temps) removeQuietly(t);
    throw e;
  }
  files.forEach((f, i) => renameSync(temps[i]!, f.path));
  for (const dir of new Set(files.map((f) => dirname(f.path)))) fsyncDir(dir);
}

export function writeFileAtomic(path: string, chunks: Iterable<string>, mode = PRIVATE_MODE): void {
  writeFilesAtomic([{ path, chunks, mode }]);
}
