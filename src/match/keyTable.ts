/**
 * A fixed set of strings (the email keys and mailboxes users will look up) as UTF-8 bytes in
 * an open-addressing hash table on typed arrays: a contact's address is found, or found
 * absent, from its bytes, with no string made and no Map walked (a million addresses go by
 * while the contacts load; a few hundred thousand keys are in the table). Keys are numbered
 * in the order given; `strings` holds them as given.
 */
import { fmix, FNV_OFFSET, FNV_PRIME } from './fuzzyIndex.js';

/** FNV-1a over 32-bit words (then the bytes left), finished by murmur's fmix: a quarter of the multiplications of a byte-wise FNV. */
function hashBytes(b: Uint8Array, from: number, to: number): number {
  let h = FNV_OFFSET ^ (to - from);
  let i = from;
  for (; i + 4 <= to; i += 4) {
    h ^= b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
    h = Math.imul(h, FNV_PRIME);
  }
  for (; i < to; i++) {
    h ^= b[i]!;
    h = Math.imul(h, FNV_PRIME);
  }
  return fmix(h);
}

export class KeyTable {
  /** The keys, numbered. */
  readonly strings: string[] = [];
  /** Per slot: key number (-1: empty) and that key's hash, side by side (one cache line for both). */
  private readonly slots: Int32Array;
  /**
   * One bit per hash value's top bits, set for every key: about 16 bits per key, small enough to
   * stay in the processor's cache. Most addresses looked up are no user's, and nine in ten of
   * those are turned away here without a visit to the slots (megabytes, a cache miss each).
   */
  private readonly present: Int32Array;
  private readonly presentShift: number;
  private readonly mask: number;
  private readonly ends: Int32Array;
  private readonly bytes: Buffer;
  private scratch = Buffer.allocUnsafe(256);
  /** Per key given (in the order given): its number (a repeat has its first's). */
  readonly numberOf: Int32Array;

  /** @param keys distinct or not (a repeat keeps its first number) */
  constructor(keys: Iterable<string>) {
    const list = [...keys];
    let size = 16;
    while (size < list.length * 2) size <<= 1;
    this.slots = new Int32Array(2 * size).fill(-1);
    this.mask = size - 1;
    let presentBits = 10;
    while (1 << presentBits < list.length * 16 && presentBits < 30) presentBits++;
    this.present = new Int32Array(1 << (presentBits - 5));
    this.presentShift = 32 - presentBits;
    this.ends = new Int32Array(list.length);
    let total = 0;
    for (const s of list) total += Buffer.byteLength(s, 'utf8');
    this.bytes = Buffer.allocUnsafe(Math.max(1, total));
    this.numberOf = new Int32Array(list.length);
    let used = 0;
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      const n = this.bytes.write(s, used, 'utf8');
      const known = this.findAt(this.bytes, used, used + n);
      if (known !== -1) {
        this.numberOf[i] = known;
        continue;
      }
      const k = this.strings.length;
      this.numberOf[i] = k;
      const h = hashBytes(this.bytes, used, used + n);
      this.ends[k] = used + n;
      this.strings.push(s);
      let slot = h & this.mask;
      while (this.slots[2 * slot] !== -1) slot = (slot + 1) & this.mask;
      this.slots[2 * slot] = k;
      this.slots[2 * slot + 1] = h;
      const bit = h >>> this.presentShift;
      this.present[bit >>> 5]! |= 1 << (bit & 31);
      used += n;
    }
  }

  get size(): number {
    return this.strings.length;
  }

  /** The number of the key whose UTF-8 bytes are b[from, to), or -1. */
  find(b: Uint8Array, from: number, to: number): number {
    return this.findAt(b, from, to);
  }

  /** The number of key s, or -1. */
  findString(s: string): number {
    if (3 * s.length > this.scratch.length) this.scratch = Buffer.allocUnsafe(6 * s.length);
    const n = this.scratch.write(s, 0, 'utf8');
    return this.findAt(this.scratch, 0, n);
  }

  private findAt(b: Uint8Array, from: number, to: number): number {
    const h = hashBytes(b, from, to);
    const bit = h >>> this.presentShift;
    if ((this.present[bit >>> 5]! & (1 << (bit & 31))) === 0) return -1;
    const len = to - from;
    const bytes = this.bytes;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const k = this.slots[2 * slot]!;
      if (k === -1) return -1;
      if (this.slots[2 * slot + 1] !== h) continue;
      const end = this.ends[k]!;
      const start = k === 0 ? 0 : this.ends[k - 1]!;
      if (end - start !== len) continue;
      let i = 0;
      while (i < len && bytes[start + i] === b[from + i]) i++;
      if (i === len) return k;
    }
  }
}
