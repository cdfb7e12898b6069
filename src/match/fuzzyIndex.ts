/**
 * Blocking for "same group, value within edit distance tau": a hashed partition index
 * (PassJoin, Li et al., VLDB 2011). Each indexed value of length L is cut into tau+1
 * segments; if lev(value, query) <= tau, at least one segment appears unchanged in the query.
 * With multi-match-aware selection, segment i (0-based, start p) need only be looked for at
 * query positions [p - i, p + i] ∩ [p + Δ - (tau - i), p + Δ + (tau - i)], Δ = len - L:
 * the last segment i (0-based) with at most i edits before it has exactly i before it and
 * none in it, so it is shifted by at most i, and at most tau - i edits follow it. So a query
 * probes about 19 hashes (tau = 2) or 6 (tau = 1) instead of comparing against every record.
 *
 * Filters, cheapest first, before the caller sees an id:
 * - a bitset of the groups present: a query whose group has no entry returns at once;
 * - a 32-bit signature of the characters each value contains, kept beside each entry: one
 *   edit changes at most two of its bits, so popcount(sig(query) ^ sig(value)) <= 2 * tau;
 * - the distance itself: values are copied into one UTF-16 arena (their length and id just
 *   before them), so a candidate is verified where its entry points, in one memory access,
 *   and only values within tau of the query reach the caller.
 *
 * Keys are 32-bit hashes of (group, length, segment number, segment text), computed straight
 * from the strings without building substrings. Hash collisions across groups only add
 * candidates: callers verify the group (and their own rule), so results equal an exhaustive
 * comparison.
 * Everything lives in typed arrays (no object per entry), carved from one pool when the
 * caller knows the sizes (see TypedPool); build() is a two-step counting sort by bucket.
 */
import { SeenStarts } from './seenStarts.js';

/** FNV-1a's starting value and multiplier (the Bloom filter and the key table hash with them too). */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

