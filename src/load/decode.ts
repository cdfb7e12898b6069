/**
 * Bytes → text for the CSV reader: choosing the decoder (byte-order mark, `--encoding`),
 * recognising files that are not text at all, and locating bad bytes for error messages.
 *
 * Decisions:
 * - A byte-order mark wins over `--encoding`: EF BB BF is UTF-8, FF FE 00 00 is UTF-32LE and
 *   00 00 FE FF UTF-32BE, FF FE (otherwise) is UTF-16LE and FE FF is UTF-16BE, whatever was
 *   asked (a BOM is unambiguous; decoding such a file as windows-1252 would only produce
 *   mojibake). UTF-16 with a BOM (Excel's "Unicode Text") is decoded
 *   properly; UTF-16 without a BOM needs `--encoding utf-16le` and is otherwise reported as
 *   binary (it is full of NUL bytes).
 * - UTF-8 (the default) is decoded strictly: an invalid sequence is an input error that
 *   suggests `--encoding windows-1252`. Other encodings go through iconv-lite.
 * - Decoders are stateful, so a multi-byte character split across two read chunks decodes
 *   correctly.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import iconv from 'iconv-lite';
import { InputError } from './errors.js';

export interface ChunkDecoder {
  /** Canonical name of the encoding actually used. */
  readonly encoding: string;
  /** True for UTF-16/32, where NUL bytes are normal. */
  readonly wide: boolean;
  /** Decode one chunk; throws TypeError on invalid input (strict UTF-8 only). */
  write(buf: Buffer): string;
  /** Flush; throws TypeError when the input ends inside a UTF-8 sequence. */
  end(): string;
}

const UTF8_NAMES = new Set(['utf8', 'utf-8', 'unicode-1-1-utf-8']);
const WIDE = /^(utf-?(16|32)|ucs-?2|ucs-?4)/i;

/**
 * Validates `--encoding` and returns the name to read `file` with ('utf-8' when none was
 * given). One --encoding serves every input, and exports often differ (a WordPress export in
 * windows-1252 beside a CiviCRM export in UTF-8), so a single-byte --encoding applies only to a
 * file that is not valid UTF-8: one that is (BOM or not) is read as UTF-8, since text in another
 * encoding that happens to be valid UTF-8 with accents in it is vanishingly rare. A wide one
 * (UTF-16/32) applies to a file with a NUL byte near its start (UTF-16/32 of an ASCII header
 * has one in every other or every fourth byte, and valid UTF-8 it can be) or that is not valid
 * UTF-8: a UTF-8 contacts export beside a UTF-16 users export was read as UTF-16, and refused
 * with its header shown as CJK characters.
 */
export function resolveEncoding(file: string, encoding: string | undefined): string {
  return chooseEncoding(file, encoding, () => hasNulNearStart(file), () => isUtf8File(file));
}

/**
 * resolveEncoding's rule on what is known of the text, for a file already in memory (a
 * --decisions journal, which may be a pipe read once): `nulNearStart`, a NUL byte in its first
 * 4 KiB; `validUtf8`, the bytes are UTF-8. Each is asked only when the rule needs it.
 */
export function chooseEncoding(file: string, encoding: string | undefined, nulNearStart: () => boolean, validUtf8: () => boolean): string {
  const name = (encoding ?? '').trim().toLowerCase();
  if (name === '' || UTF8_NAMES.has(name)) return 'utf-8';
  if (!iconv.encodingExists(name)) {
    throw new InputError(
      file,
      null,
      `unknown encoding "${encoding}"`,
      'use an encoding name such as utf-8, windows-1252, latin1 or utf-16le',
    );
  }
  if (WIDE.test(name)) return nulNearStart() || !validUtf8() ? name : 'utf-8';
  return validUtf8() ? 'utf-8' : WINDOWS_1252_LABELS.has(name) ? 'windows-1252' : name;
}

/**
 * Labels that mean windows-1252 in practice: the WHATWG Encoding Standard (what browsers do)
 * maps them all to it, and MySQL's "latin1" is cp1252 too. Read as strict ISO-8859-1, the
 * bytes 0x80–0x9F of a real export (Š, Œ, ’, €) became C1 control characters: "Šik" lost its
 * name-match.
 */
const WINDOWS_1252_LABELS: ReadonlySet<string> = new Set([
  'ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100', 'iso8859-1', 'iso88591',
  'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'latin-1', 'us-ascii', 'windows-1252', 'x-cp1252',
]);

/** `read(fd)` on the file opened for reading; false when it cannot be opened or read (the loader then says why). */
export function readingFile(file: string, read: (fd: number) => boolean): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    return read(fd);
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/** Whether the first 4 KiB of the file hold a NUL byte. */
function hasNulNearStart(file: string): boolean {
  return readingFile(file, (fd) => {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).includes(0);
  });
}

