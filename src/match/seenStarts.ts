/**
 * The values one FuzzyIndex query has met, by their start in the index's arena: a value is met
 * once per segment, position and length it shares with the query (and again through a long
 * run's sub-index), and numbered addresses (member10234@…) share many, so one value was checked
 * for its edit distance dozens of times in one query. Checked and visited once now.
 * An open-addressing set of integers, emptied in O(1) by a stamp per slot, reused across
 * queries (no allocation per query).
 */
export class SeenStarts {
  private keys = new Int32Array(256);
  private stamps = new Uint32Array(256);
  private mask = 255;
  private stamp = 1;
  private count = 0;

  /** Empties the set. */
  begin(): void {
    this.count = 0;
    if (++this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  /** True the first time `start` (a non-negative integer) is added since begin(). */
  add(start: number): boolean {
    const { keys, stamps, stamp, mask } = this;
    for (let s = Math.imul(start, 0x9e3779b1) >>> 0 & mask; ; s = (s + 1) & mask) {
      if (stamps[s] !== stamp) {
        stamps[s] = stamp;
        keys[s] = start;
        if (++this.count * 2 > mask) this.grow();
        return true;
      }
      if (keys[s] === start) return false;
    }
  }

  private grow(): void {
    const { keys, stamps, stamp } = this;
    const size = keys.length * 2;
    this.keys = new Int32Array(size);
    this.stamps = new Uint32Array(size);
    this.mask = size - 1;
    this.stamp = 1;
    this.count = 0;
    for (let s = 0; s < keys.length; s++) if (stamps[s] === stamp) this.add(keys[s]!);
  }
}
