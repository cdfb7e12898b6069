/**
 * One run per --out folder. A review holds the folder's lock file (`.ufmatch.lock`, created
 * with O_EXCL and naming its process) from before it reads the journal until it ends, so that
 * a second review, or a scripted run, cannot start over, resume, append to or remove the
 * journal the first one has open. A scripted run holds it from before it loads until its
 * outputs are in place: two scripted runs into one folder, each replacing the six files one
 * by one, left a mix of both runs' files (found by an audit: summary.json from one run,
 * links.csv from the other, both exit 0). A lock whose process is gone (kill -9, a power cut)
 * is stale and taken over; a live one refuses the newcomer with one line naming the folder
 * and the process.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../load/errors.js';
import { processAlive } from '../runtime/processAlive.js';

export const LOCK_FILE = '.ufmatch.lock';

/** A lock file that names no process younger than this is one being written; older, a leftover. */
const UNNAMED_GRACE_MS = 5_000;

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly mode: 'review' | 'scripted';
  /** ISO time the holder took the lock. */
  readonly since: string;
}

/** Who asks, and how to tell whether a process lives (tests pass their own). */
export interface LockSeeker {
  readonly pid: number;
  readonly host: string;
  readonly alive: (pid: number) => boolean;
}

export const thisProcess = (): LockSeeker => ({ pid: process.pid, host: hostname(), alive: processAlive });

export function holderText(h: LockHolder): string {
  return `${JSON.stringify(h)}\n`;
}

/** The holder a lock file's text names, or null when it names none (garbled, empty). */
export function parseHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (!Number.isSafeInteger(h.pid) || (h.pid as number) <= 0 || typeof h.host !== 'string') return null;
    return { pid: h.pid as number, host: h.host, mode: h.mode === 'scripted' ? 'scripted' : 'review', since: typeof h.since === 'string' ? h.since : '?' };
  } catch {
    return null;
  }
}

export type LockVerdict = { readonly kind: 'held'; readonly holder: LockHolder | null } | { readonly kind: 'stale' };

/**
 * Whether a lock file (its text and age) still holds the folder for someone else. A process of
 * another host cannot be checked from here: held. Our own pid names an earlier process that had
 * our id (a container restarted): the caller holds no lock, so it is stale.
 */
export function judgeLock(text: string, ageMs: number, me: LockSeeker): LockVerdict {
  const h = parseHolder(text);
  if (h === null) return ageMs < UNNAMED_GRACE_MS ? { kind: 'held', holder: null } : { kind: 'stale' };
  if (h.host !== me.host) return { kind: 'held', holder: h };
  if (h.pid === me.pid) return { kind: 'stale' };
  return me.alive(h.pid) ? { kind: 'held', holder: h } : { kind: 'stale' };
}

function readLock(path: string, shownOut: string): { text: string; ageMs: number } | null {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new UsageError(`--out ${shownOut}: ${path} is a folder, where ufmatch keeps the lock of a run: remove it, or choose another --out`);
    return { text: readFileSync(path, 'utf8'), ageMs: Date.now() - st.mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function refusal(shownOut: string, path: string, holder: LockHolder | null, me: LockSeeker): UsageError {
  const who = holder === null
    ? `(its lock ${path} is being written)`
    : `(${holder.mode === 'review' ? 'a review' : 'a scripted run'}, pid ${holder.pid}${holder.host !== me.host ? ` on ${holder.host}` : ''}, since ${holder.since})`;
  const pid = holder === null ? '' : ` as pid ${holder.pid}${holder.host !== me.host ? ` on ${holder.host}` : ''}`;
  return new UsageError(`--out ${shownOut} is in use by another ufmatch ${who}: wait for it to end or choose another --out (if no ufmatch runs${pid}, remove ${path})`);
}

/**
 * Create the lock file with O_EXCL: false when one exists. A folder the system will not let
 * ufmatch write is reported as that folder (the lock is only the first file a run creates there).
 */
function create(path: string, text: string, dir: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw Object.assign(e as Error, { path: dir });
    throw e;
  }
  try {
    const bytes = Buffer.from(text);
    if (writeSync(fd, bytes) !== bytes.length) throw Object.assign(new Error('the lock file was written short (is the disk full?)'), { code: 'ENOSPC', path });
  } catch (e) {
    closeSync(fd);
    unlinkSync(path);
    throw e;
  }
  closeSync(fd);
  return true;
}

/**
 * Take a stale lock away: move it aside under a name of our own, and drop it only if it is
 * the one judged stale — another newcomer may have taken the name meanwhile, whose fresh lock
 * goes back.
 */
function takeAway(path: string, judged: string, me: LockSeeker): void {
  const aside = `${path}.${me.pid}.${randomBytes(6).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else took it away
    throw e;
  }
  const moved = readFileSync(aside, 'utf8');
  if (moved !== judged && !existsSync(path)) renameSync(aside, path);
  else unlinkSync(aside);
}

/**
 * Take the folder's lock for `holder`, taking over a stale one; a live one is a UsageError
 * naming the folder and its holder. Returns the text written (what release compares).
 */
export function takeLock(dir: string, shownOut: string, mode: LockHolder['mode'], me: LockSeeker = thisProcess()): string {
  const path = join(dir, LOCK_FILE);
  const text = holderText({ pid: me.pid, host: me.host, mode, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 5; attempt++) {
    if (create(path, text, dir)) return text;
    const found = readLock(path, shownOut);
    if (found === null) continue; // its holder just ended
    const verdict = judgeLock(found.text, found.ageMs, me);
    if (verdict.kind === 'held') throw refusal(shownOut, path, verdict.holder, me);
    takeAway(path, found.text, me);
  }
  throw new UsageError(`--out ${shownOut}: could not take its lock ${path} (other runs keep taking it): try again`);
}

/** Remove the lock file if it still holds `text` (ours); never throws. */
export function dropLock(dir: string, text: string): void {
  const path = join(dir, LOCK_FILE);
  try {
    if (readFileSync(path, 'utf8') === text) unlinkSync(path);
  } catch {
    /* gone already, or unreadable: not ours to force */
  }
}

/** The lock this process holds (one run per process). */
let held: { dir: string; text: string } | null = null;

export function acquireOutLock(dir: string, shownOut: string, mode: LockHolder['mode'] = 'review'): void {
  releaseOutLock();
  held = { dir, text: takeLock(dir, shownOut, mode) };
}

/** Release the lock this process holds, if any: at the end of a run, on a signal, on a failure. */
export function releaseOutLock(): void {
  const h = held;
  held = null;
  if (h) dropLock(h.dir, h.text);
}
