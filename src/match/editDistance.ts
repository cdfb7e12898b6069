/**
 * Bounded Levenshtein distance: returns the distance when it is <= max, else max + 1.
 * Two rolling rows in preallocated typed arrays and an early exit when a row's minimum
 * exceeds the bound: no allocation per call on the hot path (strings under 256 chars).
 */
const ROW_A = new Int32Array(257);
const ROW_B = new Int32Array(257);

export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (a === b) return 0;
  return boundedLevenshteinRange(a, 0, a.length, b, 0, b.length, max);
}

/** boundedLevenshtein of a[aFrom, aTo) and b[bFrom, bTo), without building the substrings. */
export function boundedLevenshteinRange(a: string, aFrom: number, aTo: number, b: string, bFrom: number, bTo: number, max: number): number {
  if (Math.abs(aTo - aFrom - (bTo - bFrom)) > max) return max + 1;
  // strip common prefix and suffix
  while (aFrom < aTo && bFrom < bTo && a.charCodeAt(aFrom) === b.charCodeAt(bFrom)) {
    aFrom++;
    bFrom++;
  }
  while (aTo > aFrom && bTo > bFrom && a.charCodeAt(aTo - 1) === b.charCodeAt(bTo - 1)) {
    aTo--;
    bTo--;
  }
  const n = aTo - aFrom;
  const m = bTo - bFrom;
  if (n === 0) return m <= max ? m : max + 1;
  if (m === 0) return n <= max ? n : max + 1;
  if (m > 256) return slowLevenshtein(a.slice(aFrom, aTo), b.slice(bFrom, bTo), max);
  let prev = ROW_A;
  let cur = ROW_B;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(aFrom + i - 1);
    for (let j = 1; j <= m; j++) {
      const cost = ca === b.charCodeAt(bFrom + j - 1) ? 0 : 1;
      let v = prev[j - 1]! + cost;
      const del = prev[j]! + 1;
      if (del < v) v = del;
      const ins = cur[j - 1]! + 1;
      if (ins < v) v = ins;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[m]!;
  return d <= max ? d : max + 1;
}

function slowLevenshtein(a: string, b: string, max: number): number {
  let prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1);
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j - 1]! + cost, prev[j]! + 1, cur[j - 1]! + 1);
    }
    prev = cur;
  }
  const d = prev[b.length]!;
  return d <= max ? d : max + 1;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transposition = 1), bounded.
 * Used for scoring and for describing a typo ("swapped letters"), not for blocking.
 */
export function boundedOsa(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let pp = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    const cur = new Array<number>(m + 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j - 1]! + cost, prev[j]! + 1, cur[j - 1]! + 1);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, pp[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    pp = prev;
    prev = cur;
  }
  const d = prev[m]!;
  return d <= max ? d : max + 1;
}
