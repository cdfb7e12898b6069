/**
 * Which user(s) an `explain` QUERY names. Pure. In order, the first rule with a hit wins:
 *   0. `#N`: the users whose link, decision or candidates name contact N;
 *   1. digits only: exact uf_id, else exact username — never a part of a name or email, nor a
 *      contact id (`explain 4` must not answer for user 40 or for "rachelm84");
 *   2. exact email key (trimmed, lowercased);
 *   3. exact username (case-insensitive);
 *   4. part of a name, username or email: every word of the folded query (accents, case and
 *      punctuation folded, any order, so "Nunez, José" finds "José Núñez") occurs in the
 *      user's folded name, display name, username or email — or the plain lowercased query
 *      occurs in one of them.
 * No hit: the nearest users by edit distance on email, username and folded name (for a uf_id,
 * the users with the closest uf_ids).
 * One user found by uf_id, email or exact username comes with the other users a looser rule finds
 * (`also`): a username that is exactly the uf_id, or whose name, username or email holds the
 * query ("lee" is one user's username and part of Ann Lee's name), or, for an email, whose
 * username is that address, so none of them is hidden.
 */
import type { UserPlan } from '../domain/decisions.js';
import type { User } from '../domain/types.js';
import { boundedLevenshtein } from '../match/editDistance.js';
import { emailKey } from '../match/email.js';
import { foldName } from '../match/names.js';

export type MatchedBy = 'uf_id' | 'email' | 'username' | 'text' | 'contact_id';

export interface NearestUser {
  readonly row: UserPlan;
  readonly distance: number;
}

export type QueryResult =
  | { readonly kind: 'one'; readonly by: MatchedBy; readonly row: UserPlan; readonly also: readonly UserPlan[] }
  | { readonly kind: 'many'; readonly by: MatchedBy; readonly rows: readonly UserPlan[] }
  | { readonly kind: 'none'; readonly nearest: readonly NearestUser[] };

export const NEAREST_COUNT = 3;

/** The user's name as ufmatch shows it: first [middle] last, else the display name. */
export function userName(u: User): string {
  const parts = [u.firstName, u.middleName, u.lastName].map((s) => s.trim()).filter(Boolean);
  return parts.length > 0 && (u.firstName.trim() || u.lastName.trim()) ? parts.join(' ') : u.displayName.trim();
}

/** The users whose link, decision or candidates name contact `id` ("why is contact 140 not linked?"). */
function byContact(rows: readonly UserPlan[], id: number): UserPlan[] {
  return rows.filter((r) => {
    const d = r.decision;
    return ((d.action === 'link' || d.action === 'keep') && d.contactId === id) || r.candidates.some((c) => c.contactId === id);
  });
}

export function resolveQuery(rows: readonly UserPlan[], query: string): QueryResult {
  const q = query.trim();
  if (/^#\d+$/.test(q)) {
    // a contact id, as the review screen writes contacts
    const hits = byContact(rows, Number(q.slice(1)));
    return hits.length > 0 ? result('contact_id', hits) : { kind: 'none', nearest: [] };
  }
  if (/^\d+$/.test(q)) {
    const id = Number(q);
    const hits = rows.filter((r) => r.user.ufId === id);
    const byUsername = rows.filter((r) => r.user.username.trim() === q);
    if (hits.length > 0) return result('uf_id', hits, byUsername);
    if (byUsername.length > 0) return result('username', byUsername);
    // (not a contact id: a uf_id gone from the export still has its link to explain, and a user
    // found by a contact id where a uf_id was meant would not say so; `#N` asks for that)
    return { kind: 'none', nearest: nearestIds(rows, id, NEAREST_COUNT) };
  }
  const key = emailKey(q);
  // a username is compared as written, case aside (emailKey folds accents as the database compares addresses)
  const lower = q.trim().toLowerCase();
  if (key !== '') {
    const byEmail = rows.filter((r) => r.user.emailKey === key);
    // a username that is this very address (Joomla and WordPress allow it) is listed too
    if (byEmail.length > 0) {
      const named = rows.filter((r) => r.user.username.trim().toLowerCase() === lower && !byEmail.includes(r));
      return byEmail.length === 1 ? result('email', byEmail, named) : result('email', [...byEmail, ...named]);
    }
    const byUsername = rows.filter((r) => r.user.username.trim().toLowerCase() === lower);
    if (byUsername.length > 0) return result('username', byUsername, textHits(rows, q));
    const byText = textHits(rows, q);
    if (byText.length > 0) return result('text', byText);
  }
  return { kind: 'none', nearest: nearestUsers(rows, q, NEAREST_COUNT) };
}