/** Whether the whole file is valid UTF-8 (read in 1 MiB chunks; false when it cannot be read: the loader then says why). */
export function isUtf8File(file: string): boolean {
  return readingFile(file, (fd) => {
    const buf = Buffer.allocUnsafe(1 << 20);
    let carry = 0; // bytes of an unfinished character moved to the front of buf
    for (;;) {
      const n = readSync(fd, buf, carry, buf.length - carry, null);
      const end = carry + n;
      if (n === 0) return carry === 0;
      // up to 3 bytes at the end may start a character that the next read finishes
      let cut = end;
      for (let k = 1; k <= 3 && end - k >= 0; k++) {
        const b = buf[end - k]!;
        if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        if (need > k) cut = end - k;
        break;
      }
      if (!isUtf8(buf.subarray(0, cut))) return false;
      carry = end - cut;
      buf.copy(buf, 0, cut, end);
    }
  });
}

/** Picks the decoder from the first bytes (at least 4 unless the file is shorter). */
export function openDecoder(file: string, head: Buffer, requested: string): ChunkDecoder {
  rejectNonText(file, head);
  // a UTF-8 BOM before text in the --encoding given (resolveEncoding found it is not UTF-8): the BOM's three bytes go
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return requested === 'utf-8' || WIDE.test(requested) ? utf8Decoder() : iconvDecoder(requested, 3);
  // UTF-32's marks first: FF FE 00 00 begins with UTF-16LE's (as a UTF-16 file it would start with a NUL, which no text does)
  if (head[0] === 0xff && head[1] === 0xfe && head[2] === 0x00 && head[3] === 0x00) return iconvDecoder('utf-32le');
  if (head[0] === 0x00 && head[1] === 0x00 && head[2] === 0xfe && head[3] === 0xff) return iconvDecoder('utf-32be');
  if (head[0] === 0xff && head[1] === 0xfe) return iconvDecoder('utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return iconvDecoder('utf-16be');
  return requested === 'utf-8' ? utf8Decoder() : iconvDecoder(requested);
}

/**
 * @param midText true when the bytes start at a row in the middle of a file (csvStream.ts's
 *   continueCsv): a U+FEFF there is a character, kept; at the start it is the byte-order mark
 */
export function utf8Decoder(midText = false): ChunkDecoder {
  // fatal: invalid bytes throw instead of becoming U+FFFD
  const td = new TextDecoder('utf-8', { fatal: true, ignoreBOM: midText });
  return {
    encoding: 'utf-8',
    wide: false,
    write: (buf) => td.decode(buf, { stream: true }),
    end: () => td.decode(),
  };
}

/** @param skip bytes to drop at the start (a UTF-8 BOM before single-byte text) */
function iconvDecoder(encoding: string, skip = 0): ChunkDecoder {
  const dec = iconv.getDecoder(encoding, { stripBOM: true });
  let toSkip = skip;
  return {
    encoding,
    wide: WIDE.test(encoding),
    write: (buf) => {
      if (toSkip > 0) {
        const k = Math.min(toSkip, buf.length);
        toSkip -= k;
        buf = buf.subarray(k);
      }
      return dec.write(buf);
    },
    end: () => dec.end() ?? '',
  };
}

/** Archives and spreadsheets saved under a .csv name: say what they are. */
function rejectNonText(file: string, head: Buffer): void {
  const magic = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (magic(0x50, 0x4b, 0x03, 0x04)) {
    throw new InputError(file, 1, 'this is a ZIP archive (an .xlsx/.ods spreadsheet?), not CSV', 'open it in the spreadsheet and save as CSV (UTF-8)');
  }
  if (magic(0xd0, 0xcf, 0x11, 0xe0)) {
    throw new InputError(file, 1, 'this is an old Excel .xls file, not CSV', 'open it in the spreadsheet and save as CSV (UTF-8)');
  }
  if (magic(0x1f, 0x8b)) {
    throw new InputError(file, 1, 'this file is gzip-compressed', 'decompress it first (gunzip)');
  }
}

/** Count of `code` bytes in buf[0, end). Error paths only. */
export function countByte(buf: Buffer, code: number, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(code); i !== -1 && i < end; i = buf.indexOf(code, i + 1)) n++;
  return n;
}

/**
 * Offset of the first byte that cannot start or continue valid UTF-8 in `buf`, or -1.
 * Up to three leading continuation bytes are skipped (they may finish a character begun in
 * the previous chunk). Error paths only.
 */
export function firstInvalidUtf8(buf: Buffer): number {
  const n = buf.length;
  let i = 0;
  while (i < 3 && i < n && ((buf[i] ?? 0) & 0xc0) === 0x80) i++;
  while (i < n) {
    const b = buf[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k < len; k++) {
      if (i + k >= n) return -1; // may continue in the next chunk
      const c = buf[i + k] ?? 0;
      if (k === 1 ? c < lo || c > hi : (c & 0xc0) !== 0x80) return i;
    }
    i += len;
  }
  return -1;
}
