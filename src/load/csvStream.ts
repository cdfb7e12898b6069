/**
 * Streams a CSV file from disk, row by row, as string arrays (SPEC §2: UTF-8 with or without
 * BOM, other encodings via `--encoding`, `,` `;` or tab detected, quoted fields with embedded
 * newlines, CRLF or LF). Every problem becomes an InputError naming the file and line.
 *
 * How:
 * - raw bytes are read with a FileHandle read stream, hashed (sha256) and decoded by a
 *   stateful decoder (decode.ts), so text chunks never split a character;
 * - rows are cut by papaparse's Parser (header: false, rows as string[]), fed chunk by chunk
 *   with the unfinished last row carried over — the same scheme as papaparse's own
 *   ChunkStreamer, done here so that an unfinished row can be bounded (`maxRowChars`): an
 *   unterminated quote otherwise makes every later chunk re-scan the whole rest of the file;
 * - the line break is detected from the first line and the delimiter from the header line
 *   (counted outside quotes). CRLF files are cut on LF and the CR ending each row is dropped,
 *   so mixed CRLF/LF files also load without stray `\r`. Old-Mac CR-only files are cut on CR;
 * - the physical line where each row starts is tracked by counting the line breaks inside
 *   quoted fields (only in chunks that contain a quote at all);
 * - empty lines, and lines of delimiters only (`,,,,` as spreadsheets write), are skipped
 *   anywhere, and a "sep=;" line before the header (isSepLine); the first other row is the
 *   header and every later row must have as many fields.
 * The hot path allocates nothing per row beyond papaparse's string[]; fields are scanned for
 *   line breaks only in chunks whose line count shows some row spans several lines.
 */
import { createHash } from 'node:crypto';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { readSync } from 'node:fs';
import Papa from 'papaparse';
import { InputError } from './errors.js';
import { notCsvError } from './notCsv.js';
import { countByte, firstInvalidUtf8, openDecoder, readingFile, resolveEncoding, utf8Decoder, type ChunkDecoder } from './decode.js';
import { fieldString, type PlainRow, type PlainRowSink } from './plainCsv.js';
import { readPlainFile, type PlainResume } from './plainFile.js';

export interface CsvProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  /** Data rows (header excluded) delivered so far. */
  readonly rows: number;
}

export interface CsvOptions {
  /** Input encoding when not UTF-8 (`--encoding`), e.g. 'windows-1252', 'latin1'. */
  encoding?: string;
  /** Called once per chunk read (not per row) and once at the end. */
  onProgress?: (progress: CsvProgress) => void;
  /** Bytes per read (default 256 KiB); tests use tiny values to split characters and rows. */
  highWaterMark?: number;
  /** Longest row accepted, in characters (default 1 MiB): longer means a broken quote. */
  maxRowChars?: number;
  /**
   * Default true: a plain UTF-8 file (plainCsv.ts) is cut from its bytes, without papaparse;
   * false: always papaparse (tests compare the two; contacts.ts after its own byte reader
   * found the file is not plain).
   */
  plain?: boolean;
}

/** Receives the header and the rows; may throw InputError. `fields` is the sink's to keep. */
export interface CsvSink {
  header(fields: string[], line: number): void;
  /**
   * @param own true when the fields keep no more than their row's text alive (the file was cut
   *   from its bytes); false when they may be slices of a whole chunk of the file's text, which
   *   keeping one field would keep (fields.ts's own() copies a field that is kept)
   */
  row(fields: string[], line: number, own: boolean): void;
}

export interface CsvResult {
  readonly path: string;
  /** Data rows, header and empty lines excluded. */
  readonly rows: number;
  readonly sha256: string;
  readonly bytes: number;
  readonly delimiter: string;
  /** Encoding actually used ('utf-8', 'utf-16le', 'windows-1252', …). */
  readonly encoding: string;
  readonly headerLine: number;
}

export const DEFAULT_HIGH_WATER_MARK = 256 * 1024;
export const DEFAULT_MAX_ROW_CHARS = 1024 * 1024;

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export async function streamCsv(path: string, options: CsvOptions, sink: CsvSink): Promise<CsvResult> {
  const requested = resolveEncoding(path, options.encoding);
  if (options.plain !== false && requested === 'utf-8') {
    const r = await plainRows(path, options, sink);
    if (r?.kind === 'resume') return continueCsv(path, options, sink, r);
    if (r) return r.result;
  }
  return papaparseRows(path, options, sink, requested, null);
}

