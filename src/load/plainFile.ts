/**
 * A file read through plainCsv.ts's scanner, for the loaders that can take its rows as bytes:
 * contactBytes.ts (the contacts, straight into the table) and csvStream.ts (every other input,
 * as strings). The file is read twice: first only to check that it is plain CSV (no row is
 * delivered, so nothing sees a row of a file the next step may reject), then to deliver the
 * rows, hashing the bytes. A file that is not plain (or not a regular file, or not UTF-8 text
 * by its first bytes) gives null, and the caller reads it with papaparse, which also says what
 * is wrong with it.
 */
import { createHash } from 'node:crypto';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { readError } from './csvStream.js';
import { InputError } from './errors.js';
import { NOT_PLAIN, PlainCsvScanner, type PlainRowSink } from './plainCsv.js';

export interface PlainFileOptions {
  /** Longest row accepted as plain, in bytes. */
  readonly maxRowBytes: number;
  /** Bytes per read (tests use tiny values to split characters and rows). */
  readonly chunk?: number;
  /** Called after each read of the second pass, with the bytes and data rows so far. */
  readonly onProgress?: (bytesRead: number, totalBytes: number, rows: number) => void;
}

export interface PlainFileResult {
  readonly bytes: number;
  readonly sha256: string;
  /** Data rows (header and blank rows excluded). */
  readonly rows: number;
  /** 0 when the file has no row that is not blank. */
  readonly headerLine: number;
  readonly delimiter: string;
}

const CHUNK = 1 << 20;

/** Reads the file into `sink`; null (and nothing delivered) when it is not plain CSV. */
export async function readPlainFile(path: string, sink: PlainRowSink, o: PlainFileOptions): Promise<PlainFileResult | null> {
  let fh: FileHandle;
  const chunk = o.chunk ?? CHUNK;
  try {
    // only a regular file (a FIFO would block here, and be read up once); csvStream.ts words the rest
    if (!(await stat(path)).isFile()) return null;
    fh = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    try {
      const head = Buffer.alloc(4);
      const { bytesRead } = await fh.read(head, 0, 4, 0);
      if (bytesRead === 0 || !textual(head)) return null;
      if ((await scan(fh, chunk, new PlainCsvScanner(null, o.maxRowBytes), null, null)) === null) return null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException | null)?.syscall) return null; // csvStream.ts reads it again and words the failure
      throw err;
    }
    const hash = createHash('sha256');
    const scanner = new PlainCsvScanner(sink, o.maxRowBytes);
    let done: number | null;
    try {
      const total = (await fh.stat()).size;
      const progress = o.onProgress;
      done = await scan(fh, chunk, scanner, hash, progress ? (bytes) => progress(bytes, total, scanner.rows) : null);
    } catch (err) {
      throw (err as NodeJS.ErrnoException | null)?.syscall ? readError(path, err) : err;
    }
    if (done === null) throw new InputError(path, null, 'the file changed while it was being read', 'run ufmatch again once nothing writes to the file');
    return { bytes: done, sha256: hash.digest('hex'), rows: scanner.rows, headerLine: scanner.headerLine, delimiter: String.fromCharCode(scanner.delimiter) };
  } finally {
    await fh.close();
  }
}

/** Not a UTF-16 byte-order mark, nor a ZIP, old Excel or gzip file (decode.ts reports those). */
function textual(h: Buffer): boolean {
  if ((h[0] === 0xff && h[1] === 0xfe) || (h[0] === 0xfe && h[1] === 0xff)) return false;
  if (h[0] === 0x50 && h[1] === 0x4b) return false;
  if (h[0] === 0xd0 && h[1] === 0xcf) return false;
  return !(h[0] === 0x1f && h[1] === 0x8b);
}

/** Reads the whole file through the scanner; the number of bytes, or null when it is not plain. */
async function scan(fh: FileHandle, chunk: number, scanner: PlainCsvScanner, hash: ReturnType<typeof createHash> | null, progress: ((bytes: number) => void) | null): Promise<number | null> {
  let buf = Buffer.allocUnsafe(chunk);
  let have = 0;
  let position = 0;
  for (;;) {
    if (have === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, have);
      buf = bigger;
    }
    const { bytesRead } = await fh.read(buf, have, buf.length - have, position);
    if (hash && bytesRead > 0) hash.update(buf.subarray(have, have + bytesRead));
    position += bytesRead;
    have += bytesRead;
    const final = bytesRead === 0;
    const used = scanner.feed(buf, have, final);
    if (used === NOT_PLAIN) return null;
    if (final) return used === have ? position : null;
    buf.copy(buf, 0, used, have);
    have -= used;
    progress?.(position);
  }
}
