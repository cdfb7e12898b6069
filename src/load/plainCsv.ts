/**
 * Rows of a "plain" CSV file cut straight from its UTF-8 bytes: no string per field, for the
 * contacts export (a million rows; see contactBytes.ts). Plain means what exports write:
 * - valid UTF-8 without NUL bytes, an optional UTF-8 byte-order mark;
 * - rows ending in LF or CRLF (a CR anywhere else is not plain);
 * - a quote only at the start of a field, closed by a quote followed by the delimiter or the
 *   row's end (a quote inside a quoted field is doubled); the last field of a row does not
 *   end in a quoted CR;
 * - every non-blank row as wide as the first (the header); rows shorter than `maxRowBytes`.
 * On such a file the rows, their fields and their lines are exactly what csvStream.ts
 * (papaparse) gives, which the tests check on random files. Where a file stops being plain,
 * `feed` returns NOT_PLAIN having delivered only the rows before (each row is checked whole,
 * bytes included, before it is delivered): `stoppedAt` and `line` say where the first row not
 * delivered starts, and the caller reads the rest with csvStream.ts, which also says what is
 * wrong.
 */
import { isUtf8 } from 'node:buffer';
import { detectDelimiter } from './csvStream.js';

/** What `feed` returns when the bytes are not plain CSV. */
export const NOT_PLAIN = -1;

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** One row's fields: field i is bytes[start[i], end[i]); `escaped` bit i: it holds doubled quotes. */
export interface PlainRow {
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** 1 where the field was quoted and holds "" (to be read as "). */
  readonly escaped: Uint8Array;
}

export interface PlainRowSink {
  header(bytes: Buffer, row: PlainRow, fields: number, line: number): void;
  row(bytes: Buffer, row: PlainRow, fields: number, line: number): void;
}

type Utf8Buffer = Buffer & { utf8Slice(from: number, to: number): string };

/** Field i of `row` as a string (quotes undoubled). */
export function fieldString(bytes: Buffer, row: PlainRow, i: number): string {
  const s = (bytes as Utf8Buffer).utf8Slice(row.start[i]!, row.end[i]!);
  return row.escaped[i] === 1 ? s.replace(/""/g, '"') : s;
}

/**
 * Whether a row is "sep=" and an empty field, or one field "sep=" and the delimiter (quoted
 * whole): csvStream.ts's isSepLine, from the bytes.
 */
function isSepLine(b: Buffer, row: PlainRow, fields: number, delimiter: number): boolean {
  const at = row.start[0]!;
  const starts =
    (b[at]! | 0x20) === 0x73 && // s
    (b[at + 1]! | 0x20) === 0x65 && // e
    (b[at + 2]! | 0x20) === 0x70 && // p
    b[at + 3] === 0x3d; // =
  if (fields === 2) return starts && row.end[0]! - at === 4 && row.end[1] === row.start[1];
  return starts && row.end[0]! - at === 5 && b[at + 4] === delimiter;
}

export class PlainCsvScanner implements PlainRow {
  /** Data rows (the header and blank rows excluded). */
  rows = 0;
  headerLine = 0;
  delimiter = -1;
  /** Line where the next row starts (after NOT_PLAIN: the first row not delivered). */
  line = 1;
  /** Fields per row (the header's), -1 before the header. */
  width = -1;
  /** After NOT_PLAIN: where in the bytes given the first row not delivered starts. */
  stoppedAt = -1;
  private started = false;
  /** The row being delivered (PlainRow). */
  start = new Int32Array(64);
  end = new Int32Array(64);
  escaped = new Uint8Array(64);

  constructor(
    private readonly sink: PlainRowSink,
    private readonly maxRowBytes: number,
  ) {}

  /**
   * Scans the complete rows in bytes[0, length) and returns how many bytes they take (the
   * rest is an unfinished row: give it again, followed by more); with `final`, the rest is the
   * last row. NOT_PLAIN when the file is not plain CSV.
   */
  feed(bytes: Buffer, length: number, final: boolean): number {
    let p = 0;
    this.stoppedAt = -1;
    if (!this.started) {
      if (length < 3 && !final) return 0;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) p = 3;
      this.started = true;
    }
    if (this.delimiter < 0) {
      const d = this.sniff(bytes, p, length, final);
      if (d === NOT_PLAIN) return this.stop(p);
      if (d === 0) return p; // the first line is not complete yet: drop the BOM if any, keep the rest
      this.delimiter = d;
    }
    // rows are cut only from bytes checked first: up to the last line break (all at the end),
    // which is never inside a character
    const end = final ? length : length === 0 ? 0 : bytes.lastIndexOf(LF, length - 1) + 1;
    if (end > p) {
      const region = bytes.subarray(p, end);
      if (region.indexOf(0) !== -1 || !isUtf8(region)) return this.stop(p);
    }
    const done = this.rowsIn(bytes, p, end, final);
    if (done === NOT_PLAIN) return NOT_PLAIN;
    if (!final && length - done > this.maxRowBytes) return this.stop(done);
    return done;
  }