/**
 * Reads the rest of a file whose plain part plainFile.ts has delivered (its header included)
 * with papaparse, from the first row not delivered: the sink gets the same rows, and the
 * result and errors are the same, as if papaparse had read the whole file.
 */
export function continueCsv(path: string, options: CsvOptions, sink: CsvSink, from: PlainResume): Promise<CsvResult> {
  return papaparseRows(path, options, sink, 'utf-8', from);
}

async function papaparseRows(path: string, options: CsvOptions, sink: CsvSink, requested: string, from: PlainResume | null): Promise<CsvResult> {
  const handle = await openInput(path);
  try {
    const totalBytes = (await handle.stat()).size;
    if (totalBytes === 0) throw emptyFile(path);
    const rows = new RowReader(path, sink, options.maxRowChars ?? DEFAULT_MAX_ROW_CHARS);
    const hash = from ? from.hash : createHash('sha256');
    const onProgress = options.onProgress;
    // from the plain part's end: a row's start, in the middle of the text (a U+FEFF there is a
    // character, not a byte-order mark)
    let decoder: ChunkDecoder | null = from ? rows.resume(from) : null;
    let head: Buffer[] = [];
    let headBytes = 0;
    let bytesRead = from ? from.at : 0;
    const hashed = from ? from.hashed : 0;

    const feed = (buf: Buffer): void => {
      const d = decoder as ChunkDecoder;
      if (!d.wide) {
        const nul = buf.indexOf(0);
        if (nul !== -1) throw rows.binaryAt(buf, nul);
      }
      let text: string;
      try {
        text = d.write(buf);
      } catch {
        const offset = firstInvalidUtf8(buf);
        throw rows.badUtf8At(buf, offset, utf8LettersBefore(path, bytesRead - buf.length + (offset < 0 ? buf.length : offset)));
      }
      if (d.wide && text.indexOf('\u0000') !== -1) throw rows.binaryAt(null, 0);
      rows.push(text);
    };

    const chunkRead = (chunk: Buffer): void => {
      const at = bytesRead;
      bytesRead += chunk.length;
      if (bytesRead > hashed) hash.update(at >= hashed ? chunk : chunk.subarray(hashed - at));
      if (decoder) feed(chunk);
      else {
        head.push(chunk);
        headBytes += chunk.length;
        if (headBytes >= 4) {
          const first = Buffer.concat(head);
          head = [];
          decoder = openDecoder(path, first, requested);
          feed(first);
        }
      }
      if (onProgress) onProgress({ bytesRead, totalBytes, rows: rows.rows });
    };
    const hwm = options.highWaterMark ?? DEFAULT_HIGH_WATER_MARK;
    let stream: ReturnType<FileHandle['createReadStream']> | null = null;
    try {
      if (from) {
        // the chunks from here on start where the whole file's would: each check (NUL,
        // UTF-8) then meets the rows in the order it would have, so the same error comes first
        const aligned = Math.min(totalBytes, Math.ceil(from.at / hwm) * hwm);
        if (aligned > from.at) {
          const first = Buffer.allocUnsafe(aligned - from.at);
          const { bytesRead: n } = await handle.read(first, 0, first.length, from.at);
          if (n > 0) chunkRead(first.subarray(0, n));
        }
      }
      stream = handle.createReadStream({ highWaterMark: hwm, autoClose: false, start: bytesRead });
      for await (const chunk of stream as AsyncIterable<Buffer>) chunkRead(chunk);
    } catch (err) {
      // File-system failures while reading become InputErrors; anything else (a sink's error) passes.
      throw (err as NodeJS.ErrnoException | null)?.syscall ? readError(path, err) : err;
    } finally {
      stream?.destroy();
    }
    if (!decoder) {
      const first = Buffer.concat(head);
      decoder = openDecoder(path, first, requested);
      feed(first);
    }
    let tail: string;
    try {
      tail = decoder.end();
    } catch {
      throw rows.badUtf8At(Buffer.alloc(0), 0);
    }
    rows.push(tail);
    rows.finish();
    if (rows.headerLine === 0) throw emptyFile(path);
    if (onProgress) onProgress({ bytesRead, totalBytes, rows: rows.rows });
    return {
      path,
      rows: rows.rows,
      sha256: hash.digest('hex'),
      bytes: bytesRead,
      delimiter: rows.delimiter,
      encoding: decoder.encoding,
      headerLine: rows.headerLine,
    };
  } finally {
    await handle.close();
  }
}

