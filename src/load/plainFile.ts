/**
 * A file read through plainCsv.ts's scanner, for the loaders that can take its rows as bytes:
 * contactBytes.ts (the contacts, straight into the table) and csvStream.ts (every other input,
 * as strings). The file is read once, hashed as it goes. Where it stops being plain CSV (a
 * quote inside a value, a ragged row, a NUL, invalid UTF-8, …), the rows before have been
 * delivered, exactly as papaparse would have given them, and the result says where the rest
 * starts (PlainResume): the caller reads it with papaparse (csvStream.ts's continueCsv), which
 * also says what is wrong with it. A file that is not plain from its header on (or not a
 * regular file, or not UTF-8 text by its first bytes) gives null, nothing delivered, and the
 * caller reads it all with papaparse.
 */
import { createHash, type Hash } from 'node:crypto';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { readError } from './csvStream.js';
import { NOT_PLAIN, PlainCsvScanner, type PlainRowSink } from './plainCsv.js';

export interface PlainFileOptions {
  /** Longest row accepted as plain, in bytes. */
  readonly maxRowBytes: number;
  /** Bytes per read (tests use tiny values to split characters and rows). */
  readonly chunk?: number;
  /** Called after each read, with the bytes and data rows so far. */
  readonly onProgress?: (bytesRead: number, totalBytes: number, rows: number) => void;
}

export interface PlainFileResult {
  readonly kind: 'read';
  readonly bytes: number;
  readonly sha256: string;
  /** Data rows (header and blank rows excluded). */
  readonly rows: number;
  /** 0 when the file has no row that is not blank. */
  readonly headerLine: number;
  readonly delimiter: string;
}

/** Where the plain part of a file ends: the header and `rows` data rows have been delivered. */
export interface PlainResume {
  readonly kind: 'resume';
  /** Byte offset in the file where the first row not delivered starts. */
  readonly at: number;
  /** Its line. */
  readonly line: number;
  readonly rows: number;
  readonly headerLine: number;
  /** Fields per row (the header's). */
  readonly width: number;
  readonly delimiter: string;
  /** The file's hash so far: of its first `hashed` bytes. */
  readonly hash: Hash;
  readonly hashed: number;
}

const CHUNK = 1 << 20;

/** Reads the file into `sink`: all of it, or the part up to where it stops being plain; null (and nothing delivered) when it is not plain from the start. */
export async function readPlainFile(path: string, sink: PlainRowSink, o: PlainFileOptions): Promise<PlainFileResult | PlainResume | null> {
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
    let total: number;
    try {
      const head = Buffer.alloc(4);
      const { bytesRead } = await fh.read(head, 0, 4, 0);
      if (bytesRead === 0 || !textual(head)) return null;
      total = (await fh.stat()).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException | null)?.syscall) return null; // csvStream.ts reads it again and words the failure
      throw err;
    }
    const hash = createHash('sha256');
    const scanner = new PlainCsvScanner(sink, o.maxRowBytes);
    const progress = o.onProgress;
    let buf = Buffer.allocUnsafe(chunk);
    let have = 0;
    let position = 0;
    for (;;) {
      if (have === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, have);
        buf = bigger;
      }
      let bytesRead: number;
      try {
        ({ bytesRead } = await fh.read(buf, have, buf.length - have, position));
      } catch (err) {
        if (scanner.width === -1 && (err as NodeJS.ErrnoException | null)?.syscall) return null; // nothing delivered: csvStream.ts words it
        throw (err as NodeJS.ErrnoException | null)?.syscall ? readError(path, err) : err;
      }
      if (bytesRead > 0) hash.update(buf.subarray(have, have + bytesRead));
      position += bytesRead;
      have += bytesRead;
      const final = bytesRead === 0;
      const used = scanner.feed(buf, have, final);
      if (used === NOT_PLAIN) {
        if (scanner.width === -1) return null;
        return {
          kind: 'resume',
          at: position - have + scanner.stoppedAt,
          line: scanner.line,
          rows: scanner.rows,
          headerLine: scanner.headerLine,
          width: scanner.width,
          delimiter: String.fromCharCode(scanner.delimiter),
          hash,
          hashed: position,
        };
      }
      if (final) {
        return { kind: 'read', bytes: position, sha256: hash.digest('hex'), rows: scanner.rows, headerLine: scanner.headerLine, delimiter: String.fromCharCode(scanner.delimiter) };
      }
      buf.copy(buf, 0, used, have);
      have -= used;
      progress?.(position, total, scanner.rows);
    }
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
