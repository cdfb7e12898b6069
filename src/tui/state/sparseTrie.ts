/**
 * A persistent sparse array: get and set by a non-negative integer index in O(log32 n),
 * each set returning a new trie that shares every untouched branch. Unset indexes read as
 * undefined. Used as the "changes over a base" layer of the holds (see holds.ts).
 */
const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

type Slot<T> = readonly (Slot<T> | T | undefined)[];

export class SparseTrie<T> {
  private constructor(
    private readonly root: Slot<T> | undefined,
    private readonly shift: number,
  ) {}

  /** A trie able to hold indexes 0 … capacity-1. */
  static empty<T>(capacity: number): SparseTrie<T> {
    let shift = 0;
    while (capacity > 1 << (shift + BITS)) shift += BITS;
    return new SparseTrie<T>(undefined, shift);
  }

  get(i: number): T | undefined {
    let node: Slot<T> | undefined = this.root;
    for (let s = this.shift; node !== undefined && s > 0; s -= BITS) node = node[(i >>> s) & MASK] as Slot<T> | undefined;
    return node === undefined ? undefined : (node[i & MASK] as T | undefined);
  }

  set(i: number, value: T | undefined): SparseTrie<T> {
    const put = (node: Slot<T> | undefined, s: number): Slot<T> => {
      const copy: (Slot<T> | T | undefined)[] = node ? node.slice() : new Array(WIDTH).fill(undefined);
      const k = (i >>> s) & MASK;
      copy[k] = s === 0 ? value : put(copy[k] as Slot<T> | undefined, s - BITS);
      return copy;
    };
    return new SparseTrie<T>(put(this.root, this.shift), this.shift);
  }
}
