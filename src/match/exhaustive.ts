/**
 * The reference: the same fuzzy rules checked against every contact, with no index.
 * Quadratic; used only by tests to prove that the blocking loses nothing.
 */
import type { Contact } from '../domain/types.js';
import { isUsable } from './contactIndex.js';
import type { AliasHit, NameHit, TypoHit } from './fuzzy.js';
import { nameKey, type NameKey } from './names.js';
import { emailAlias, emailTypo, nameRelation } from './predicates.js';

export function exhaustiveAliasHits(contacts: readonly Contact[], userKey: string): AliasHit[] {
  const hits: AliasHit[] = [];
  contacts.forEach((c, pos) => {
    if (!isUsable(c)) return;
    const seen = new Set<string>();
    for (const e of c.emails) {
      if (!seen.has(e.key) && emailAlias(userKey, e.key)) {
        seen.add(e.key);
        hits.push({ pos, key: e.key, primary: e.primary });
      }
    }
  });
  return hits.sort((a, b) => a.pos - b.pos || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function exhaustiveTypoHits(contacts: readonly Contact[], userKey: string): TypoHit[] {
  const hits: TypoHit[] = [];
  contacts.forEach((c, pos) => {
    if (!isUsable(c)) return;
    const seen = new Set<string>();
    for (const e of c.emails) {
      if (seen.has(e.key)) continue;
      seen.add(e.key);
      const m = emailTypo(userKey, e.key);
      if (m) hits.push({ pos, key: e.key, part: m.part, distance: m.distance });
    }
  });
  return hits.sort((a, b) => a.pos - b.pos || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function exhaustiveNameHits(contacts: readonly Contact[], name: NameKey): NameHit[] {
  const hits: NameHit[] = [];
  contacts.forEach((c, pos) => {
    if (!isUsable(c)) return;
    const k = nameKey(c.firstName, c.lastName, c.displayName);
    const rel = nameRelation(name.first, name.last, k.first, k.last);
    if (rel) hits.push({ pos, relation: rel });
  });
  return hits;
}