/**
 * The file cut from its bytes when it is plain CSV (plainFile.ts): the same rows, lines and
 * result as the papaparse path below gives for such a file, which the tests check on random
 * files; where the rest is to be read with papaparse when it stops being plain; null when it
 * is not plain from the start (nothing has been delivered then).
 */
async function plainRows(path: string, options: CsvOptions, sink: CsvSink): Promise<{ kind: 'read'; result: CsvResult } | PlainResume | null> {
  const onProgress = options.onProgress;
  const r = await readPlainFile(path, new PlainToStrings(sink), {
    maxRowBytes: options.maxRowChars ?? DEFAULT_MAX_ROW_CHARS,
    ...(options.highWaterMark ? { chunk: options.highWaterMark } : {}),
    ...(onProgress ? { onProgress: (bytesRead: number, totalBytes: number, rows: number) => onProgress({ bytesRead, totalBytes, rows }) } : {}),
  });
  if (r === null || r.kind === 'resume') return r;
  if (r.headerLine === 0) throw emptyFile(path);
  if (onProgress) onProgress({ bytesRead: r.bytes, totalBytes: r.bytes, rows: r.rows });
  return { kind: 'read', result: { path, rows: r.rows, sha256: r.sha256, bytes: r.bytes, delimiter: r.delimiter, encoding: 'utf-8', headerLine: r.headerLine } };
}

/** plainCsv.ts's rows as string arrays, for a CsvSink. */
class PlainToStrings implements PlainRowSink {
  constructor(private readonly sink: CsvSink) {}
  header(bytes: Buffer, row: PlainRow, fields: number, line: number): void {
    this.sink.header(strings(bytes, row, fields), line);
  }
  row(bytes: Buffer, row: PlainRow, fields: number, line: number): void {
    this.sink.row(strings(bytes, row, fields), line, true);
  }
}

type Utf8Buffer = Buffer & { utf8Slice(from: number, to: number): string };

/**
 * The row's fields as strings: an ASCII row (most are) is decoded once and cut with substring,
 * which costs far less than decoding each field on its own (a field then keeps the row's text
 * alive, no more); a row with other characters is decoded field by field.
 */
function strings(bytes: Buffer, row: PlainRow, n: number): string[] {
  const out = new Array<string>(n);
  const from = row.start[0]!;
  const to = row.end[n - 1]!;
  const text = (bytes as Utf8Buffer).utf8Slice(from, to);
  if (text.length === to - from) {
    for (let i = 0; i < n; i++) {
      const f = text.substring(row.start[i]! - from, row.end[i]! - from);
      out[i] = row.escaped[i] === 1 ? f.replace(/""/g, '"') : f;
    }
  } else for (let i = 0; i < n; i++) out[i] = fieldString(bytes, row, i);
  return out;
}

/** Opens a regular file for reading, turning every failure into an InputError. */
async function openInput(path: string): Promise<FileHandle> {
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new InputError(path, null, 'is a directory, not a CSV file', 'give the path of the exported .csv file');
    if (st.isFIFO() || st.isCharacterDevice() || st.isSocket()) {
      // (`--users <(zcat users.csv.gz)`: the encoding check and a row read again after a fault each read the file anew)
      throw new InputError(path, null, 'is a pipe or a device, not a file: ufmatch reads an input more than once', 'save it to a file first (e.g. zcat users.csv.gz > users.csv) and give that path');
    }
    if (!st.isFile()) throw new InputError(path, null, 'is not a regular file', 'give the path of the exported .csv file');
    return await open(path, 'r');
  } catch (err) {
    throw err instanceof InputError ? err : describeOpenError(path, err);
  }
}

