/**
 * Blocking for "same group, value within edit distance tau": a hashed partition index
 * (the pigeonhole idea behind PassJoin). Each indexed value of length L is cut into tau+1
 * segments; if lev(value, query) <= tau, at least one segment appears unchanged in the query,
 * shifted by at most tau. So a query probes, for each possible length, each segment position
 * within ±tau — a few dozen hash look-ups — instead of comparing against every record.
 *
 * Keys are 32-bit hashes of (group, length, segment number, segment text), computed straight
 * from the strings without building substrings. Collisions only add candidates: callers
 * verify the group and the real distance, so results equal an exhaustive comparison.
 */

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function hashString(h: number, s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

function mix(h: number, n: number): number {
  h ^= n & 0xffff;
  h = Math.imul(h, FNV_PRIME);
  h ^= n >>> 16;
  return Math.imul(h, FNV_PRIME);
}

export function groupHash(group: string): number {
  return hashString(FNV_OFFSET, group, 0, group.length);
}

/** Start of segment i (0-based) of tau+1 segments for a string of length len. */
function segStart(len: number, k: number, i: number): number {
  const base = Math.floor(len / k);
  const short = k - (len % k); // the first `short` segments have length base, the rest base+1
  return i <= short ? i * base : short * base + (i - short) * (base + 1);
}

function segLen(len: number, k: number, i: number): number {
  const base = Math.floor(len / k);
  return i < k - (len % k) ? base : base + 1;
}

export class FuzzyIndex {
  readonly tau: number;
  /** Values shorter than this are neither indexed nor queried (segments would be empty). */
  readonly minLength: number;
  private hashes: number[] = [];
  private ids: number[] = [];
  private offsets: Uint32Array = new Uint32Array(1);
  private entryHash: Int32Array = new Int32Array(0);
  private entryId: Int32Array = new Int32Array(0);
  private mask = 0;

  constructor(tau: number, minLength = tau + 1) {
    this.tau = tau;
    this.minLength = Math.max(minLength, tau + 1);
  }

  add(gh: number, value: string, id: number): void {
    const len = value.length;
    if (len < this.minLength) return;
    const k = this.tau + 1;
    for (let i = 0; i < k; i++) {
      const s = segStart(len, k, i);
      let h = mix(mix(gh, len), i);
      h = hashString(h, value, s, s + segLen(len, k, i));
      this.hashes.push(h);
      this.ids.push(id);
    }
  }

  /** Freeze the index into compact typed arrays (call once, after every add). */
  build(): void {
    const n = this.hashes.length;
    let size = 1;
    while (size < n * 1.5) size <<= 1;
    this.mask = size - 1;
    const offsets = new Uint32Array(size + 1);
    for (let j = 0; j < n; j++) offsets[(this.hashes[j]! & this.mask) + 1]!++;
    for (let b = 0; b < size; b++) offsets[b + 1]! += offsets[b]!;
    const fill = offsets.slice(0, size);
    const eh = new Int32Array(n);
    const ei = new Int32Array(n);
    for (let j = 0; j < n; j++) {
      const h = this.hashes[j]!;
      const at = fill[h & this.mask]!++;
      eh[at] = h;
      ei[at] = this.ids[j]!;
    }
    this.offsets = offsets;
    this.entryHash = eh;
    this.entryId = ei;
    this.hashes = [];
    this.ids = [];
  }

  get entries(): number {
    return this.entryId.length;
  }

  /**
   * Calls `visit(id)` for every indexed id that may be within tau of `value` in the same group
   * (a superset; ids may repeat). The caller verifies.
   */
  query(gh: number, value: string, visit: (id: number) => void): void {
    const len = value.length;
    if (len < this.minLength - this.tau) return;
    const tau = this.tau;
    const k = tau + 1;
    const lo = Math.max(this.minLength, len - tau);
    for (let L = lo; L <= len + tau; L++) {
      const hl = mix(gh, L);
      for (let i = 0; i < k; i++) {
        const p = segStart(L, k, i);
        const sl = segLen(L, k, i);
        const hi = mix(hl, i);
        const qFrom = Math.max(0, p - tau);
        const qTo = Math.min(len - sl, p + tau);
        for (let q = qFrom; q <= qTo; q++) {
          const h = hashString(hi, value, q, q + sl);
          const b = h & this.mask;
          const end = this.offsets[b + 1]!;
          for (let e = this.offsets[b]!; e < end; e++) {
            if (this.entryHash[e] === h) visit(this.entryId[e]!);
          }
        }
      }
    }
  }
}
