/**
 * Where the output writers put their text: piece by piece (a cell, a number, a separator),
 * so that no row is ever built as a string.
 * - ByteOut encodes each piece straight into one reused buffer, which it hands on when full
 *   (atomicWrite.ts writes it to the temp file). At 200k users the outputs are about 95 MB;
 *   built as rows of strings (template literals, joins, one generator step per row) and then
 *   encoded, they allocated about 700 MB on the way, and writing took 1.3-1.8 s.
 * - StringOut collects the same pieces into a string (tests, and small files), with
 *   csvCell.ts's rules applied as they are written there; ByteOut must give the same bytes,
 *   which a test checks on random pieces.
 */
import { csvCell } from './csvCell.js';

export interface TextOut {
  /** Text as it is. */
  text(s: string): void;
  /** One ASCII character (a separator, a line break). */
  char(code: number): void;
  /** A CSV cell, by csvCell's rules (quoting, formula prefix; null is empty). */
  cell(v: string | number | null | undefined): void;
  /** A number as String(n) writes it (digits, for the ids). */
  num(n: number): void;
}

/** A CSV row of cells (csvCell.ts's csvRow, written piece by piece). */
export function cellRow(out: TextOut, values: readonly (string | number | null | undefined)[]): void {
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out.char(44);
    out.cell(values[i]);
  }
  out.text('\r\n');
}

/** A writer's whole text, as one string. */
export function textOf(write: (out: TextOut) => void): string {
  const out = new StringOut();
  write(out);
  return out.toString();
}

export class StringOut implements TextOut {
  private parts: string[] = [];
  text(s: string): void {
    this.parts.push(s);
  }
  char(code: number): void {
    this.parts.push(String.fromCharCode(code));
  }
  cell(v: string | number | null | undefined): void {
    this.parts.push(csvCell(v));
  }
  num(n: number): void {
    this.parts.push(String(n));
  }
  toString(): string {
    return this.parts.join('');
  }
}

const QUOTE = 34;
const QUOTED = /[,\r\n;\t]/;

/** Buffer's own UTF-8 encoder, without Buffer.write's argument parsing (the offset is always in range here). */
type Utf8Buffer = Buffer & { utf8Write(s: string, offset: number): number };
/** Strings from this length are encoded by Buffer.write (native); shorter ones by a loop here, which costs less than the call. */
const NATIVE_FROM = 48;

export class ByteOut implements TextOut {
  private buf: Buffer;
  private used = 0;

  /**
   * @param drain takes buf[0, n): it must be done with it when it returns, unless `take` is
   *   given, which then gives the buffer to fill next (the one drained may still be in use)
   */
  constructor(
    private readonly drain: (buf: Buffer, n: number) => void,
    size = 1 << 20,
    private readonly take?: () => Buffer,
  ) {
    this.buf = take ? take() : Buffer.allocUnsafe(size);
  }

  /** Hands on what is buffered (and goes on in the next buffer). */
  flush(): void {
    if (this.used > 0) {
      this.drain(this.buf, this.used);
      if (this.take) this.buf = this.take();
    }
    this.used = 0;
  }

  /** Hands on what is buffered, the last of the text. */
  end(): void {
    if (this.used > 0) this.drain(this.buf, this.used);
    this.used = 0;
  }

  /** Room for n more bytes (a flush when they do not fit). */
  private room(n: number): void {
    if (this.used + n > this.buf.length) this.flush();
  }

  text(s: string): void {
    const n = s.length;
    // a UTF-16 code unit never takes more than 3 bytes of UTF-8
    if (3 * n > this.buf.length) {
      this.flush();
      const whole = Buffer.from(s, 'utf8');
      this.drain(whole, whole.length);
      return;
    }
    this.room(3 * n);
    const b = this.buf;
    let u = this.used;
    if (n >= NATIVE_FROM) {
      this.used = u + (b as Utf8Buffer).utf8Write(s, u);
      return;
    }
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128) break;
      b[u++] = c;
    }
    // from the first other character (never inside a surrogate pair: it starts there)
    if (i < n) u += (b as Utf8Buffer).utf8Write(i === 0 ? s : s.substring(i), u);
    this.used = u;
  }

  char(code: number): void {
    if (this.used === this.buf.length) this.flush();
    this.buf[this.used++] = code;
  }

  cell(v: string | number | null | undefined): void {
    if (v === null || v === undefined) return;
    if (typeof v === 'number') {
      this.num(v);
      return;
    }
    const n = v.length;
    if (n === 0) return;
    // " , CR LF ; tab: the cell is quoted (a spreadsheet that also splits at ; or tab keeps it whole); a quote inside is doubled
    let quoted = false;
    let quotes = false;
    if (n < NATIVE_FROM) {
      for (let i = 0; i < n; i++) {
        const c = v.charCodeAt(i);
        if (c === QUOTE) quotes = quoted = true;
        else if (c === 44 || c === 13 || c === 10 || c === 59 || c === 9) quoted = true;
      }
    } else {
      // a long cell (a warning's detail) is searched by the regular-expression engine, faster than a loop over it
      quotes = v.indexOf('"') !== -1;
      quoted = quotes || QUOTED.test(v);
    }
    const first = v.charCodeAt(0);
    if (quoted) this.char(QUOTE);
    // = + - @ tab CR
    if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) this.char(39);
    this.text(quotes ? v.replace(/"/g, '""') : v);
    if (quoted) this.char(QUOTE);
  }

  num(n: number): void {
    if (!(n >= 0 && n <= 0xffffffff && Math.floor(n) === n)) {
      this.text(String(n));
      return;
    }
    this.room(10);
    const b = this.buf;
    let digits = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
    let u = this.used + digits;
    this.used = u;
    let m = n;
    do {
      const q = Math.floor(m / 10);
      b[--u] = 48 + (m - 10 * q);
      m = q;
    } while (m > 0);
  }
}
