/**
 * The blocking indexes find exactly what comparing every user with every contact finds.
 */
import { describe, expect, it } from 'vitest';
import { contactList } from '../../src/domain/contactList.js';
import { buildContactIndex } from '../../src/match/contactIndex.js';
import { aliasHits, nameHits, typoHits } from '../../src/match/fuzzy.js';
import { exhaustiveAliasHits, exhaustiveNameHits, exhaustiveTypoHits } from '../helpers/exhaustive.js';
import { nameKey } from '../../src/match/names.js';
import { contact } from '../helpers/build.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FIRST = ['anna', 'ben', 'chloé', 'dario', 'eva', 'jo', 'li', 'maría', 'noah', 'zoë', 'katherine', 'ōtis'];
const LAST = ['smith', 'núñez', 'wu', 'brontë', 'lindqvist', 'o\'brien', 'thompson', 'ng', 'garcia', 'kowalski'];
const DOMAINS = ['gmail.com', 'googlemail.com', 'example.org', 'exmaple.org', 'yahoo.co.uk', 'a.io', 'riverside-food-bank.org'];

function mutate(r: () => number, s: string): string {
  const i = Math.floor(r() * s.length);
  const op = Math.floor(r() * 4);
  const c = 'abcdefghijklmnopqrstuvwxyz.+'[Math.floor(r() * 28)]!;
  if (op === 0) return s.slice(0, i) + s.slice(i + 1);
  if (op === 1) return s.slice(0, i) + c + s.slice(i);
  if (op === 2) return s.slice(0, i) + c + s.slice(i + 1);
  return i + 1 < s.length ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : s;
}

function makeEmail(r: () => number, f: string, l: string): string {
  const local = [f, l].join(r() < 0.5 ? '.' : '').normalize('NFD').replace(/[^a-z.]/g, '');
  let e = `${local || 'x'}${r() < 0.3 ? Math.floor(r() * 99) : ''}@${DOMAINS[Math.floor(r() * DOMAINS.length)]}`;
  if (r() < 0.4) e = mutate(r, e);
  if (r() < 0.2) e = mutate(r, e);
  if (r() < 0.1) e = e.replace('@', '+news@');
  return e;
}

describe('fuzzy look-ups equal an exhaustive comparison', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: alias, typo and name hits for 400 queries over 1,500 contacts`, () => {
      const r = rng(seed);
      const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
      const contacts = Array.from({ length: 1500 }, (_, i) => {
        const f = pick(FIRST);
        const l = pick(LAST);
        const emails = [makeEmail(r, f, l)];
        if (r() < 0.3) emails.push(makeEmail(r, f, l));
        return contact(i + 1, emails, {
          firstName: r() < 0.1 ? mutate(r, f) : f,
          lastName: l,
          deleted: r() < 0.05,
          type: r() < 0.05 ? 'Organization' : 'Individual',
        });
      });
      const ix = buildContactIndex(contactList(contacts));
      let typo = 0;
      let alias = 0;
      let name = 0;
      for (let q = 0; q < 400; q++) {
        const f = pick(FIRST);
        const l = pick(LAST);
        const key = makeEmail(r, f, l).toLowerCase();
        const got = typoHits(ix, key);
        expect(got).toEqual(exhaustiveTypoHits(contacts, key));
        typo += got.length;
        const a = aliasHits(ix, key);
        expect(a).toEqual(exhaustiveAliasHits(contacts, key));
        alias += a.length;
        const nk = nameKey(r() < 0.2 ? mutate(r, f) : f, r() < 0.2 ? mutate(r, l) : l, '');
        const n = nameHits(ix, nk);
        expect(n).toEqual(exhaustiveNameHits(contacts, nk));
        name += n.length;
      }
      // the comparison must have had something to compare
      expect(typo).toBeGreaterThan(20);
      expect(alias).toBeGreaterThan(5);
      expect(name).toBeGreaterThan(50);
    });
  }
});
