/**
 * Bounded Levenshtein distance: returns the distance when it is <= max, else max + 1.
 * Two rolling rows in preallocated typed arrays and an early exit when a row's minimum
 * exceeds the bound: no allocation per call on the hot path (strings under 256 chars).
 */
const ROW_A = new Int32Array(257);
const ROW_B = new Int32Array(257);

export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (a === b) return 0;
  let la = a.length;
  let lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  // strip common prefix and suffix
  let start = 0;
  while (start < la && start < lb && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  while (la > start && lb > start && a.charCodeAt(la - 1) === b.charCodeAt(lb - 1)) {
    la--;
    lb--;
  }
  const n = la - start;
  const m = lb - start;
  if (n === 0) return m <= max ? m : max + 1;
  if (m === 0) return n <= max ? n : max + 1;
  if (m > 256) return slowLevenshtein(a.slice(start, la), b.slice(start, lb), max);
  let prev = ROW_A;
  let cur = ROW_B;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(start + i - 1);
    for (let j = 1; j <= m; j++) {
      const cost = ca === b.charCodeAt(start + j - 1) ? 0 : 1;
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
