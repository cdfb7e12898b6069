/** Which user(s) an explain QUERY names, and what an unknown query prints. */
import { describe, expect, it } from 'vitest';
import { MAX_LISTED, renderAlsoText, renderHitsText, renderNoneLine } from '../../src/explain/render.js';
import { nearestUsers, resolveQuery, userName, type QueryResult } from '../../src/explain/resolveQuery.js';
import { build, person, user } from './fixtures.js';

const b = build(
  [
    user(1, 'fiona@riverside-food-bank.org', { ...person('Fiona', 'Gallagher'), username: 'admin' }),
    user(18, ' Anna.Berg@Example.org ', { ...person('Anna', 'Berg'), username: 'aberg' }),
    user(38, 'kevin.doyle@eircom.net', { ...person('Kevin', 'Doyle'), username: 'kdoyle' }),
    user(40, 'rachel.moore@gmial.com', { displayName: 'rachelm84', username: 'rachelm84' }),
    user(48, 'sam.lee+civi@example.org', { displayName: 'sl2021', username: 'sl2021' }),
    user(52, 'Kevin.Doyle@eircom.net', { ...person('Kevin', 'Doyle'), username: 'kevindoyle2' }),
    user(55, 'jose.nunez@outlook.com', { ...person('José', 'Núñez'), username: 'jnunez' }),
    user(59, 'erik.l@outlook.com', { displayName: 'Lindqvist, Erik', username: 'erikl' }),
    user(61, '', { ...person('Roger', 'Grant'), username: 'rgrant' }),
    user(100, 'x@example.org', { ...person('Łukasz', 'Wiśniewski'), username: '40' }),
    user(101, 'jr@example.org', { ...person('José', 'Ruiz'), username: 'José' }),
    user(102, 'jose.r@example.org', { ...person('Jose', 'Rivera'), username: 'jrivera' }),
  ],
  [],
);
const rows = b.plan.rows;

function ids(r: QueryResult): number[] {
  if (r.kind === 'one') return [r.row.user.ufId];
  if (r.kind === 'many') return r.rows.map((x) => x.user.ufId);
  return [];
}

