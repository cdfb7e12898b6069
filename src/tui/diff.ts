/**
 * Which parts of a contact's value differ from the user's. A value a few edits away (a typo,
 * Gmail's dots) is aligned with the user's character by character, so each changed or added
 * character is marked, and each place where the user's characters are missing is marked by an
 * empty segment; a value further away gets one mark over what is left between the common
 * beginning and end (case-insensitive), which is what a different name or domain looks like.
 */
export interface Segment {
  readonly text: string;
  readonly differs: boolean;
}

export type Comparison = 'same' | 'differs' | 'absent';

/** Case aside, and in one Unicode form: "René" typed with a combining accent is the same name as "René". */
function folded(s: string): string {
  return s.trim().normalize('NFC').toLowerCase();
}

export function compareValues(user: string, other: string): Comparison {
  if (other.trim() === '' && user.trim() === '') return 'absent';
  return folded(user) === folded(other) ? 'same' : 'differs';
}

/** More edits than this between the two values' middles: one mark over the whole middle. */
const ALIGNED_EDITS = 3;
/** Middles longer than this are not aligned (the table is their product). */
const ALIGNED_LENGTH = 200;

/** `other` split into the parts it shares with `user` and the parts that differ. */
export function markDifference(user: string, other: string): Segment[] {
  if (other === '') return [];
  if (user.trim() === '' || compareValues(user, other) === 'same') return [{ text: other, differs: false }];
  const a = Array.from(user.normalize('NFC').toLowerCase());
  const b = Array.from(other.normalize('NFC'));
  const bl = b.map((c) => c.toLowerCase());
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === bl[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === bl[b.length - 1 - suf]) suf++;
  const out: Segment[] = [];
  const push = (text: string, differs: boolean): void => {
    const last = out[out.length - 1];
    if (last !== undefined && last.differs === differs) out[out.length - 1] = { text: last.text + text, differs };
    else if (text !== '' || differs) out.push({ text, differs });
  };
  push(b.slice(0, pre).join(''), false);
  const middle = aligned(a.slice(pre, a.length - suf), bl.slice(pre, b.length - suf));
  if (middle === null) {
    // one mark; a pure deletion leaves nothing to mark in `other`: an empty segment marks the place
    push(b.slice(pre, b.length - suf).join(''), true);
  } else {
    let j = pre;
    for (const step of middle) {
      if (step === DELETED) push('', true);
      else push(b[j++]!, step === CHANGED);
    }
  }
  push(b.slice(b.length - suf).join(''), false);
  return out;
}

const KEPT = 0;
const CHANGED = 1;
const DELETED = 2;
type Step = typeof KEPT | typeof CHANGED | typeof DELETED;

/**
 * The steps of a fewest-edits alignment of `a` (the user's) with `b` (the other's): one
 * KEPT or CHANGED per character of b, a DELETED where a character of a has none; null when
 * they are more than ALIGNED_EDITS apart or too long to align.
 */
function aligned(a: readonly string[], b: readonly string[]): Step[] | null {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > ALIGNED_EDITS || n > ALIGNED_LENGTH || m > ALIGNED_LENGTH) return null;
  const w = m + 1;
  const d = new Uint16Array((n + 1) * w);
  for (let j = 0; j <= m; j++) d[j] = j;
  for (let i = 1; i <= n; i++) {
    d[i * w] = i;
    for (let j = 1; j <= m; j++) {
      const diagonal = d[(i - 1) * w + j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      d[i * w + j] = Math.min(diagonal, d[(i - 1) * w + j]! + 1, d[i * w + j - 1]! + 1);
    }
  }
  if (d[n * w + m]! > ALIGNED_EDITS) return null;
  const steps: Step[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = d[i * w + j]!;
    if (i > 0 && j > 0 && here === d[(i - 1) * w + j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)) {
      steps.push(a[i - 1] === b[j - 1] ? KEPT : CHANGED);
      i--;
      j--;
    } else if (j > 0 && here === d[i * w + j - 1]! + 1) {
      steps.push(CHANGED); // a character the user's value does not have
      j--;
    } else {
      steps.push(DELETED);
      i--;
    }
  }
  return steps.reverse();
}
