/** At most this many ranges are written; the lines past them are counted (a line of stderr stays readable). */
export const MAX_RANGES = 40;

/**
 * Line numbers as short ranges, in order: [4, 5, 6, 9] → "4-6, 9"; past `max` ranges, how many
 * lines are left: "4-6, 9, … (1,200 more lines)".
 */
export function lineRanges(lines: readonly number[], max = MAX_RANGES): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (out.length === max) {
      const rest = sorted.length - i;
      out.push(`… (${rest} more ${rest === 1 ? 'line' : 'lines'})`);
      break;
    }
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return out.join(', ');
}