describe('resolveQuery', () => {
  it.each([
    ['uf_id', '40', 'uf_id', [40]],
    ['uf_id with spaces around', ' 55 ', 'uf_id', [55]],
    ['email, any case, with spaces', '  ANNA.berg@example.ORG  ', 'email', [18]],
    ['email exported with spaces', 'anna.berg@example.org', 'email', [18]],
    ['email shared by two users in two cases', 'KEVIN.DOYLE@eircom.net', 'email', [38, 52]],
    ['username, case-insensitive', 'KDoyle', 'username', [38]],
    ['a username with an accent, as written (not folded as addresses are)', 'josé', 'username', [101]],
    ['part of a name, accents folded from the query', 'Núñez', 'text', [55]],
    ['part of a name, accents folded in the data', 'nunez', 'text', [55]],
    ['first and last in "Last, First" order', 'Nunez, José', 'text', [55]],
    ['special letters folded (ł, ś)', 'lukasz wisniewski', 'text', [100]],
    ['part of a display name', 'lindqvist', 'text', [59]],
    ['part of an email', '@gmial', 'text', [40]],
    ['part of a username with letters', 'sl20', 'text', [48]],
    ['several users by name', 'doyle', 'text', [38, 52]],
  ] as const)('%s: %s', (_what, query, by, expected) => {
    const r = resolveQuery(rows, query);
    expect(r.kind).toBe(expected.length === 1 ? 'one' : 'many');
    if (r.kind !== 'none') expect(r.by).toBe(by);
    expect(ids(r)).toEqual(expected);
  });

  it('prefers an exact uf_id over a username made of the same digits, and names that user as also matching', () => {
    const r = resolveQuery(rows, '40');
    expect(ids(r)).toEqual([40]);
    expect(r.kind === 'one' && r.also.map((x) => x.user.ufId)).toEqual([100]);
  });

  it('an exact username comes with the users whose name, username or email holds it; an exact email alone', () => {
    const own = build(
      [
        user(1, 'ann@example.org', { ...person('Ann', 'Lee'), username: 'ann' }),
        user(5, 'leeann@example.org', { ...person('Leeann', 'Ray'), username: 'lee' }),
        user(7, 'bo.lee@example.org', { ...person('Bo', 'Park'), username: 'bop' }),
        user(9, 'zed@example.org', { ...person('Zed', 'Zorn'), username: 'zed' }),
      ],
      [],
    ).plan.rows;
    const r = resolveQuery(own, 'LEE');
    expect(r.kind === 'one' && [r.by, r.row.user.ufId, r.also.map((x) => x.user.ufId)]).toEqual(['username', 5, [1, 7]]);
    const e = resolveQuery(own, 'ann@example.org');
    expect(e.kind === 'one' && [e.by, e.also]).toEqual(['email', []]);
    const z = resolveQuery(own, 'zed');
    expect(z.kind === 'one' && z.also).toEqual([]); // zed@… is the user's own email
    const text = renderAlsoText('LEE', r.kind === 'one' ? r.also : [], { color: false });
    expect(text).toBe('\nAlso matching "LEE"\n  uf_id 1 (Ann Lee), 7 (Bo Park) — explain one of them by its uf_id.\n');
    expect(renderAlsoText('zed', [], { color: false })).toBe('');
  });

  it('an exact email comes with a user whose username is that address (Joomla allows it)', () => {
    const own = build(
      [user(4, 'ann@x.org', { ...person('Ann', 'Lee'), username: 'annlee' }), user(9, 'other@x.org', { ...person('Bo', 'Ray'), username: 'Ann@x.org' })],
      [],
      [],
      'joomla',
    ).plan.rows;
    const r = resolveQuery(own, 'ann@x.org');
    expect(r.kind === 'one' && [r.by, r.row.user.ufId, r.also.map((x) => x.user.ufId)]).toEqual(['email', 4, [9]]);
    // two users with the address: the one named by it is listed with them
    const two = build(
      [user(4, 'ann@x.org', { username: 'a' }), user(5, 'ANN@x.org', { username: 'b' }), user(9, 'other@x.org', { username: 'ann@x.org' })],
      [],
    ).plan.rows;
    expect(ids(resolveQuery(two, 'ann@x.org'))).toEqual([4, 5, 9]);
  });

  it('an unknown query: none, with the nearest users by email or name', () => {
    const r = resolveQuery(rows, 'rachel.mooore@gmail.com');
    expect(r.kind).toBe('none');
    if (r.kind !== 'none') return;
    expect(r.nearest).toHaveLength(3);
    expect(r.nearest[0]!.row.user.ufId).toBe(40);
    expect(r.nearest[0]!.distance).toBe(3);
    const ds = r.nearest.map((n) => n.distance);
    expect([...ds].sort((a, c) => a - c)).toEqual(ds);
  });

  it('nearest by folded name for a misspelt name', () => {
    const r = resolveQuery(rows, 'Roger Grunt');
    expect(r.kind).toBe('none');
    if (r.kind === 'none') expect(r.nearest[0]!.row.user.ufId).toBe(61);
  });

  it('digits that are no uf_id never answer for a user whose username or email merely contains them', () => {
    for (const q of ['4', '2021', '84']) {
      const r = resolveQuery(rows, q);
      expect(r.kind, q).toBe('none');
    }
    // a username of digits only is still found whole (uf_id first, as above)
    const b2 = build([user(7, 'a@example.org', { ...person('Ann', 'Lee'), username: '2021' }), user(48, 'sl@example.org', { displayName: 'sl2021', username: 'sl2021' })], []);
    expect(ids(resolveQuery(b2.plan.rows, '2021'))).toEqual([7]);
  });

  it('an unknown uf_id: nearest by uf_id', () => {
    const r = resolveQuery(rows, '54');
    expect(r.kind).toBe('none');
    if (r.kind === 'none') expect(r.nearest.map((n) => n.row.user.ufId)).toEqual([55, 52, 59]);
  });

  it('nearestUsers keeps export order on ties and returns at most the count', () => {
    const n = nearestUsers(rows, 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', 2);
    expect(n).toHaveLength(2);
    expect(nearestUsers([], 'x', 3)).toEqual([]);
  });

  it('userName: first [middle] last, else the display name', () => {
    expect(userName(rows.find((r) => r.user.ufId === 55)!.user)).toBe('José Núñez');
    expect(userName(rows.find((r) => r.user.ufId === 59)!.user)).toBe('Lindqvist, Erik');
  });
});

describe('the list of several hits and the line for none', () => {
  it('lists each hit with uf_id, username, email, name and action', () => {
    const r = resolveQuery(rows, 'kevin.doyle@eircom.net');
    if (r.kind !== 'many') throw new Error('expected several hits');
    const text = renderHitsText('kevin.doyle@eircom.net', r.by, r.rows, { color: false });
    expect(text).toContain('2 users match "kevin.doyle@eircom.net" (by email)');
    const lines = text.split('\n');
    const l38 = lines.find((l) => /^\s+38\s/.test(l))!;
    const l52 = lines.find((l) => /^\s+52\s/.test(l))!;
    for (const w of ['kdoyle', 'kevin.doyle@eircom.net', 'Kevin Doyle', 'review', 'duplicate-user-email']) expect(l38).toContain(w);
    for (const w of ['kevindoyle2', 'Kevin.Doyle@eircom.net', 'Kevin Doyle', 'review']) expect(l52).toContain(w);
    expect(text).not.toContain('more');
  });

  it(`shows ${MAX_LISTED} hits and says how many more`, () => {
    const many = build(
      Array.from({ length: 25 }, (_, i) => user(200 + i, `volunteer${i}@example.org`, { ...person('Sam', `Volunteer${i}`), username: `vol${i}` })),
      [],
    );
    const r = resolveQuery(many.plan.rows, 'volunteer');
    if (r.kind !== 'many') throw new Error('expected several hits');
    expect(r.rows).toHaveLength(25);
    const text = renderHitsText('volunteer', r.by, r.rows, { color: false });
    expect(text).toContain('25 users match');
    expect(text).toContain(`showing ${MAX_LISTED} of 25`);
    expect(text).toContain('… and 5 more');
    expect(text.split('\n').filter((l) => /^\s+2\d\d\s/.test(l))).toHaveLength(MAX_LISTED);
  });

  it('none: one line naming the query and the nearest users', () => {
    const r = resolveQuery(rows, 'rachel.mooore@gmail.com');
    if (r.kind !== 'none') throw new Error('expected none');
    const line = renderNoneLine('rachel.mooore@gmail.com', r.nearest);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trimEnd().split('\n')).toHaveLength(1);
    expect(line).toMatch(/^ufmatch: no user matches "rachel\.mooore@gmail\.com"; nearest: 40 rachel\.moore@gmial\.com \(rachelm84\); /);
  });

  it('none with control characters in the query still prints one line', () => {
    const line = renderNoneLine('evil\nquery\x1b[31m', []);
    expect(line.trimEnd().split('\n')).toHaveLength(1);
    expect(line).not.toContain('\x1b');
    expect(line).toContain('the users export is empty');
  });
});
