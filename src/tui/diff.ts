/**
 * Which part of a contact's value differs from the user's: the middle left over after the
 * common beginning and end (case-insensitive), which is what a typo, a swapped pair or a
 * different domain looks like.
 */
export interface Segment {
  readonly text: string;
  readonly differs: boolean;
}

export type Comparison = 'same' | 'differs' | 'absent';

export function compareValues(user: string, other: string): Comparison {
  if (other.trim() === '' && user.trim() === '') return 'absent';
  return user.trim().toLowerCase() === other.trim().toLowerCase() ? 'same' : 'differs';
}

/** `other` split into the part it shares with `user` and the part that differs. */
export function markDifference(user: string, other: string): Segment[] {
  if (other === '') return [];
  if (user.trim() === '' || compareValues(user, other) === 'same') return [{ text: other, differs: false }];
  const a = Array.from(user.toLowerCase());
  const b = Array.from(other);
  const bl = b.map((c) => c.toLowerCase());
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === bl[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === bl[b.length - 1 - suf]) suf++;
  const out: Segment[] = [];
  const head = b.slice(0, pre).join('');
  const mid = b.slice(pre, b.length - suf).join('');
  const tail = b.slice(b.length - suf).join('');
  if (head) out.push({ text: head, differs: false });
  // a pure deletion leaves nothing to mark in `other`: mark the place with an empty segment
  out.push({ text: mid, differs: true });
  if (tail) out.push({ text: tail, differs: false });
  return out;
}
