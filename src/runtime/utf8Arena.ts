/**
 * Many short strings kept as UTF-8 in one growing buffer, numbered in the order they are
 * added: no object per string for the garbage collector to copy and walk (a million contact
 * rows would otherwise keep several million strings alive for the whole run). Reading one
 * back builds a new string.
 *
 * A lone surrogate (which no UTF-8 input can hold) comes back as U+FFFD; the outputs are
 * UTF-8 anyway, so it is written the same either way.
 */

/** Buffer's own UTF-8 decoder, without toString's argument checks (measured: 60 ns a field against 100 for String.fromCharCode over a view). */
type Utf8Buffer = Buffer & { utf8Slice(from: number, to: number): string };

/** An arena's strings as typed arrays (to share with, or hand to, another thread). */
export interface Utf8ArenaState {
  readonly bytes: Uint8Array;
  /** Where string i ends in `bytes`; `count` of them are used. */
  readonly ends: Int32Array;
  readonly count: number;
}

export class Utf8Arena {
  private bytes: Utf8Buffer;
  private used = 0;
  /** Where each string ends in `bytes` (it starts where the one before it ends). */
  private ends: Int32Array;
  count = 0;

  /**
   * @param bytes room at first (untouched room costs no memory: the pages are never written)
   * @param strings room for this many strings at first (untouched room costs no memory either)
   * @param shared keep the bytes and ends in SharedArrayBuffers, which another thread can read
   *   (state(): a string once added is never moved within a buffer; growing copies to new ones)
   */
  constructor(
    bytes = 1 << 16,
    private readonly shared = false,
    strings = 1024,
  ) {
    this.bytes = this.newBytes(Math.max(64, bytes));
    this.ends = this.newEnds(Math.max(16, strings));
  }

  /** An arena over another's state (as sent by a worker: it is this arena's now). */
  static fromState(state: Utf8ArenaState): Utf8Arena {
    const a = new Utf8Arena(64);
    const b = state.bytes;
    a.bytes = Buffer.from(b.buffer, b.byteOffset, b.byteLength) as Utf8Buffer;
    a.ends = state.ends.length > 0 ? state.ends : new Int32Array(1);
    a.count = state.count;
    a.used = state.count === 0 ? 0 : state.ends[state.count - 1]!;
    return a;
  }

  /** The strings so far: views of the current buffers (shared ones when the arena is shared). */
  state(): Utf8ArenaState {
    return { bytes: this.bytes, ends: this.ends, count: this.count };
  }

  /** Adds s[from, to) and returns its number. ASCII is copied here, anything else encoded by Buffer. */
  add(s: string, from = 0, to = s.length): number {
    const n = to - from;
    if (this.used + 3 * n > this.bytes.length) this.grow(this.used + 3 * n);
    this.slot();
    const a = this.bytes;
    const start = this.used;
    let u = start;
    let i = from;
    for (; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128) break;
      a[u++] = c;
    }
    if (i < to) u = start + a.write(from === 0 && to === s.length ? s : s.slice(from, to), start, 'utf8');
    this.used = u;
    this.ends[this.count] = u;
    return this.count++;
  }

  /** Adds bytes b[from, to), which must be valid UTF-8, and returns its number. */
  addBytes(b: Uint8Array, from: number, to: number): number {
    const n = to - from;
    if (this.used + n > this.bytes.length) this.grow(this.used + n);
    this.slot();
    const a = this.bytes;
    let u = this.used;
    if (n < 48) for (let i = from; i < to; i++) a[u++] = b[i]!;
    else {
      a.set(b.subarray(from, to), u);
      u += n;
    }
    this.used = u;
    this.ends[this.count] = u;
    return this.count++;
  }

  /** The buffer holding the strings' bytes (replaced when the arena grows: ask again after adding). */
  get buffer(): Uint8Array {
    return this.bytes;
  }

  /** Where string i's bytes start in `buffer`. */
  startOf(i: number): number {
    return i === 0 ? 0 : this.ends[i - 1]!;
  }

  /** Where string i's bytes end in `buffer`. */
  endOf(i: number): number {
    return this.ends[i]!;
  }

  /** String number i, as a new string. */
  get(i: number): string {
    const from = i === 0 ? 0 : this.ends[i - 1]!;
    const to = this.ends[i]!;
    return from === to ? '' : this.bytes.utf8Slice(from, to);
  }

  /** Room for one more string's end. */
  private slot(): void {
    if (this.count < this.ends.length) return;
    const bigger = this.newEnds(this.ends.length * 2);
    bigger.set(this.ends);
    this.ends = bigger;
  }

  private grow(min: number): void {
    let size = this.bytes.length * 2;
    while (size < min) size *= 2;
    const b = this.newBytes(size);
    this.bytes.copy(b, 0, 0, this.used);
    this.bytes = b;
  }

  private newBytes(size: number): Utf8Buffer {
    return (this.shared ? Buffer.from(new SharedArrayBuffer(size)) : Buffer.allocUnsafeSlow(size)) as Utf8Buffer;
  }

  private newEnds(length: number): Int32Array {
    return this.shared ? new Int32Array(new SharedArrayBuffer(4 * length)) : new Int32Array(length);
  }
}