/** Maps a file-system error to an InputError (exported for tests). */
export function describeOpenError(path: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException | null)?.code ?? '';
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new InputError(path, null, 'file not found', 'check the path and the current directory');
    case 'EACCES':
    case 'EPERM':
      return new InputError(path, null, 'cannot read the file (permission denied)', 'make it readable for this user, e.g. chmod u+r');
    case 'EISDIR':
      return new InputError(path, null, 'is a directory, not a CSV file', 'give the path of the exported .csv file');
    default:
      return new InputError(path, null, `cannot open the file (${code || 'unknown error'})`, 'check that the path names a readable file');
  }
}

/** A read that failed after the file was opened (exported for contactBytes.ts). */
export function readError(path: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException | null)?.code ?? 'unknown error';
  return new InputError(path, null, `reading the file failed (${code})`, 'check the disk and copy the file again');
}

function emptyFile(path: string): InputError {
  return new InputError(path, 1, 'the file is empty (no header row)', 'export the data again; the first line must be the header');
}

/** Feeds decoded text to papaparse, tracks lines, hands rows to the sink. */
class RowReader {
  rows = 0;
  headerLine = 0;
  delimiter = ',';
  private parser: Papa.Parser | null = null;
  private sniffText = '';
  private partial = '';
  /** Line where `partial` (the next row) starts. */
  private line = 1;
  private width = -1;
  private breakChar = '\n';
  private stripCR = true;

  constructor(
    private readonly file: string,
    private readonly sink: CsvSink,
    private readonly maxRowChars: number,
  ) {}

  /** Starts where plainFile.ts stopped (the header delivered, `from.rows` rows after it); the decoder for the rest. */
  resume(from: PlainResume): ChunkDecoder {
    this.rows = from.rows;
    this.headerLine = from.headerLine;
    this.width = from.width;
    this.line = from.line;
    this.delimiter = from.delimiter;
    // a plain file's rows end in LF or CRLF, which papaparse would have found on the first line
    this.breakChar = '\n';
    this.stripCR = true;
    this.parser = new Papa.Parser({ delimiter: this.delimiter, newline: '\n', quoteChar: '"', escapeChar: '"' });
    return utf8Decoder(true);
  }

  push(text: string): void {
    if (text.length === 0) return;
    if (!this.parser) {
      this.sniffText += text;
      if (!this.sniff(false)) {
        if (this.sniffText.length > this.maxRowChars) throw this.tooLong();
        return;
      }
      text = this.sniffText;
      this.sniffText = '';
    }
    const input = this.partial.length === 0 ? text : this.partial + text;
    const res = (this.parser as Papa.Parser).parse(input, 0, true) as Papa.ParseResult<string[]>;
    this.consume(res, input, false);
    this.partial = input.substring(res.meta.cursor);
    if (this.partial.length > this.maxRowChars) throw this.tooLong();
  }

  finish(): void {
    if (!this.parser) {
      if (!this.sniff(true)) return;
      this.partial = this.sniffText;
      this.sniffText = '';
    }
    if (this.partial.length === 0) return;
    const input = this.partial;
    this.partial = '';
    const res = (this.parser as Papa.Parser).parse(input, 0, false) as Papa.ParseResult<string[]>;
    this.consume(res, input, true);
  }

