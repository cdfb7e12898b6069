/**
 * Atomic output files: each file is written to a temp file beside its target and fsynced;
 * only when every file of the set is complete are they renamed over their targets. A crash
 * at any moment leaves each target either the previous complete version or the new one, and
 * a failure while writing leaves every target untouched. Files holding personal data are
 * created with mode 0600.
 *
 * Temp files are hidden and name their writer: `.<name>.<pid>.<12 hex>.tmp`. A run killed while
 * writing (SIGKILL, power loss) leaves its temp files behind; the next write of the same
 * targets removes those whose process is gone (never a live run's).
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { ByteOut, type TextOut } from './textOut.js';
import { writerAvailable, WriterGone, WriterThread } from './writerThread.js';

export const PRIVATE_MODE = 0o600;

export interface OutputFile {
  readonly path: string;
  /** Writes the file's text piece by piece (textOut.ts), so that large files never sit whole in memory. */
  readonly write: (out: TextOut) => void;
  readonly mode?: number;
}

/** An OutputFile's writer from text produced in pieces. */
export function fromChunks(chunks: Iterable<string>): (out: TextOut) => void {
  return (out) => {
    for (const c of chunks) out.text(c);
  };
}

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** Whether a process with this id exists (EPERM: it does, under another user). */
function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files that a killed earlier run left beside these targets (same names, writer
 * gone). Best effort: a folder that cannot be listed or a file that cannot be removed is left.
 */
export function removeStaleTemps(targets: readonly string[]): string[] {
  const removed: string[] = [];
  const byDir = new Map<string, Set<string>>();
  for (const t of targets) {
    const names = byDir.get(dirname(t)) ?? new Set<string>();
    names.add(basename(t));
    byDir.set(dirname(t), names);
  }
  for (const [dir, names] of byDir) {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const e of entries) {
      const m = TEMP_NAME.exec(e);
      if (!m || !names.has(m[1]!) || processAlive(Number(m[2]))) continue;
      try {
        unlinkSync(join(dir, e));
        removed.push(join(dir, e));
      } catch {
        /* gone already, or not ours to remove */
      }
    }
  }
  return removed;
}

/** Writes buf[0, used) whole (writeSync may write less than asked). */
function flush(fd: number, buf: Buffer, used: number): void {
  let off = 0;
  while (off < used) off += writeSync(fd, buf, off, used - off);
}

/**
 * Writes the file's temp file and fsyncs it: here, or with `writer` (then the fd stays open,
 * pushed on `open`, until the writer has finished; also when the writer is gone, so that no
 * late write of it can land in a file opened later under the same number).
 */
function writeTemp(file: OutputFile, writer: WriterThread | null, open: number[]): string {
  const tmp = tempPathFor(file.path);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', file.mode ?? PRIVATE_MODE);
  } catch (e) {
    throw named(e, file.path);
  }
  try {
    if (writer) {
      open.push(fd);
      const w = writer.file(fd, file.path);
      const out = new ByteOut(w.drain, undefined, w.take);
      file.write(out);
      out.end();
      writer.sync(fd);
      return tmp;
    }
    const out = new ByteOut((buf, n) => flush(fd, buf, n));
    file.write(out);
    out.end();
    fsyncSync(fd);
    closeSync(fd);
  } catch (e) {
    if (!writer) closeQuietly(fd);
    removeQuietly(tmp);
    throw named(e, file.path);
  }
  return tmp;
}

/**
 * A file-system error names the output it was writing (write errors carry no path, open
 * errors the temp file's); one that names an output already (the writer thread's) keeps it.
 */
function named(e: unknown, path: string): unknown {
  const err = e as NodeJS.ErrnoException | null;
  if (err && typeof err.code === 'string' && typeof err.syscall === 'string' && (err.path === undefined || TEMP_NAME.test(basename(err.path)))) err.path = path;
  return e;
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    /* closed already */
  }
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

/**
 * Write a set of files all-or-nothing (as far as a filesystem allows: renames are atomic one
 * by one).
 * @param parallel write and fsync on another thread while this one encodes (writerThread.ts),
 *   when the build has it; should that thread not start or stop answering, the files are
 *   written again here
 */
export function writeFilesAtomic(files: readonly OutputFile[], parallel = false): void {
  removeStaleTemps(files.map((f) => f.path));
  let temps: string[] | null = null;
  let lingering: number[] = [];
  if (parallel && writerAvailable()) {
    const r = tempsWithWriter(files);
    if ('temps' in r) temps = r.temps;
    else lingering = r.lingering;
  }
  try {
    temps ??= tempsHere(files);
  } finally {
    for (const fd of lingering) closeQuietly(fd);
  }
  for (let i = 0; i < files.length; i++) {
    try {
      renameSync(temps[i]!, files[i]!.path);
    } catch (e) {
      for (const t of temps.slice(i)) removeQuietly(t);
      throw named(e, files[i]!.path);
    }
  }
  for (const dir of new Set(files.map((f) => dirname(f.path)))) fsyncDir(dir);
}

/** The files' temp files, written and fsynced here. */
function tempsHere(files: readonly OutputFile[]): string[] {
  const temps: string[] = [];
  try {
    for (const f of files) temps.push(writeTemp(f, null, []));
  } catch (e) {
    for (const t of temps) removeQuietly(t);
    throw e;
  }
  return temps;
}

/**
 * The files' temp files, written and fsynced by a writer thread; or, when that thread is gone
 * (WriterGone), none (removed) and the fds to close once the files are written again.
 */
function tempsWithWriter(files: readonly OutputFile[]): { temps: string[] } | { lingering: number[] } {
  const writer = new WriterThread();
  const temps: string[] = [];
  /** The temp files' fds, in the order of `files`, closed once the writer is done with them. */
  const open: number[] = [];
  try {
    try {
      for (const f of files) temps.push(writeTemp(f, writer, open));
      writer.finish();
    } catch (e) {
      if (e instanceof WriterGone) {
        for (const t of temps) removeQuietly(t);
        return { lingering: open };
      }
      // a writer that does not settle keeps its fds: better a leak than a late write elsewhere
      if (writer.settle()) for (const fd of open.splice(0)) closeQuietly(fd);
      throw e;
    } finally {
      writer.stop();
    }
    for (let i = 0; i < open.length; i++) {
      try {
        closeSync(open[i]!);
      } catch (e) {
        for (const fd of open.slice(i + 1)) closeQuietly(fd);
        throw named(e, files[i]!.path);
      }
    }
  } catch (e) {
    for (const t of temps) removeQuietly(t);
    throw e;
  }
  return { temps };
}

export function writeFileAtomic(path: string, chunks: Iterable<string>, mode = PRIVATE_MODE): void {
  writeFilesAtomic([{ path, write: fromChunks(chunks), mode }]);
}
