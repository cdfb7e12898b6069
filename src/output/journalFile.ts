/**
 * The journal on disk: every decision is appended and flushed to the kernel (and synced to
 * the disk) before the TUI moves on, so a crash, kill -9 or Ctrl-C loses nothing.
 */
import { closeSync, existsSync, fdatasyncSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { JOURNAL_HEADER, journalRow, type JournalEntry } from '../decide/journal.js';
import { PRIVATE_MODE } from './atomicWrite.js';
import { csvRow } from './csvCell.js';

export class JournalFile {
  private fd: number;

  private constructor(fd: number) {
    this.fd = fd;
  }

  /** Open for appending, creating it (mode 0600) with a header row when missing or empty. */
  static open(path: string): JournalFile {
    const fresh = !existsSync(path) || statSync(path).size === 0;
    const fd = openSync(path, 'a', PRIVATE_MODE);
    const j = new JournalFile(fd);
    if (fresh) j.write(csvRow(JOURNAL_HEADER));
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
  }

  private write(s: string): void {
    writeSync(this.fd, s);
    fdatasyncSync(this.fd);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
