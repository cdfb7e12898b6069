/**
 * The four fuzzy blocking indexes over the usable contacts (email typos, names), built from a
 * feed of email rows and names. The same builder runs in this thread (buildContactIndex) or in
 * a worker fed in chunks while the contacts still load (see src/parallel/): either way it is
 * given the same rows and names, so the indexes answer alike.
 */
import { FuzzyIndex, groupHash, TypedPool, type FuzzyIndexState } from './fuzzyIndex.js';
import { nameKey } from './names.js';
import type { StringFilter } from './stringFilter.js';

/** Shortest local part or domain (and first or last name) that fuzzy matching considers. */
export const MIN_FUZZY_LENGTH = 4;
export const MIN_NAME_LENGTH = 2;
export const EMAIL_TAU = 2;
export const NAME_TAU = 1;

export interface FuzzyIndexes {
  /** group = domain, value = local part (ids are email rows). */
  readonly localsByDomain: FuzzyIndex;
  /** group = local part, value = domain (ids are email rows). */
  readonly domainsByLocal: FuzzyIndex;
  /** group = folded first name, value = folded last name (ids are contact positions). */
  readonly lastsByFirst: FuzzyIndex;
  /** group = folded last name, value = folded first name. */
  readonly firstsByLast: FuzzyIndex;
}

const NAMES = ['localsByDomain', 'domainsByLocal', 'lastsByFirst', 'firstsByLast'] as const;

/** Where the fuzzy indexes go: one email row, or one contact's names, at a time. */
export interface FuzzySink {
  /** Email row `row` of a usable contact; its key is s[from, to). */
  email(row: number, s: string, from: number, to: number): void;
  /** The name columns of the usable contact at `pos`. */
  name(pos: number, first: string, last: string, display: string): void;
}

/** Sizes known in advance (buildContactIndex counts them): every buffer is then sized once. */
export interface FuzzyCapacity {
  readonly emails: { values: number; chars: number };
  readonly names: { values: number; chars: number };
  readonly contacts: number;
}

export class FuzzyIndexBuilder implements FuzzySink {
  private readonly ix: FuzzyIndexes;
  private readonly pool: TypedPool | null;

  /**
   * @param localFilter the local parts some user has (only those can be looked up for domain
   *   typos, so only those go into domainsByLocal), or null for all
   * @param capacity when known, or guessed over: the indexes take their buffers from pools
   *   allocated once; when not (or when more came than guessed, or the pools' address space
   *   was refused, as under `ulimit -v`), they grow, and finish() moves them into one pool of
   *   the exact size
   * @param shared the indexes' pool in shared memory (another thread is to read them)
   */
  constructor(
    private readonly localFilter: StringFilter | null,
    capacity: FuzzyCapacity | null = null,
    private readonly shared = false,
  ) {
    const pools = capacity === null ? null : poolsFor(capacity, shared);
    if (capacity === null || pools === null) {
      this.pool = null;
      this.ix = {
        localsByDomain: new FuzzyIndex(EMAIL_TAU, MIN_FUZZY_LENGTH),
        domainsByLocal: new FuzzyIndex(EMAIL_TAU, MIN_FUZZY_LENGTH),
        lastsByFirst: new FuzzyIndex(NAME_TAU, MIN_NAME_LENGTH, undefined, null, null, 16),
        firstsByLast: new FuzzyIndex(NAME_TAU, MIN_NAME_LENGTH, undefined, null, null, 16),
      };
      return;
    }
    const { emails, names } = capacity;
    const contacts = directorySize(capacity);
    const { pool, work } = pools;
    this.pool = pool;
    this.ix = {
      localsByDomain: new FuzzyIndex(EMAIL_TAU, MIN_FUZZY_LENGTH, emails, pool, work),
      domainsByLocal: new FuzzyIndex(EMAIL_TAU, MIN_FUZZY_LENGTH, emails, pool, work),
      lastsByFirst: new FuzzyIndex(NAME_TAU, MIN_NAME_LENGTH, names, pool, work, contacts),
      firstsByLast: new FuzzyIndex(NAME_TAU, MIN_NAME_LENGTH, names, pool, work, contacts),
    };
  }