  /** Detects line break and delimiter once the first non-empty line is complete. */
  private sniff(eof: boolean): boolean {
    let text = this.sniffText;
    if (text.charCodeAt(0) === 0xfeff) this.sniffText = text = text.slice(1);
    const n = text.length;
    let i = 0;
    while (i < n && (text[i] === '\n' || text[i] === '\r')) i++;
    if (i === n) return false; // nothing but line breaks so far
    let inQuotes = false;
    let j = i;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 34) inQuotes = !inQuotes;
      else if (!inQuotes && (c === 10 || c === 13)) break;
    }
    if (!eof && (j === n || (text[j] === '\r' && j + 1 === n))) return false;
    const other = notCsvError(this.file, this.line + countBreaks([text.slice(0, i)], '\n'), text.slice(i, j));
    if (other) throw other;
    const firstBreak = i > 0 ? 0 : j;
    const crOnly = text[firstBreak] === '\r' && text[firstBreak + 1] !== '\n';
    this.breakChar = crOnly ? '\r' : '\n';
    this.stripCR = !crOnly;
    this.delimiter = detectDelimiter(text.slice(i, j));
    this.parser = new Papa.Parser({ delimiter: this.delimiter, newline: this.breakChar as '\n' | '\r', quoteChar: '"', escapeChar: '"' });
    return true;
  }

  private consume(res: Papa.ParseResult<string[]>, input: string, final: boolean): void {
    const data = res.data;
    const count = data.length;
    let errRow = -1;
    let errCode = '';
    for (const e of res.errors) {
      const r = e.row ?? count;
      if ((final || r < count) && (errRow === -1 || r < errRow)) {
        errRow = r;
        errCode = e.code;
      }
    }
    const br = this.breakChar;
    // Rows span several lines only through line breaks inside quotes; when the consumed text
    // has exactly one break per row, no row does, and the fields need not be scanned.
    let quoted = input.indexOf('"') !== -1;
    if (quoted && errRow === -1) {
      const cursor = Math.min(res.meta.cursor, input.length);
      let breaks = 0;
      for (let p = input.indexOf(br); p !== -1 && p < cursor; p = input.indexOf(br, p + 1)) breaks++;
      const terminated = cursor > 0 && input[cursor - 1] === br;
      if (breaks === count - (terminated ? 0 : 1)) quoted = false;
    }
    for (let r = 0; r < count; r++) {
      if (r === errRow) throw this.quoteError(errCode, data[r] as string[]);
      const row = data[r] as string[];
      const last = row.length - 1;
      if (this.stripCR) {
        const f = row[last] as string;
        if (f.charCodeAt(f.length - 1) === 13) row[last] = f.slice(0, -1);
      }
      const start = this.line;
      this.line = quoted ? start + 1 + countBreaks(row, br) : start + 1;
      if (row[0] === '' && isBlank(row)) continue; // empty line, or only delimiters (Excel's ",,,,")
      if (this.width === row.length) {
        this.rows++;
        this.sink.row(row, start, false);
      } else if (this.width === -1) {
        if (isSepLine(row, this.delimiter)) continue;
        this.width = row.length;
        this.headerLine = start;
        this.sink.header(row, start);
      } else {
        throw this.ragged(row, start);
      }
    }
    if (errRow >= count) throw this.quoteError(errCode, (data[errRow] as string[] | undefined) ?? []);
  }

  private ragged(row: readonly string[], line: number): InputError {
    const name = DELIMITER_NAMES[this.delimiter] ?? this.delimiter;
    const fields = row.length;
    // a line of spaces (or a DOS end-of-file mark, Ctrl-Z) is no row with fields missing
    if (fields === 1 && /^[\s\x1a]*$/.test(row[0] as string)) {
      return new InputError(this.file, line, 'the line holds only blanks, not a row', 'remove that line');
    }
    const has = `row has ${fields} ${fields === 1 ? 'field' : 'fields'} but the header has ${this.width}`;
    // MySQL's SELECT … INTO OUTFILE without ENCLOSED BY writes a separator inside a value as "\,"
    if (fields > this.width && row.some((f, k) => k < fields - 1 && f.endsWith('\\'))) {
      return new InputError(
        this.file,
        line,
        `${has}: a ${name} escaped with a backslash (${this.delimiter === '\t' ? 'a backslash before a tab' : `\\${this.delimiter}`}), as MySQL's SELECT … INTO OUTFILE writes it, is read as a separator`,
        `export it again as CSV, each value that holds a ${name} quoted ("…"), as the CiviCRM and CMS exports and spreadsheet tools write it`,
      );
    }
    if (fields > this.width && row.slice(this.width).every((f) => f.trim() === '')) {
      // nothing past the header's columns: a separator at the end of the line, not an unquoted one in a value
      const extra = fields - this.width;
      // (unless a value holds an unquoted separator and the last column is empty: "Smith, John," reads alike)
      return new InputError(
        this.file,
        line,
        `${has}: the line ends with ${extra === 1 ? `a ${name}` : `${extra} ${name}s`} after its last value, or a value holds an unquoted ${name}`,
        `remove the ${name} at the end of the line if it is one too many, else quote the value that holds a ${name}`,
      );
    }
    return fields > this.width
      ? new InputError(this.file, line, has, `a value probably contains an unquoted ${name}; quote that value`)
      : new InputError(this.file, line, has, `a field or ${name} is missing on this line; add it (empty fields still need their ${name})`);
  }

  private quoteError(code: string, row: readonly string[]): InputError {
    // MySQL's SELECT … INTO OUTFILE (and mysqldump --tab) escape a quote with a backslash
    // unless told otherwise; CSV doubles it. Said first: the usual advice would have the operator
    // edit every such value by hand.
    if (row.some((f) => f.includes('\\"'))) {
      return new InputError(
        this.file,
        this.line,
        'a quote escaped with a backslash (\\"), as MySQL\'s SELECT … INTO OUTFILE … ENCLOSED BY \'"\' and mysqldump --tab --fields-enclosed-by write it, not doubled as CSV does',
        'export it again with each quote inside a value doubled (""), as the CiviCRM and CMS exports and spreadsheet tools write CSV',
      );
    }
    return code === 'MissingQuotes'
      ? new InputError(this.file, this.line, 'a quoted field starting on this line is never closed', 'add the closing quote ("); a quote inside a value must be doubled ("")')
      : new InputError(this.file, this.line, 'malformed quotes: text follows a closing quote', 'quote the whole value and double every quote inside it ("")');
  }

  private tooLong(): InputError {
    const mib = (this.maxRowChars / (1024 * 1024)).toFixed(this.maxRowChars % (1024 * 1024) === 0 ? 0 : 2);
    const pending = this.parser ? this.partial : this.sniffText;
    // with a quote in it, an unclosed quote or a value that long; without one, a missing line break
    const quotes = pending.includes('"');
    return quotes
      ? new InputError(this.file, this.line, `a row starting on this line is longer than ${mib} MiB`, 'a quote (") is probably never closed, or a value is that long (an embedded image?): check the quotes on this line, or export the file without that column')
      : new InputError(this.file, this.line, `a row starting on this line is longer than ${mib} MiB, with no quote in it`, 'no user or contact field is that long: check that the file is CSV with LF or CRLF line breaks');
  }

  /** Line of the character `offset` bytes into `buf`, which follows the pending text. */
  private lineOf(buf: Buffer | null, offset: number): number {
    const pending = this.parser ? this.partial : this.sniffText;
    return this.line + countBreaks([pending], this.breakChar) + (buf ? countByte(buf, 10, offset) : 0);
  }

  binaryAt(buf: Buffer | null, offset: number): InputError {
    // a wide encoding without its byte-order mark is told by where the NULs fall: say which
    const wide = buf ? wideEncodingOf(buf) : null;
    if (wide) return new InputError(this.file, this.lineOf(buf, offset), `the file contains NUL bytes: it looks like ${wide.toUpperCase()} text without a byte-order mark`, `give --encoding ${wide}`);
    return new InputError(this.file, this.lineOf(buf, offset), 'the file contains NUL bytes: it looks binary, not CSV text', 'export it as CSV; a UTF-16 file without byte-order mark needs --encoding utf-16le');
  }

  /** @param mixed whether UTF-8 letters (not ASCII) come before the bad byte: the file mixes encodings */
  badUtf8At(buf: Buffer, offset: number, mixed = false): InputError {
    const line = this.lineOf(buf, offset < 0 ? buf.length : offset);
    if (mixed) {
      // --encoding windows-1252 would misread every UTF-8 letter before and after this line ("Seán" as "SeÃ¡n")
      return new InputError(this.file, line, 'this line is not valid UTF-8, though the lines before it are UTF-8 with accented letters: the file mixes encodings', 'correct the characters of this line (re-type them, or re-save the file as UTF-8 from the program that made it), since --encoding would misread the UTF-8 letters of the other lines; if the whole file is in another encoding after all, give it, e.g. --encoding windows-1252');
    }
    return new InputError(this.file, line, 'the file is not valid UTF-8', 'give its encoding, e.g. --encoding windows-1252 (or latin1), or re-export it as UTF-8');
  }
}

