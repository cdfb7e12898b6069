/**
 * A Bloom filter over strings (or ranges of strings), in a typed array: `mayHave` false means
 * surely absent. The fuzzy indexes use it to leave out the local parts no user will search
 * domain typos for, without hashing each into a Set; a false positive only keeps an unused
 * entry.
 */

import { fmix, FNV_OFFSET, FNV_PRIME } from './fuzzyIndex.js';

function rangeHash(s: string, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return fmix(h);
}

export class StringFilter {
  private readonly bits: Int32Array;
  private readonly mask: number;

  /** About 16 bits per expected string and two probes: ~1.4% false positives. */
  constructor(expected: number, state?: { readonly bits: Int32Array; readonly mask: number }) {
    if (state) {
      this.bits = state.bits;
      this.mask = state.mask;
      return;
    }
    let n = 1 << 10;
    while (n < expected * 16) n <<= 1;
    this.bits = new Int32Array(n >>> 5);
    this.mask = n - 1;
  }

  /** The filter as plain data (to send to another thread); fromState() restores it. */
  state(): { readonly bits: Int32Array; readonly mask: number } {
    return { bits: this.bits, mask: this.mask };
  }

  static fromState(st: { readonly bits: Int32Array; readonly mask: number }): StringFilter {
    return new StringFilter(0, st);
  }

  add(s: string, from: number, to: number): void {
    const h = rangeHash(s, from, to);
    const a = h & this.mask;
    const b = Math.imul(h, 0x9e3779b1) & this.mask;
    this.bits[a >>> 5]! |= 1 << (a & 31);
    this.bits[b >>> 5]! |= 1 << (b & 31);
  }

  mayHave(s: string, from: number, to: number): boolean {
    const h = rangeHash(s, from, to);
    const a = h & this.mask;
    if ((this.bits[a >>> 5]! & (1 << (a & 31))) === 0) return false;
    const b = Math.imul(h, 0x9e3779b1) & this.mask;
    return (this.bits[b >>> 5]! & (1 << (b & 31))) !== 0;
  }
}
