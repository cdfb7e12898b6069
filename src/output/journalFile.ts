/**
 * The journal on disk: every decision is appended and flushed to the kernel (and synced to
 * the disk) before the TUI moves on, so a crash, kill -9 or Ctrl-C loses nothing. An append
 * that fails or falls short (a full disk takes part of a row) throws JournalError after taking
 * the part written off again: the journal never holds half a decision the review did not make.
 */
import { closeSync, existsSync, fdatasyncSync, fstatSync, ftruncateSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { JOURNAL_HEADER, journalRow, type JournalEntry } from '../decide/journal.js';
import { PRIVATE_MODE } from './atomicWrite.js';
import { csvRow } from './csvCell.js';
import { ioWords } from './ioWords.js';

/** The file operations an append needs; tests pass fakes that fail or write short. */
export interface JournalIo {
  /** Bytes written, which may be fewer than asked (a full disk). */
  write(fd: number, bytes: Uint8Array): number;
  sync(fd: number): void;
  truncate(fd: number, length: number): void;
}

/** The header line as open() writes it (without its line end). */
const OWN_HEADER = Buffer.from(csvRow(JOURNAL_HEADER).replace(/\r\n$/, ''), 'utf8');

const fileIo: JournalIo = { write: (fd, bytes) => writeSync(fd, bytes), sync: fdatasyncSync, truncate: ftruncateSync };

/** A row the journal could not take. */
export class JournalError extends Error {
  constructor(
    readonly path: string,
    /** Why, in a few words. */
    readonly why: string,
    /** The part written could not be taken off: the file ends in a fragment of this row. */
    readonly damaged: boolean,
    readonly code = 'EIO',
  ) {
    super(`${path}: ${why}`);
    this.name = 'JournalError';
  }
}

/** What keepAtPath() did: the journal was written at its path again. */
export interface JournalRestored {
  /** Another file had taken its name: it is kept as `<path>.bak` (false: the name was free). */
  readonly replaced: boolean;
  /** Where an earlier `.bak` went to make room (as setAside() says), or null. */
  readonly older: string | null;
}

export class JournalFile {
  private fd: number;
  /** Set by a write that had to put the journal back at its path first; taken by takeRestored(). */
  private restored: JournalRestored | null = null;
  /** Rows appended since open (decisions, not the header). */
  private appended = 0;
  /** Where the file ends after the last whole write: a failed one is cut back to it. */
  private size: number;
  /** Set when a failed write could not be cut back: no row is appended after the fragment. */
  private damage: JournalError | null = null;

  private constructor(
    fd: number,
    private readonly path: string,
    /** This open created the file (it held no journal before). */
    private readonly fresh: boolean,
    private readonly io: JournalIo,
  ) {
    this.fd = fd;
    this.size = fstatSync(fd).size;
  }

  /**
   * Open for appending, creating it (mode 0600) with a header row when missing or empty. A
   * journal whose last row was cut off (a power cut or kill -9 in the middle of a write) gets
   * its line ended first, so that the next decision starts a row of its own instead of being
   * glued onto the fragment (which a replay reports, by line). Nothing else is "repaired": a
   * quote left open is closed by no quote of ours (that would turn the rows between into one
   * cell for any CSV reader); the journal is read a line a row.
   */
  static open(path: string, io: JournalIo = fileIo): JournalFile {
    const fresh = !existsSync(path) || statSync(path).size === 0;
    const ending = fresh ? '' : endingFor(readFileSync(path));
    // readable too: keepAtPath() copies the rows from this file when its name is gone
    const fd = openSync(path, 'a+', PRIVATE_MODE);
    const j = new JournalFile(fd, path, fresh, io);
    try {
      if (fresh) j.write(csvRow(JOURNAL_HEADER));
      else if (ending !== '') j.write(ending);
    } catch (e) {
      j.close();
      throw e;
    }
    return j;
  }

  /**
   * Keep an old journal aside as `<path>.bak` ("start over"), so a new one can begin. A `.bak`
   * from an earlier start-over is not overwritten: it moves to the first free `.bak.N`
   * (`.bak.1` the oldest), so starting over twice loses no one's decisions. Says where that
   * earlier `.bak` went, if there was one.
   */
  static setAside(path: string): { readonly older: string | null } {
    if (!existsSync(path)) return { older: null };
    const bak = `${path}.bak`;
    let older: string | null = null;
    if (existsSync(bak)) {
      let n = 1;
      while (existsSync(`${bak}.${n}`)) n++;
      older = `${bak}.${n}`;
      renameSync(bak, older);
    }
    renameSync(path, bak);
    return { older };
  }

  /**
   * Whether the journal at `path` begins as ufmatch writes one: its header, comma-separated, in
   * UTF-8 (after a BOM or not; an empty or missing file too). Rows appended to any other (a journal
   * re-saved by a spreadsheet: columns reordered, tab-separated, UTF-16) would not be read back
   * by its own header: rewrite() it first.
   */
  static inOwnLayout(path: string): boolean {
    if (!existsSync(path)) return true;
    const bytes = readFileSync(path);
    if (bytes.length === 0) return true;
    // a UTF-8 BOM (an editor's) is read past, and rows appended after it read back
    const at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const head = OWN_HEADER;
    if (bytes.length < at + head.length + 1 || !bytes.subarray(at, at + head.length).equals(head)) return false;
    const next = bytes[at + head.length];
    return next === 0x0a || (next === 0x0d && bytes[at + head.length + 1] === 0x0a);
  }

  /**
   * The journal as ufmatch writes one, holding `entries` (those read from it, in its order),
   * the file as it was kept aside as setAside() keeps it (its rows not read are there).
   */
  static rewrite(path: string, entries: readonly Omit<JournalEntry, 'line'>[]): { readonly older: string | null } {
    const aside = JournalFile.setAside(path);
    const j = JournalFile.open(path);
    try {
      j.appendAll(entries);
    } finally {
      j.close();
    }
    return aside;
  }

  append(e: Omit<JournalEntry, 'line'>): void {
    this.write(csvRow(journalRow(e)));
    this.appended++;
  }

  /** Several rows in one write and one sync, all or none (the rows a review starts with). */
  appendAll(entries: readonly Omit<JournalEntry, 'line'>[]): void {
    if (entries.length === 0) return;
    this.write(entries.map((e) => csvRow(journalRow(e))).join(''));
    this.appended += entries.length;
  }

  /**
   * Write and sync all of `s`, or throw JournalError with the file as it was: a short write
   * is a failure, and what it wrote is cut off again (a sync that fails leaves the row's fate
   * unknown: cut off too).
   */
  private write(s: string): void {
    if (this.damage) throw this.damage;
    // a row appended to a file no longer at the path would be lost with it: put it back first
    const restored = this.keepAtPathOrThrow();
    if (restored) this.restored = restored;
    const bytes = Buffer.from(s, 'utf8');
    try {
      const n = this.io.write(this.fd, bytes);
      if (n !== bytes.length) throw new JournalError(this.path, `only ${n} of ${bytes.length} bytes were written: is the disk full?`, false, 'ENOSPC');
      this.io.sync(this.fd);
    } catch (e) {
      const failed = e instanceof JournalError ? e : new JournalError(this.path, ioWords(e as NodeJS.ErrnoException), false, (e as NodeJS.ErrnoException).code);
      try {
        this.io.truncate(this.fd, this.size);
      } catch (t) {
        this.damage = new JournalError(this.path, `${failed.why}; the part written could not be taken off (${ioWords(t as NodeJS.ErrnoException)})`, true, failed.code);
        throw this.damage;
      }
      throw failed;
    }
    this.size += bytes.length;
  }

  /** What the last writes did to put the journal back at its path (see keepAtPath), once. */
  takeRestored(): JournalRestored | null {
    const r = this.restored;
    this.restored = null;
    return r;
  }

  /**
   * Makes sure the file at the path is this journal. Its name can go while the review runs (the
   * --out folder deleted in another terminal, the file removed or replaced by another): rows
   * appended after that would go to a file no one can open, and the review would still say its
   * decisions are safe. The journal is then written at its path again, with every row it holds
   * (read back from the file this one still has open), in a folder made again if it is gone; a
   * file that took its place is kept aside as setAside() keeps one (`.bak`), never overwritten.
   * Returns what it did, or null when the file at the path is this one (or this session created
   * it and has no decision in it: nothing to keep). Throws JournalError when it cannot.
   */
  keepAtPath(): JournalRestored | null {
    if (this.damage) throw this.damage;
    return this.keepAtPathOrThrow();
  }

  private keepAtPathOrThrow(): JournalRestored | null {
    if (this.fd < 0 || (this.fresh && this.appended === 0) || this.atPath()) return null;
    try {
      const bytes = Buffer.allocUnsafe(this.size);
      let got = 0;
      while (got < bytes.length) {
        const n = readSync(this.fd, bytes, got, bytes.length - got, got);
        if (n === 0) break;
        got += n;
      }
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      const replaced = existsSync(this.path);
      const older = replaced ? JournalFile.setAside(this.path).older : null;
      const fd = openSync(this.path, 'ax+', PRIVATE_MODE);
      try {
        const n = this.io.write(fd, bytes.subarray(0, got));
        if (n !== got) throw new JournalError(this.path, `only ${n} of ${got} bytes were written: is the disk full?`, false, 'ENOSPC');
        this.io.sync(fd);
      } catch (e) {
        closeSync(fd);
        rmSync(this.path, { force: true });
        throw e;
      }
      closeSync(this.fd);
      this.fd = fd;
      this.size = got;
      return { replaced, older };
    } catch (e) {
      if (e instanceof JournalError) throw new JournalError(this.path, `it was removed during the review and could not be written again: ${e.why}`, false, e.code);
      const err = e as NodeJS.ErrnoException;
      throw new JournalError(this.path, `it was removed during the review and could not be written again (${ioWords(err)})`, false, err.code);
    }
  }

  /** Whether the path names the file this journal has open (an error other than its absence: assumed so). */
  private atPath(): boolean {
    try {
      const open = fstatSync(this.fd);
      const there = statSync(this.path);
      return open.ino === there.ino && open.dev === there.dev;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code !== 'ENOENT' && code !== 'ENOTDIR';
    }
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  /**
   * close(), removing the file when this session created it and made no decision (a header
   * alone says nothing) — and only while the file at that path is still the one it opened,
   * holding no more than the header it wrote: rows another writer added are never removed.
   */
  closeRemovingIfUnused(): void {
    const remove = this.fresh && this.appended === 0 && this.fd >= 0 && this.onlyOwnHeader();
    this.close();
    if (remove) rmSync(this.path, { force: true });
  }

  private onlyOwnHeader(): boolean {
    try {
      const open = fstatSync(this.fd);
      const there = statSync(this.path);
      return open.ino === there.ino && open.dev === there.dev && there.size === Buffer.byteLength(csvRow(JOURNAL_HEADER));
    } catch {
      return false; // gone or unreadable: nothing to remove
    }
  }
}

/** What a journal's bytes need after them so that the next row starts on a line of its own: a line break unless the last byte is one. */
export function endingFor(bytes: Uint8Array): string {
  return bytes.length === 0 || bytes[bytes.length - 1] === 0x0a ? '' : '\r\n';
}