/**
 * Whether the lines before the one holding byte `end` (valid UTF-8: the reader came that far)
 * hold two characters past ASCII, a UTF-8 BOM aside: then the file is UTF-8 up to that line and
 * mixes encodings. Only earlier lines count, and one letter is not enough: in text of a
 * single-byte encoding a letter pair is now and then valid UTF-8 by chance ("Ві" in
 * windows-1251, "É" and a no-break space in windows-1252), but hardly ever several whole lines'
 * letters. Read on the error path only.
 */
function utf8LettersBefore(path: string, end: number): boolean {
  return readingFile(path, (fd) => {
    const buf = Buffer.allocUnsafe(1 << 20);
    // UTF-8 letters (lead bytes) seen, and where the second one is: two, as in "Seán O’Neil"
    let letters = 0;
    let second = -1;
    let lastBreak = -1;
    for (let at = 0; at < end; ) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, end - at), at);
      if (n <= 0) break;
      const from = at === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
      for (let i = from; i < n; i++) {
        const b = buf[i]!;
        if (b === 10) lastBreak = at + i;
        else if (b >= 0xc2 && ++letters === 2) second = at + i;
      }
      at += n;
    }
    return second >= 0 && second < lastBreak;
  });
}

function isBlank(row: string[]): boolean {
  for (let i = 0; i < row.length; i++) if ((row[i] as string).length !== 0) return false;
  return true;
}