  /** NOT_PLAIN, the first row not delivered starting at bytes[at]. */
  private stop(at: number): number {
    this.stoppedAt = at;
    return NOT_PLAIN;
  }

  /** The delimiter from the first non-empty line (as csvStream.ts): its byte, 0 when that line is not complete yet. */
  private sniff(bytes: Buffer, from: number, length: number, final: boolean): number {
    let i = from;
    while (i < length && (bytes[i] === LF || bytes[i] === CR)) i++;
    if (i === length) return final ? NOT_PLAIN : 0;
    let inQuotes = false;
    let j = i;
    for (; j < length; j++) {
      const c = bytes[j]!;
      if (c === QUOTE) inQuotes = !inQuotes;
      else if (!inQuotes && (c === LF || c === CR)) break;
    }
    if (j === length && !final) return j - from > this.maxRowBytes ? NOT_PLAIN : 0;
    const d = detectDelimiter(bytes.toString('utf8', i, j));
    return d.charCodeAt(0);
  }

  /** Scans rows from `p`; returns where the first unfinished row starts, or NOT_PLAIN. */
  private rowsIn(b: Buffer, p: number, n: number, final: boolean): number {
    const delim = this.delimiter;
    for (;;) {
      if (p >= n) return p;
      const rowStart = p;
      let nf = 0;
      let breaks = 0;
      let blank = true;
      for (;;) {
        if (nf === this.start.length) this.widen();
        let s: number;
        let e: number;
        let esc = 0;
        if (b[p] === QUOTE) {
          s = ++p;
          for (;;) {
            const q = b.indexOf(QUOTE, p);
            if (q === -1 || q >= n) return final ? this.stop(rowStart) : rowStart;
            if (q + 1 < n && b[q + 1] === QUOTE) {
              esc = 1;
              p = q + 2;
              continue;
            }
            if (q + 1 >= n && !final) return rowStart;
            e = q;
            p = q + 1;
            break;
          }
          for (let k = b.indexOf(LF, s); k !== -1 && k < e; k = b.indexOf(LF, k + 1)) breaks++;
        } else {
          s = p;
          while (p < n) {
            const c = b[p]!;
            if (c === delim || c === LF) break;
            if (c === QUOTE) return this.stop(rowStart);
            if (c === CR) {
              if (p + 1 < n && b[p + 1] === LF) break;
              return p + 1 >= n && !final ? rowStart : this.stop(rowStart);
            }
            p++;
          }
          e = p;
        }
        this.start[nf] = s;
        this.end[nf] = e;
        this.escaped[nf] = esc;
        nf++;
        if (e > s) blank = false;
        // a quoted value ending in CR, last in its row: csvStream.ts (papaparse) drops that CR
        // with the CR of a CRLF line end, so such a row is left to it
        if (e > s && b[e - 1] === CR && e < p && (p < n ? b[p] !== delim : final)) return this.stop(rowStart);
        if (p >= n) {
          if (!final) return rowStart;
          break; // the last row, without a line break
        }
        const c = b[p]!;
        if (c === delim) {
          p++;
          if (p >= n && !final) return rowStart;
          if (p >= n) {
            // a delimiter ends the file: one more, empty, field
            if (nf === this.start.length) this.widen();
            this.start[nf] = this.end[nf] = p;
            this.escaped[nf] = 0;
            nf++;
            break;
          }
          continue;
        }
        if (c === LF) {
          p++;
          break;
        }
        if (c === CR) {
          if (p + 1 >= n) return final ? this.stop(rowStart) : rowStart;
          if (b[p + 1] !== LF) return this.stop(rowStart);
          p += 2;
          break;
        }
        return this.stop(rowStart); // text after a closing quote
      }
      if (p - rowStart > this.maxRowBytes) return this.stop(rowStart);
      const line = this.line;
      this.line = line + 1 + breaks;
      if (blank) continue;
      if (nf === this.width) {
        this.rows++;
        this.sink.row(b, this, nf, line);
      } else if (this.width === -1) {
        if (nf <= 2 && isSepLine(b, this, nf, delim)) continue; // "sep=;" before the header (csvStream.ts's isSepLine)
        this.width = nf;
        this.headerLine = line;
        this.sink.header(b, this, nf, line);
      } else {
        this.line = line;
        return this.stop(rowStart);
      }
    }
  }

  private widen(): void {
    const n = this.start.length * 2;
    const s = new Int32Array(n);
    s.set(this.start);
    const e = new Int32Array(n);
    e.set(this.end);
    const x = new Uint8Array(n);
    x.set(this.escaped);
    this.start = s;
    this.end = e;
    this.escaped = x;
  }
}
