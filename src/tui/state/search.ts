/**
 * Search by email, name, username, user id or contact id. The text searched per user is built once per
 * plan (lazily, on the first search) and cached; a search scans it from the cursor on, in
 * either direction, wrapping around.
 */
import type { UserPlan } from '../../domain/decisions.js';

const hayCache = new WeakMap<readonly UserPlan[], readonly string[]>();

/** Lowercase, accents dropped: "Siobhán" and "siobhan" match. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function haystack(rows: readonly UserPlan[]): readonly string[] {
  let hay = hayCache.get(rows);
  if (!hay) {
    hay = rows.map((r) => {
      const u = r.user;
      const words = (...parts: string[]) => parts.filter(Boolean).join(' ');
      return fold([u.email, u.displayName, words(u.firstName, u.middleName, u.lastName), words(u.lastName, u.firstName), u.username].join('\u0000'));
    });
    hayCache.set(rows, hay);
  }
  return hay;
}

/**
 * Whether row `i` matches. `#N` is a contact id (as the screen writes contacts): users with
 * that contact among their candidates, which includes an existing link. A bare number is a
 * user id or a contact id ("who else could hold contact 135?"). Anything else is part of an
 * email, name or username.
 */
export function matcher(rows: readonly UserPlan[], query: string): (i: number) => boolean {
  const q = query.trim();
  const hasContact = (i: number, id: number) => rows[i]!.candidates.some((c) => c.contactId === id);
  if (/^#\d+$/.test(q)) {
    const id = Number(q.slice(1));
    return (i) => hasContact(i, id);
  }
  if (/^\d+$/.test(q)) {
    const id = Number(q);
    return (i) => rows[i]!.user.ufId === id || hasContact(i, id);
  }
  const f = fold(q);
  const hay = haystack(rows);
  return (i) => hay[i]!.includes(f);
}

/**
 * The next row after `from` (dir 1) or before it (dir -1), wrapping, that matches and passes
 * `accept`; `from` itself is tried last. -1 when none.
 */
export function findRow(
  rows: readonly UserPlan[],
  query: string,
  from: number,
  dir: 1 | -1,
  accept: (i: number) => boolean = () => true,
): number {
  const n = rows.length;
  if (n === 0 || query.trim() === '') return -1;
  const match = matcher(rows, query);
  const start = from < 0 ? (dir === 1 ? n - 1 : 0) : from;
  for (let step = 1; step <= n; step++) {
    const i = (((start + dir * step) % n) + n) % n;
    if (match(i) && accept(i)) return i;
  }
  return -1;
}