function countBreaks(row: string[], br: string): number {
  let n = 0;
  for (let i = 0; i < row.length; i++) {
    const f = row[i] as string;
    for (let p = f.indexOf(br); p !== -1; p = f.indexOf(br, p + 1)) n++;
  }
  return n;
}

/**
 * Whether a row before the header is a spreadsheet's "sep=;" line (Excel reads it as "this
 * file is cut by ;", and tools that write for Excel put it first): it is skipped. The delimiter
 * it names is the one detected from it, the only delimiter it holds, so it is cut into "sep="
 * and an empty field.
 */
export function isSepLine(row: readonly string[], delimiter: string): boolean {
  if (row.length === 2) return row[1] === '' && (row[0] as string).toLowerCase() === 'sep=';
  // quoted whole, as PHP's fputcsv writes ["sep=;"]: one field
  return row.length === 1 && (row[0] as string).toLowerCase() === `sep=${delimiter}`;
}

/** A first line `"sep=;"` (quoted whole): the delimiter it names. */
const QUOTED_SEP = /^"sep=([,;\t])"\r?$/i;

/**
 * The most frequent of `,` `;` tab outside quotes in the header line; `,` when none. A first
 * line `"sep=;"` names it (an unquoted `sep=;` holds only the one it names).
 */
export function detectDelimiter(headerLine: string): string {
  const named = QUOTED_SEP.exec(headerLine);
  if (named) return named[1]!;
  let comma = 0;
  let semi = 0;
  let tab = 0;
  let inQuotes = false;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === 44) comma++;
    else if (c === 59) semi++;
    else if (c === 9) tab++;
  }
  if (tab > comma && tab > semi) return '\t';
  if (semi > comma) return ';';
  return ',';
}

/**
 * The wide encoding text in `buf` is in, told by where its NUL bytes fall (ASCII text in UTF-16LE
 * is every second byte NUL, in UTF-32BE three of every four, …), or null when no pattern holds:
 * the advice for a file without a byte-order mark.
 */
export function wideEncodingOf(buf: Buffer): 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be' | null {
  const n = Math.min(buf.length, 1024) & ~3;
  if (n < 8) return null;
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) if (buf[i] === 0) zeros[i & 3]!++;
  const [a, b, c, d] = zeros.map((z) => z / (n / 4)) as [number, number, number, number];
  const most = (x: number) => x > 0.9;
  const few = (x: number) => x < 0.1;
  if (few(a) && most(b) && most(c) && most(d)) return 'utf-32le';
  if (most(a) && most(b) && most(c) && few(d)) return 'utf-32be';
  if (few(a) && few(c) && most(b) && most(d)) return 'utf-16le';
  if (most(a) && most(c) && few(b) && few(d)) return 'utf-16be';
  return null;
}

