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
import { closeSync, fsyncSync, linkSync, lstatSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { ByteOut, type TextOut } from './textOut.js';
import { writerAvailable, WriterGone, WriterThread } from './writerThread.js';
import { processAlive } from '../runtime/processAlive.js';

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

export const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

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
 * Temp files (and backups) of this process that are not renamed or removed yet: what
 * discardLiveTemps() removes when the run is interrupted (the shell's signal handler).
 */
const live = new Set<string>();

let commits = 0;

/** Removes this process's temp files still in flight (Ctrl-C or SIGTERM: the targets stay as they were). */
export function discardLiveTemps(): void {
  for (const t of live) removeQuietly(t);
  live.clear();
}

/** How many sets of files this process has put in place (commit() that succeeded). */
export function committedSets(): number {
  return commits;
}

/** A set of files written to their temp files, not yet in place: commit() or discard(). */
export interface StagedFiles {
  /** Renames every temp file over its target; a failure puts back every target it had replaced. */
  commit(): void;
  /** Removes the temp files; no target is touched. */
  discard(): void;
}

/**
 * Writes a set of files to temp files beside their targets (fsynced), without touching any
 * target yet.
 * @param parallel write and fsync on another thread while this one encodes (writerThread.ts),
 *   when the build has it; should that thread not start or stop answering, the files are
 *   written again here
 */
export function stageFilesAtomic(files: readonly OutputFile[], parallel = false): StagedFiles {
  removeStaleTemps(files.map((f) => f.path));
  let temps: string[] | null = null;
  let lingering: number[] = [];
  let writer: WriterThread | null = null;
  if (parallel && writerAvailable()) {
    const r = tempsWithWriter(files);
    if ('temps' in r) {
      temps = r.temps;
      writer = r.writer;
    } else lingering = r.lingering;
  }
  try {
    temps ??= tempsHere(files);
  } finally {
    for (const fd of lingering) closeQuietly(fd);
  }
  const staged = temps;
  for (const t of staged) live.add(t);
  let done = false;
  return {
    commit() {
      if (done) throw new Error('staged files committed or discarded already');
      done = true;
      try {
        commitTemps(files, staged);
      } finally {
        if (writer) stopWriter(writer);
      }
    },
    discard() {
      if (done) return;
      done = true;
      for (const t of staged) {
        removeQuietly(t);
        live.delete(t);
      }
      if (writer) stopWriter(writer);
    },
  };
}

/**
 * Write a set of files all-or-nothing: stageFilesAtomic, then commit.
 */
export function writeFilesAtomic(files: readonly OutputFile[], parallel = false): void {
  stageFilesAtomic(files, parallel).commit();
}

/**
 * Thrown when a commit failed and could not put every target back: the folder may hold a mix
 * of old and new files (the message says which file could not be restored).
 */
export class MixedOutputs extends Error {
  constructor(
    cause: unknown,
    readonly path: string,
  ) {
    super(`${path} could not be put back after a failed write`, { cause });
  }
}

/** What stands at a target's path: nothing, a file (or link), or a folder. */
function targetKind(path: string): 'none' | 'file' | 'folder' {
  try {
    return lstatSync(path).isDirectory() ? 'folder' : 'file';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw e;
  }
}

/**
 * Renames the temps over their targets. Renames are atomic one by one, not as a set, so each
 * target that exists is first given a second name (a hard link, no copy); should a rename
 * fail, every target replaced so far gets its old file back from that name, and one that did
 * not exist is removed. A target that cannot be a file (a folder in its place) fails before
 * anything is renamed. A filesystem without hard links commits without that net.
 */
function commitTemps(files: readonly OutputFile[], temps: readonly string[]): void {
  const backups: (string | null)[] = [];
  const existed: boolean[] = [];
  const fail = (e: unknown, path: string, replaced: number): never => {
    let restoreFailed: string | null = null;
    for (let j = replaced - 1; j >= 0; j--) {
      const target = files[j]!.path;
      try {
        if (backups[j]) renameSync(backups[j]!, target);
        else if (!existed[j]) unlinkSync(target);
        else restoreFailed ??= target; // replaced without a backup: its old file is gone
      } catch {
        restoreFailed ??= target;
      }
    }
    for (const t of temps.slice(replaced)) removeQuietly(t);
    for (let j = 0; j < backups.length; j++) if (backups[j] && j >= replaced) removeQuietly(backups[j]!);
    for (const t of [...temps, ...backups]) if (t) live.delete(t);
    throw restoreFailed ? new MixedOutputs(named(e, path), restoreFailed) : named(e, path);
  };
  for (let i = 0; i < files.length; i++) {
    const target = files[i]!.path;
    let kind: ReturnType<typeof targetKind>;
    try {
      kind = targetKind(target);
    } catch (e) {
      fail(e, target, 0);
    }
    if (kind! === 'folder') {
      fail(Object.assign(new Error(`EISDIR: illegal operation on a directory, rename '${target}'`), { code: 'EISDIR', syscall: 'rename', path: target }), target, 0);
    }
    const isFile = kind! === 'file';
    existed.push(isFile);
    let backup: string | null = null;
    if (isFile) {
      backup = tempPathFor(target); // a temp file's name: a killed run's is removed as stale
      try {
        linkSync(target, backup);
        live.add(backup);
      } catch {
        backup = null; // no hard links here: no way back for this one
      }
    }
    backups.push(backup);
  }
  for (let i = 0; i < files.length; i++) {
    try {
      renameSync(temps[i]!, files[i]!.path);
      live.delete(temps[i]!);
    } catch (e) {
      fail(e, files[i]!.path, i);
    }
  }
  for (const b of backups) {
    if (!b) continue;
    removeQuietly(b);
    live.delete(b);
  }
  commits++;
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
function tempsWithWriter(files: readonly OutputFile[]): { temps: string[]; writer: WriterThread } | { lingering: number[] } {
  const writer = new WriterThread();
  const temps: string[] = [];
  /** The temp files' fds, in the order of `files`, closed once the writer is done with them. */
  const open: number[] = [];
  // on success the thread stays up, idle, until the files are committed or discarded (see stopWriter)
  let keep = false;
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
    }
    for (let i = 0; i < open.length; i++) {
      try {
        closeSync(open[i]!);
      } catch (e) {
        for (const fd of open.slice(i + 1)) closeQuietly(fd);
        throw named(e, files[i]!.path);
      }
    }
    keep = true;
  } catch (e) {
    for (const t of temps) removeQuietly(t);
    throw e;
  } finally {
    if (!keep) stopWriter(writer);
  }
  return { temps, writer };
}

/**
 * Ends a writer thread. Not before the staged files are committed or discarded: while a thread
 * is torn down, a Ctrl-C that arrived during the write can reach its handler only after it (a
 * scripted run waits one turn of the event loop for that handler before committing; with the
 * teardown in that window, 3 of 100 Ctrl-Cs sent mid-write were handled after the renames,
 * and 0 of 100 with the thread kept up until the commit).
 */
function stopWriter(writer: WriterThread): void {
  void writer.stop().catch(() => undefined);
}
