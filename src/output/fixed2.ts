/**
 * score.toFixed(2), remembered: scores take few distinct values (a handful of formulas), and
 * the writers format one or more per output row.
 */
const known = new Map<number, string>();

export function fixed2(score: number): string {
  let s = known.get(score);
  if (s === undefined) {
    s = score.toFixed(2);
    if (known.size < 4096) known.set(score, s);
  }
  return s;
}