  email(row: number, s: string, from: number, to: number): void {
    const at = s.lastIndexOf('@', to - 1);
    if (at < from || at >= to - 1) return;
    this.ix.localsByDomain.add(groupHash(s, at + 1, to), s, row, from, at);
    // only local parts some user has can be looked up for domain typos
    if (!this.localFilter || this.localFilter.mayHave(s, from, at)) this.ix.domainsByLocal.add(groupHash(s, from, at), s, row, at + 1, to);
  }

  name(pos: number, first: string, last: string, display: string): void {
    const k = nameKey(first, last, display);
    if (k.first === '' || k.last === '') return;
    this.ix.lastsByFirst.add(groupHash(k.first), k.last, pos);
    this.ix.firstsByLast.add(groupHash(k.last), k.first, pos);
  }

  /**
   * Builds the indexes (once, after the last row and name); `pool` holds them all. `moved`:
   * whether they had to be moved there (no capacity was given, or more came than it said).
   */
  finish(): { indexes: FuzzyIndexes; pool: TypedPool; moved: boolean } {
    const given = this.pool;
    const moved = given === null || !NAMES.every((name) => this.ix[name].fits());
    const pool = moved ? this.exactPool() : given;
    let maxEntries = 16;
    for (const name of NAMES) maxEntries = Math.max(maxEntries, this.ix[name].pendingEntries);
    const scratch = new Int32Array(3 * maxEntries);
    for (const name of NAMES) this.ix[name].build(scratch);
    return { indexes: this.ix, pool, moved };
  }

  /** A pool of the size the indexes need, with their arenas and directories moved into it. */
  private exactPool(): TypedPool {
    let bytes = 256;
    for (const name of NAMES) {
      const ix = this.ix[name];
      const size = ix.sizeNeeded();
      bytes += FuzzyIndex.bytesFor(ix.tau, size, size.ids);
    }
    const pool = new TypedPool(bytes, this.shared);
    for (const name of NAMES) this.ix[name].relocate(pool);
    return pool;
  }
}

/** The name indexes' directories hold a slot per contact (at least 16: they must exist). */
function directorySize(capacity: FuzzyCapacity): number {
  return Math.max(16, capacity.contacts);
}

/**
 * The pools for a capacity: the lasting one (shared when asked) and the one add() and build()
 * work in. Null when the address space for them is refused (a guessed capacity is large, and
 * `ulimit -v` may forbid it): the indexes then grow as they would without one.
 */
function poolsFor(capacity: FuzzyCapacity, shared: boolean): { pool: TypedPool; work: TypedPool } | null {
  const { emails, names } = capacity;
  try {
    const pool = new TypedPool(2 * FuzzyIndex.bytesFor(EMAIL_TAU, emails) + 2 * FuzzyIndex.bytesFor(NAME_TAU, names, directorySize(capacity)) + 256, shared);
    const work = new TypedPool(2 * FuzzyIndex.workBytesFor(emails) + 2 * FuzzyIndex.workBytesFor(names) + 256);
    return { pool, work };
  } catch (e) {
    if (e instanceof RangeError) return null; // "Array buffer allocation failed"
    throw e;
  }
}

/** The built indexes as numbers and places in one buffer, to send to another thread. */
export type FuzzyIndexesState = Readonly<Record<(typeof NAMES)[number], FuzzyIndexState>>;

export function fuzzyIndexesState(ix: FuzzyIndexes, pool: TypedPool): FuzzyIndexesState {
  return {
    localsByDomain: ix.localsByDomain.state(pool),
    domainsByLocal: ix.domainsByLocal.state(pool),
    lastsByFirst: ix.lastsByFirst.state(pool),
    firstsByLast: ix.firstsByLast.state(pool),
  };
}

export function fuzzyIndexesFromState(st: FuzzyIndexesState, buffer: ArrayBuffer | SharedArrayBuffer): FuzzyIndexes {
  return {
    localsByDomain: FuzzyIndex.fromState(st.localsByDomain, buffer),
    domainsByLocal: FuzzyIndex.fromState(st.domainsByLocal, buffer),
    lastsByFirst: FuzzyIndex.fromState(st.lastsByFirst, buffer),
    firstsByLast: FuzzyIndex.fromState(st.firstsByLast, buffer),
  };
}
