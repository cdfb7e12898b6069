/**
 * The journal on disk: every decision is appended and flushed to the kernel (and synced to
 * the disk) before the TUI moves on, so a crash, kill -9 or Ctrl-C loses nothing.
 */
import { closeSync, existsSync, fdatasyncSync, fstatSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { JOURNAL_HEADER, journalRow, type JournalEntry } from '../decide/journal.js';
import { PRIVATE_MODE } from './atomicWrite.js';
import { csvRow } from './csvCell.js';

export class JournalFile {
  private fd: number;
  /** Rows appended since open (decisions, not the header). */
  private appended = 0;

  private constructor(
    fd: number,
    private readonly path: string,
    /** This open created the file (it held no journal before). */
    private readonly fresh: boolean,
  ) {
    this.fd = fd;
  }

  /**
   * Open for appending, creating it (mode 0600) with a header row when missing or empty. A
   * journal whose last row was cut off (a power cut or kill -9 in the middle of a write) is
   * ended first — its open quote closed, its line ended — so that the next decision starts a
   * row of its own instead of being glued onto the fragment (which a replay reports).
   */
  static open(path: string): JournalFile {
    const fresh = !existsSync(path) || statSync(path).size === 0;
    const ending = fresh ? '' : endingFor(readFileSync(path));
    const fd = openSync(path, 'a', PRIVATE_MODE);
    const j = new JournalFile(fd, path, fresh);
    if (fresh) j.write(csvRow(JOURNAL_HEADER));
    else if (ending !== '') j.write(ending);
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

  append(e: Omit<JournalEntry, 'line'>): void {
    this.write(csvRow(journalRow(e)));
    this.appended++;
  }

  private write(s: string): void {
    writeSync(this.fd, s);
    fdatasyncSync(this.fd);
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

/**
 * What a journal's bytes need after them so that the next row starts on a line of its own: a
 * closing quote when an odd number of quotes leaves a quoted field open (quotes inside a field
 * are doubled, so the count's parity says it), then a line break unless the last byte is one.
 */
export function endingFor(bytes: Uint8Array): string {
  let quotes = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x22) quotes++;
  const open = quotes % 2 === 1;
  if (!open && (bytes.length === 0 || bytes[bytes.length - 1] === 0x0a)) return '';
  return (open ? '"' : '') + '\r\n';
}