function hashString(h: number, s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

function hashArena(h: number, a: Uint16Array, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    h ^= a[i]!;
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

/** murmur3's finaliser: FNV's low bits alone mix poorly, and buckets are taken from them. */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Hash of a group (optionally of s[from, to)). */
export function groupHash(group: string, from = 0, to = group.length): number {
  return hashString(FNV_OFFSET, group, from, to);
}

/** Bit of each character in a signature: letters and digits their own, the rest shared. */
const SIG_BIT = new Int32Array(128);
for (let c = 0; c < 128; c++) {
  SIG_BIT[c] =
    c >= 97 && c <= 122 ? 1 << (c - 97) : c >= 65 && c <= 90 ? 1 << (c - 65) : c >= 48 && c <= 57 ? 1 << (26 + ((c - 48) % 5)) : 1 << 31;
}

/** The set of characters of s[from, to), folded into 32 bits. */
export function charSignature(s: string, from = 0, to = s.length): number {
  let sig = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    sig |= c < 128 ? SIG_BIT[c]! : 1 << (c % 31);
  }
  return sig;
}

function popcount(m: number): number {
  m = m - ((m >>> 1) & 0x55555555);
  m = (m & 0x33333333) + ((m >>> 2) & 0x33333333);
  return Math.imul((m + (m >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Start of segment i (0-based) of k segments for a string of length len. */
function segStart(len: number, k: number, i: number): number {
  const base = Math.floor(len / k);
  const short = k - (len % k); // the first `short` segments have length base, the rest base+1
  return i <= short ? i * base : short * base + (i - short) * (base + 1);
}

function segLen(len: number, k: number, i: number): number {
  const base = Math.floor(len / k);
  return i < k - (len % k) ? base : base + 1;
}

function grow<T extends Int32Array | Uint16Array>(a: T, min: number): T {
  let n = a.length * 2;
  while (n < min) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** grow() for the directory: new slots hold -1 (no value). */
function growFilled(a: Int32Array, min: number): Int32Array {
  const b = grow(a, min);
  b.fill(-1, a.length);
  return b;
}

function groupBitsLog2(groups: number): number {
  let gBits = 5;
  // (at 31, 1 << gBits is negative: capped below it)
  while (gBits < 30 && 1 << gBits < groups * 16) gBits++;
  return gBits;
}

function groupBitsBytes(groups: number): number {
  return (1 << (groupBitsLog2(groups) - 5)) * 4;
}

let ROW_A = new Int32Array(64);
let ROW_B = new Int32Array(64);

/**
 * Whether lev(q, a[start, start + aLen)) <= max: common prefix and suffix stripped, then a
 * dynamic programme restricted to the diagonal band |row - column| <= max (cells outside it
 * exceed max anyway), stopping as soon as a whole row exceeds max.
 */
function withinDistance(q: string, qLen: number, a: Uint16Array, start: number, aLen: number, max: number): boolean {
  let p = 0;
  while (p < qLen && p < aLen && q.charCodeAt(p) === a[start + p]) p++;
  let qe = qLen;
  let ae = aLen;
  while (qe > p && ae > p && q.charCodeAt(qe - 1) === a[start + ae - 1]) {
    qe--;
    ae--;
  }
  const n = qe - p;
  const m = ae - p;
  if (n === 0) return m <= max;
  if (m === 0) return n <= max;
  if (n - m > max || m - n > max) return false;
  if (m + 2 > ROW_A.length) {
    ROW_A = new Int32Array(m + 64);
    ROW_B = new Int32Array(m + 64);
  }
  const big = max + 1;
  let prev = ROW_A;
  let cur = ROW_B;
  for (let c = 0; c <= m; c++) prev[c] = c <= max ? c : big;
  const aFrom = start + p - 1;
  for (let r = 1; r <= n; r++) {
    const cFrom = r - max > 1 ? r - max : 1;
    const cTo = r + max < m ? r + max : m;
    const left = cFrom === 1 ? (r <= max ? r : big) : big;
    cur[cFrom - 1] = left;
    let rowMin = left;
    const qc = q.charCodeAt(p + r - 1);
    for (let c = cFrom; c <= cTo; c++) {
      let v = prev[c - 1]! + (qc === a[aFrom + c] ? 0 : 1);
      const del = prev[c]! + 1;
      if (del < v) v = del;
      const ins = cur[c - 1]! + 1;
      if (ins < v) v = ins;
      if (v > big) v = big;
      cur[c] = v;
      if (v < rowMin) rowMin = v;
    }
    if (cTo < m) cur[cTo + 1] = big;
    if (rowMin > max) return false;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]! <= max;
}

/**
 * Typed arrays carved out of one ArrayBuffer. V8 counts typed-array memory as external and
 * starts a full garbage collection for every 64 MB or so of it: with a million contacts
 * loaded, each of those marks the whole heap. One allocation for all indexes costs one.
 */
export class TypedPool {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  private used = 0;
  /** @param shared in a SharedArrayBuffer: another thread can read the same memory */
  constructor(bytes: number, shared = false) {
    const size = Math.max(8, Math.ceil(bytes / 8) * 8);
    this.buffer = shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size);
  }
  /** Whether every view handed out so far came from the buffer (none fell back to its own). */
  holds(view: ArrayBufferView): boolean {
    return view.buffer === this.buffer;
  }
  private take(bytes: number): number | -1 {
    const at = this.used;
    if (at + bytes > this.buffer.byteLength) return -1;
    this.used = at + Math.ceil(bytes / 8) * 8;
    return at;
  }
  int32(n: number): Int32Array {
    const at = this.take(n * 4);
    return at === -1 ? new Int32Array(n) : new Int32Array(this.buffer, at, n);
  }
  uint32(n: number): Uint32Array {
    const at = this.take(n * 4);
    return at === -1 ? new Uint32Array(n) : new Uint32Array(this.buffer, at, n);
  }
  uint16(n: number): Uint16Array {
    const at = this.take(n * 2);
    return at === -1 ? new Uint16Array(n) : new Uint16Array(this.buffer, at, n);
  }
}

/** Bucket count for n entries: about two entries per bucket. */
function bucketBits(n: number): number {
  let bits = 0;
  while (bits < 30 && 1 << (bits + 1) <= n) bits++;
  return bits;
}

/** Entries in one bucket above which a run of one segment is searched by the rest of its values (subIndex). */
const HOT_RUN = 96;
/** Times such a run is scanned before its values are indexed by their rests. */
const SCANS_FIRST = 4;

/**
 * One SeenStarts per depth of queries under way, shared by every index of this thread: a long
 * run's sub-index is queried inside its parent's query (and a caller may query another index
 * inside a visit), each needing its own; thousands of sub-indexes each keeping one held
 * megabytes.
 */
const SEEN: SeenStarts[] = [];
let queryDepth = 0;

/** Arena slots before each value: its length and its id, 16 bits each. */
const HEADER = 4;

function lengthAt(arena: Uint16Array, start: number): number {
  return (arena[start - 4]! << 16) | arena[start - 3]!;
}

/** A built FuzzyIndex as numbers and [byteOffset, length] places in its pool's buffer. */
export interface FuzzyIndexState {
  readonly tau: number;
  readonly minLength: number;
  readonly n: number;
  readonly mask: number;
  readonly groupMask: number;
  readonly arena: readonly [number, number];
  readonly directory: readonly [number, number] | null;
  readonly entries3: readonly [number, number];
  readonly offsets: readonly [number, number];
  readonly groupBits: readonly [number, number];
}

/** A long run of one segment, indexed by the rest of its values (FuzzyIndex.subIndex). */
interface HotRun {
  /** One entry per distinct value, under the start of its first copy in the arena. */
  readonly index: FuzzyIndex;
  /** That start → the starts of the value's other copies. */
  readonly twins: ReadonlyMap<number, readonly number[]>;
}

export class FuzzyIndex {
  readonly tau: number;
  /** Values shorter than this are neither indexed nor queried (segments would be empty). */
  readonly minLength: number;
  private pool: TypedPool | null;
  /** How many values the pool was given room for (see fits()). */
  private readonly capacityValues: number;
  /** Values added: where each starts in the arena, and its group hash (needed until build()). */
  private values = 0;
  private valueStart: Int32Array;
  private valueGroup: Int32Array;
  /** Each value as [length >>> 16, length & 0xffff, id >>> 16, id & 0xffff, ...its UTF-16 code units]. */
  private arena: Uint16Array;
  private arenaLength = 0;
  /** id → start of its value in the arena, or -1 (only with `ids`: one value per id). */
  private directory: Int32Array | null;
  /**
   * Entries, grouped by bucket, three slots each (one cache line, not three arrays): segment
   * hash, the value's character signature, the value's start in the arena.
   */
  private n = 0;
  private entries3: Int32Array = new Int32Array(0);
  private offsets: Uint32Array = new Uint32Array(2);
  private mask = 0;
  private groupBits: Int32Array = new Int32Array(1);
  private groupMask = 0;

  /**
   * @param capacity how many values (of at least minLength) and how many characters in all
   *   will be added, at most: right or over, every buffer is sized once (under, they grow)
   * @param pool where to take the buffers that live as long as the index (see bytesFor)
   * @param work where to take those only add() and build() need (see workBytesFor)
   * @param ids when ids are below this and each has one value: keep a directory, so that the
   *   value of an id can be compared (valueStart, equalsAt, oneEditAt)
   */
  constructor(
    tau: number,
    minLength = tau + 1,
    capacity: { values: number; chars: number } = { values: 256, chars: 4096 },
    pool: TypedPool | null = null,
    work: TypedPool | null = null,
    ids = 0,
  ) {
    this.tau = tau;
    this.minLength = Math.max(minLength, tau + 1);
    this.pool = pool;
    const p = pool ?? new TypedPool(0);
    const w = work ?? p;
    const values = Math.max(16, capacity.values);
    this.capacityValues = pool === null ? 0 : values;
    this.valueStart = w.int32(values);
    this.valueGroup = w.int32(values);
    this.arena = p.uint16(values * HEADER + Math.max(16, capacity.chars));
    this.directory = ids > 0 ? p.int32(ids).fill(-1) : null;
  }

  /** Bytes a pool needs for the lasting buffers of an index of this capacity. */
  static bytesFor(tau: number, capacity: { values: number; chars: number }, ids = 0): number {
    const values = Math.max(16, capacity.values);
    const entries = values * (tau + 1);
    const buckets = (1 << bucketBits(entries)) + 1;
    return 8 * 8 + (values * HEADER + Math.max(16, capacity.chars)) * 2 + entries * 12 + buckets * 4 + groupBitsBytes(values) + ids * 4;
  }

  /** Bytes a work pool needs for the buffers add() and build() use (build's scratch aside). */
  static workBytesFor(capacity: { values: number; chars: number }): number {
    return 8 * 2 + Math.max(16, capacity.values) * 8;
  }

  /** Where the value of `id` starts in the arena, or -1 (needs `ids`). */
  startOf(id: number): number {
    return this.directory !== null && id < this.directory.length ? this.directory[id]! : -1;
  }

  /** Length of the value starting at `start`. */
  lengthAt(start: number): number {
    return lengthAt(this.arena, start);
  }

  /** Whether the value starting at `start` equals s. */
  equalsAt(start: number, s: string): boolean {
    const arena = this.arena;
    const len = s.length;
    if (lengthAt(arena, start) !== len) return false;
    for (let i = 0; i < len; i++) if (arena[start + i] !== s.charCodeAt(i)) return false;
    return true;
  }

  /** Whether the value starting at `start` is exactly one edit (Levenshtein) from s. */
  oneEditAt(start: number, s: string): boolean {
    return withinDistance(s, s.length, this.arena, start, lengthAt(this.arena, start), 1) && !this.equalsAt(start, s);
  }

  /** Index s[from, to) in group `gh` under `id` (a non-negative 31-bit integer). */
  add(gh: number, s: string, id: number, from = 0, to = s.length): void {
    const len = to - from;
    if (len < this.minLength) return;
    const v = this.values++;
    if (v === this.valueStart.length) {
      this.valueStart = grow(this.valueStart, v + 1);
      this.valueGroup = grow(this.valueGroup, v + 1);
    }
    if (this.arenaLength + len + HEADER > this.arena.length) this.arena = grow(this.arena, this.arenaLength + len + HEADER);
    const arena = this.arena;
    let at = this.arenaLength;
    arena[at++] = len >>> 16;
    arena[at++] = len & 0xffff;
    arena[at++] = id >>> 16;
    arena[at++] = id & 0xffff;
    this.valueStart[v] = at;
    this.valueGroup[v] = gh;
    if (this.directory !== null) {
      if (id >= this.directory.length) this.directory = growFilled(this.directory, id + 1);
      this.directory[id] = at;
    }
    for (let i = from; i < to; i++) arena[at++] = s.charCodeAt(i);
    this.arenaLength = at;
  }

  /**
   * Moves the arena (and directory) into a pool of their exact size plus what build() will
   * take (bytesFor(tau, sizeNeeded(), ids)), so that the built index lives in one buffer that
   * can be handed to another thread (state()). Call once, after every add, before build().
   */
  relocate(pool: TypedPool): void {
    const arena = pool.uint16(Math.max(16, this.arenaLength));
    arena.set(this.arena.subarray(0, this.arenaLength));
    this.arena = arena;
    if (this.directory !== null) {
      const dir = pool.int32(this.directory.length);
      dir.set(this.directory);
      this.directory = dir;
    }
    this.pool = pool;
  }

  /**
   * Whether build() will find room in the pool given to the constructor: no more values were
   * added than its capacity, and neither the arena nor the directory outgrew it.
   */
  fits(): boolean {
    const pool = this.pool;
    if (pool === null || this.values > this.capacityValues || !pool.holds(this.arena)) return false;
    return this.directory === null || pool.holds(this.directory);
  }

  /** What was added: values, their characters, and the directory's length (0 without one). */
  sizeNeeded(): { values: number; chars: number; ids: number } {
    return { values: this.values, chars: this.arenaLength - this.values * HEADER, ids: this.directory?.length ?? 0 };
  }

  /**
   * The built index as plain numbers and places in its pool's buffer: fromState() on another
   * thread, given that buffer, answers exactly as this one. Every buffer must be in `pool`.
   */
  state(pool: TypedPool): FuzzyIndexState {
    const place = (v: Int32Array | Uint32Array | Uint16Array): [number, number] => {
      if (!pool.holds(v)) throw new Error('FuzzyIndex.state: a buffer is outside the pool');
      return [v.byteOffset, v.length];
    };
    return {
      tau: this.tau,
      minLength: this.minLength,
      n: this.n,
      mask: this.mask,
      groupMask: this.groupMask,
      arena: place(this.arena),
      directory: this.directory === null ? null : place(this.directory),
      entries3: place(this.entries3),
      offsets: place(this.offsets),
      groupBits: place(this.groupBits),
    };
  }

  static fromState(st: FuzzyIndexState, buffer: ArrayBuffer | SharedArrayBuffer): FuzzyIndex {
    const ix = new FuzzyIndex(st.tau, st.minLength, { values: 0, chars: 0 });
    ix.n = st.n;
    ix.mask = st.mask;
    ix.groupMask = st.groupMask;
    ix.arena = new Uint16Array(buffer, st.arena[0], st.arena[1]);
    ix.directory = st.directory === null ? null : new Int32Array(buffer, st.directory[0], st.directory[1]);
    ix.entries3 = new Int32Array(buffer, st.entries3[0], st.entries3[1]);
    ix.offsets = new Uint32Array(buffer, st.offsets[0], st.offsets[1]);
    ix.groupBits = new Int32Array(buffer, st.groupBits[0], st.groupBits[1]);
    ix.valueStart = ix.valueGroup = new Int32Array(0);
    return ix;
  }

  /** Entries build() will have (scratch size for it: 3 × entries Int32 slots). */
  get pendingEntries(): number {
    return this.values * (this.tau + 1);
  }

  /**
   * Freeze the index (call once, after every add): a counting sort of the entries by bucket,
   * in two steps so that no step scatters writes over the whole table (random writes into
   * tens of megabytes are what a million contacts would otherwise wait on): first by the
   * bucket's top 8 bits into `scratch` (256 write streams), then, partition by partition, by
   * bucket into place. Segment hashes are computed from the arena twice (to count, to place).
   * @param scratch at least 3 × pendingEntries Int32 slots (allocated here when too small)
   */
  build(scratch: Int32Array | null = null): void {
    const k = this.tau + 1;
    const values = this.values;
    const n = values * k;
    const pool = this.pool ?? new TypedPool(0);
    const bits = bucketBits(n);
    const size = 1 << bits;
    const mask = size - 1;
    const pBits = Math.min(8, bits);
    const shift = bits - pBits;
    const parts = 1 << pBits;
    const arena = this.arena;
    const valueStart = this.valueStart;
    const valueGroup = this.valueGroup;
    const temp = scratch !== null && scratch.length >= n * 3 ? scratch : new Int32Array(n * 3);
    // count per partition
    const pFill = new Uint32Array(parts + 1);
    for (let v = 0; v < values; v++) {
      const start = valueStart[v]!;
      const len = lengthAt(arena, start);
      const hl = mix(valueGroup[v]!, len);
      for (let i = 0; i < k; i++) {
        const ss = start + segStart(len, k, i);
        pFill[((fmix(hashArena(mix(hl, i), arena, ss, ss + segLen(len, k, i))) & mask) >>> shift) + 1]!++;
      }
    }
    for (let p = 0; p < parts; p++) pFill[p + 1]! += pFill[p]!;
    // place by partition
    for (let v = 0; v < values; v++) {
      const start = valueStart[v]!;
      const len = lengthAt(arena, start);
      let sig = 0;
      for (let c = start; c < start + len; c++) {
        const ch = arena[c]!;
        sig |= ch < 128 ? SIG_BIT[ch]! : 1 << (ch % 31);
      }
      const hl = mix(valueGroup[v]!, len);
      for (let i = 0; i < k; i++) {
        const ss = start + segStart(len, k, i);
        const h = hashArena(mix(hl, i), arena, ss, ss + segLen(len, k, i));
        const at = 3 * pFill[(fmix(h) & mask) >>> shift]!++;
        temp[at] = h;
        temp[at + 1] = sig;
        temp[at + 2] = start;
      }
    }
    // then by bucket: the partitions are in bucket order, so both loops stay in one region
    const offsets = pool.uint32(size + 1);
    for (let e = 0; e < n * 3; e += 3) offsets[(fmix(temp[e]!) & mask) + 1]!++;
    for (let b = 0; b < size; b++) offsets[b + 1]! += offsets[b]!;
    const fill = new Uint32Array(offsets.subarray(0, size)); // a copy: offsets stays as is
    const entries3 = pool.int32(n * 3);
    for (let e = 0; e < n * 3; e += 3) {
      const h = temp[e]!;
      const at = 3 * fill[fmix(h) & mask]!++;
      entries3[at] = h;
      entries3[at + 1] = temp[e + 1]!;
      entries3[at + 2] = temp[e + 2]!;
    }
    // groups present: a bitset of about 16 bits per group (at most one group per value)
    const gBits = groupBitsLog2(values);
    const groupBits = pool.int32(1 << (gBits - 5));
    const groupMask = (1 << gBits) - 1;
    for (let v = 0; v < values; v++) {
      const b = fmix(valueGroup[v]! ^ 0x5bd1e995) & groupMask;
      groupBits[b >>> 5]! |= 1 << (b & 31);
    }
    this.n = n;
    this.mask = mask;
    this.offsets = offsets;
    this.entries3 = entries3;
    this.groupBits = groupBits;
    this.groupMask = groupMask;
    this.valueStart = this.valueGroup = new Int32Array(0);
  }

  get entries(): number {
    return this.n;
  }

  /** Indexes of the rest of the values of long runs, built when a query first meets one (see subIndex). */
  private subs: Map<number, HotRun | null | number> | null = null;

  /**
   * The values of bucket b whose segment i hashes to h and whose length is L, indexed by the
   * rest of the value (the value without that segment), each under its start in this arena.
   * Why searching the rests finds every value the scan would have to: a value within tau of
   * the query has a segment i' that an optimal alignment maps unchanged onto the query at a
   * probed position q', with at most i' edits before it and tau - i' after it (the class
   * comment), so the value without it is within tau of the query without query[q', q' + sl):
   * two edit scripts, one for each side, make one for the two joined. Each value is checked
   * whole before it is visited. A value of this run found at another probe (its witness
   * elsewhere) may be missed here: it is found at its witness, which every query probes.
   * For the first and last segment the rest is the value's end or start, and a common start
   * or end does not change the edit distance; a middle segment (a few names repeated over a
   * large domain: john.smith12, john.smith97…) needs the argument above.
   * Null (then the run is scanned) when the rests are too short to index, or while the run has
   * been met fewer than SCANS_FIRST times: building costs about ten scans, which a run met
   * once or twice (most, in real exports) never repays.
   */
  private subIndex(b: number, h: number, i: number, L: number): HotRun | null {
    // (a run is of one length and one segment: two runs whose hashes collide must not share an entry)
    const key = ((h >>> 0) * 8 + i) * 65536 + (L & 0xffff);
    this.subs ??= new Map();
    const known = this.subs.get(key);
    if (typeof known === 'number' || known === undefined) {
      const met = (known ?? 0) + 1;
      if (met <= SCANS_FIRST) {
        this.subs.set(key, met);
        return null;
      }
    } else return known;
    const tau = this.tau;
    const k = tau + 1;
    const cutFrom = segStart(L, k, i);
    const cutTo = cutFrom + segLen(L, k, i);
    let made: HotRun | null = null;
    if (L - (cutTo - cutFrom) >= tau + 1) {
      const { entries3, offsets, arena } = this;
      const end = 3 * offsets[b + 1]!;
      let members = 0;
      for (let e = 3 * offsets[b]!; e < end; e += 3) if (entries3[e] === h && lengthAt(arena, entries3[e + 2]!) === L) members++;
      // sized once: grown by doubling, the buffers of a thousand runs held twice their need
      const index = new FuzzyIndex(tau, tau + 1, { values: members, chars: members * (L - (cutTo - cutFrom)) });
      // one entry per distinct value: a run of one value held many times (fifty thousand
      // "John Smith"s) is then checked once per probe, its copies visited with it
      const first = new Map<string, number>();
      const twins = new Map<number, number[]>();
      for (let e = 3 * offsets[b]!; e < end; e += 3) {
        if (entries3[e] !== h) continue;
        const start = entries3[e + 2]!;
        if (lengthAt(arena, start) !== L) continue; // another value whose hash collides: never a member of this run
        const whole = String.fromCharCode(...arena.subarray(start, start + L));
        const seen = first.get(whole);
        if (seen !== undefined) {
          const list = twins.get(seen);
          if (list) list.push(start);
          else twins.set(seen, [start]);
          continue;
        }
        first.set(whole, start);
        index.add(0, whole.slice(0, cutFrom) + whole.slice(cutTo), start);
      }
      index.build();
      made = { index, twins };
    }
    this.subs.set(key, made);
    return made;
  }

  /** False when no value of this group was indexed (true may be a false positive). */
  hasGroup(gh: number): boolean {
    const b = fmix(gh ^ 0x5bd1e995) & this.groupMask;
    return (this.groupBits[b >>> 5]! & (1 << (b & 31))) !== 0;
  }

  /**
   * Calls `visit(id)` for indexed ids whose value is within tau of `value`, among them every
   * one of the group `gh` (others may come through hash collisions; ids may repeat): the
   * caller checks the group and its own rule.
   */
  query(gh: number, value: string, visit: (id: number) => void): void {
    const len = value.length;
    const tau = this.tau;
    if (len < this.minLength - tau || this.n === 0 || !this.hasGroup(gh)) return;
    const sig = charSignature(value);
    const lo = Math.max(this.minLength, len - tau);
    // each value is checked and visited once per query, however many segments it shares with
    // it; the copies of a value (HotRun.twins) are visited with it, and marked met too
    const seen = (SEEN[queryDepth] ??= new SeenStarts());
    seen.begin();
    queryDepth++;
    try {
      this.probe(value, gh, sig, lo, seen, visit);
    } finally {
      queryDepth--;
    }
  }

  private probe(value: string, gh: number, sig: number, lo: number, seen: SeenStarts, visit: (id: number) => void): void {
    const len = value.length;
    const tau = this.tau;
    const { offsets, entries3, arena, mask } = this;
    const maxBits = 2 * tau;
    const k = tau + 1;
    for (let L = lo; L <= len + tau; L++) {
      const delta = len - L;
      const hl = mix(gh, L);
      for (let i = 0; i < k; i++) {
        const p = segStart(L, k, i);
        const sl = segLen(L, k, i);
        const hi = mix(hl, i);
        const qFrom = Math.max(0, p - i, p + delta - (tau - i));
        const qTo = Math.min(len - sl, p + i, p + delta + (tau - i));
        for (let q = qFrom; q <= qTo; q++) {
          const h = hashString(hi, value, q, q + sl);
          const b = fmix(h) & mask;
          const end = 3 * offsets[b + 1]!;
          // a long run: values sharing one segment, as numbered addresses (user10234,
          // user10235…) share their start; searched by the rest of the value
          if (end - 3 * offsets[b]! > 3 * HOT_RUN) {
            const sub = this.subIndex(b, h, i, L);
            if (sub !== null) {
              const part = q === 0 ? value.slice(sl) : q + sl === len ? value.slice(0, q) : value.slice(0, q) + value.slice(q + sl);
              sub.index.query(0, part, (start) => {
                if (!seen.add(start) || !withinDistance(value, len, arena, start, L, tau)) return;
                visit((arena[start - 2]! << 16) | arena[start - 1]!);
                const copies = sub.twins.get(start);
                if (copies) for (const c of copies) if (seen.add(c)) visit((arena[c - 2]! << 16) | arena[c - 1]!);
              });
              continue;
            }
          }
          for (let e = 3 * offsets[b]!; e < end; e += 3) {
            if (entries3[e] !== h || popcount(entries3[e + 1]! ^ sig) > maxBits) continue;
            const start = entries3[e + 2]!;
            // a colliding entry may hold a value of another length: check it against its own
            if (!seen.add(start) || !withinDistance(value, len, arena, start, lengthAt(arena, start), tau)) continue;
            visit((arena[start - 2]! << 16) | arena[start - 1]!);
          }
        }
      }
    }
  }
}