function result(by: MatchedBy, hits: readonly UserPlan[], looser: readonly UserPlan[] = []): QueryResult {
  if (hits.length !== 1) return { kind: 'many', by, rows: hits };
  const row = hits[0]!;
  return { kind: 'one', by, row, also: looser.filter((r) => r !== row) };
}

function textHits(rows: readonly UserPlan[], q: string): UserPlan[] {
  const lower = q.toLowerCase();
  const words = foldName(q).split(' ').filter(Boolean);
  const hits: UserPlan[] = [];
  for (const r of rows) {
    const u = r.user;
    const name = userName(u);
    const plain = [name, u.displayName, u.username, u.emailKey];
    if (plain.some((s) => s.toLowerCase().includes(lower))) {
      hits.push(r);
      continue;
    }
    if (words.length === 0) continue;
    const folded = plain.map(foldName).join(' | ');
    if (words.every((w) => folded.includes(w))) hits.push(r);
  }
  return hits;
}

/** For a uf_id that is not there: the users whose uf_ids are closest (distance = |difference|). */
export function nearestIds(rows: readonly UserPlan[], id: number, count: number): NearestUser[] {
  const best: NearestUser[] = [];
  for (const r of rows) {
    const d = Math.abs(r.user.ufId - id);
    let i = best.length;
    while (i > 0 && (best[i - 1]!.distance > d || (best[i - 1]!.distance === d && best[i - 1]!.row.user.ufId > r.user.ufId))) i--;
    if (i >= count) continue;
    best.splice(i, 0, { row: r, distance: d });
    if (best.length > count) best.pop();
  }
  return best;
}

/**
 * The `count` users nearest to the query: the smallest edit distance between the query and the
 * user's email key, lowercased username, or folded name (folded query). Ties keep export order.
 * The running bound keeps this a quick pass even over a very large export.
 */
export function nearestUsers(rows: readonly UserPlan[], query: string, count: number): NearestUser[] {
  const key = emailKey(query);
  const folded = foldName(query);
  const best: NearestUser[] = [];
  if (count <= 0 || (key === '' && folded === '')) return best;
  for (const r of rows) {
    const u = r.user;
    // a candidate must beat the current worst of a full list (ties keep the earlier user)
    let bound = best.length === count ? best[best.length - 1]!.distance - 1 : Number.MAX_SAFE_INTEGER;
    if (bound < 0) break;
    let d = Number.POSITIVE_INFINITY;
    const tries: [string, string][] = [
      [key, u.emailKey],
      [key, u.username.trim().toLowerCase()],
      [folded, foldName(userName(u))],
    ];
    for (const [a, b] of tries) {
      if (a === '' || b === '') continue;
      const max = Math.min(bound, Math.max(a.length, b.length));
      const v = boundedLevenshtein(a, b, max);
      if (v <= max && v < d) {
        d = v;
        bound = v;
      }
    }
    if (!Number.isFinite(d)) continue;
    let i = best.length;
    while (i > 0 && best[i - 1]!.distance > d) i--;
    best.splice(i, 0, { row: r, distance: d });
    if (best.length > count) best.pop();
  }
  return best;
}
