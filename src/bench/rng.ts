/** A small seeded PRNG (mulberry32) and pickers: the bench data is the same on every machine. */

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function int(r: Rng, n: number): number {
  return Math.floor(r() * n);
}

export function pick<T>(r: Rng, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

/** Earlier entries more often (P(index < k) = (k/n)^(1/power)): common names are common. */
export function skewed<T>(r: Rng, list: readonly T[], power = 1.6): T {
  return list[Math.floor(list.length * r() ** power)] as T;
}
