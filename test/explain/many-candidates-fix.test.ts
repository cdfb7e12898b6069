/**
 * explain for a user with many look-alike contacts: the likeliest first (the warnings of typo,
 * alias and name candidates by score), full fix steps for the best few only, the rest named in
 * one step; and a typo of someone with another name is not called "most likely a typo".
 * A support person used to get 29 steps for one user, led by the typos of strangers' addresses.
 */
import { describe, expect, it } from 'vitest';
import { ALMOST_CERTAIN, FULL_FIX_CANDIDATES } from '../../src/explain/explainUser.js';
import { build, contact, named, person, user } from './fixtures.js';

const lea = person('Léa', 'Mitchell');
const strangers = [
  contact(10, 'skymoon89@gmail.com', named('Sigríður', 'Díaz')),
  contact(11, 'skymoon28@gmail.com', named('Søren', 'Salroley')),
  contact(12, 'skymoon7@gmail.com', named('Paul', 'Kennedy')),
];
const namesakes = [
  contact(20, 'lea.mitchell@gmx.de', named('Léa', 'Mitchell')),
  contact(21, 'leamitchell331@hotmail.com', named('Léa', 'Mitchell')),
  contact(22, 'lea.mitchell@bluewin.ch', named('Léa', 'Mitchell')),
  contact(23, 'leamitchell868@gmail.com', named('Léa', 'Mitchell')),
];

describe('explain: a user with many look-alike contacts', () => {
  it('names a stranger\'s close address as such, not as a likely typo', () => {
    const e = build([user(1, 'skymoon88@gmail.com', lea)], [strangers[0]!]).explain(1);
    const w = e.warnings.find((x) => x.code === 'email-typo')!;
    expect(w.explanation).toContain('it could be a typo, but contact 10 (Sigríður Díaz) has another name than the user (Léa Mitchell)');
    expect(w.explanation).not.toContain('most likely');
    expect(e.candidates[0]!.why).toContain('is close to it, 1 edit away in the part before the @, but another name than the user');
  });

  it('says "most likely a typo" when the contact has the user\'s name', () => {
    const e = build([user(1, 'skymoon88@gmail.com', lea)], [contact(30, 'skymoon89@gmail.com', named('Léa', 'Mitchell'))]).explain(1);
    expect(e.warnings[0]!.explanation).toContain('most likely a typo, as contact 30 (Léa Mitchell) also has the user\'s name');
  });

  it('lists the warnings best first and gives full steps to the best three only', () => {
    const e = build([user(1, 'skymoon88@gmail.com', lea)], [...strangers, ...namesakes]).explain(1);
    expect(FULL_FIX_CANDIDATES).toBe(3);
    // the namesakes (0.70) before the strangers' close addresses (0.55, 0.55, 0.45)
    expect(e.warnings.map((w) => w.contact_id)).toEqual([20, 21, 22, 23, 10, 11, 12]);
    const asked = e.fix.filter((s) => s.text.startsWith('Ask the user'));
    expect(asked.map((s) => s.text)).toEqual([
      'Ask the user whether lea.mitchell@gmx.de is (or was) their address.',
      'Ask the user whether leamitchell331@hotmail.com is (or was) their address.',
      'Ask the user whether lea.mitchell@bluewin.ch is (or was) their address.',
    ]);
    const rest = e.fix.filter((s) => s.text.startsWith('Only if none of the contacts above'));
    expect(rest).toHaveLength(1);
    expect(rest[0]!.text).toContain('contact 23 (Léa Mitchell): another email, leamitchell868@gmail.com; contact 10 (Sigríður Díaz)');
    expect(rest[0]!.text).toContain('contact 12 (Paul Kennedy): a close address, skymoon7@gmail.com.');
    expect(e.fix.length).toBeLessThanOrEqual(12);
    // "create one" once, after every look-alike, never between them
    const create = e.fix.findIndex((s) => s.text.includes('ufmatch review: c'));
    expect(e.fix.filter((s) => s.text.includes('ufmatch review: c'))).toHaveLength(1);
    expect(create).toBeGreaterThan(e.fix.findIndex((s) => s.text.startsWith('Only if none')));
    expect(e.fix[create]!.text).toContain('If none of these contacts is the user, they are not in CiviCRM yet');
  });

  it('a review whose proposal carries the user\'s email and name says so first', () => {
    const dov = named('Dov', 'Xu');
    // two contacts carry the address, both with the user's name: the operator's call, ufmatch's proposal first
    const e = build(
      [user(17, 'hotel@ex.org', { ...person('Dov', 'Xu'), username: 'f17' })],
      [contact(11, [{ email: 'echo@ex.org', primary: true }, { email: 'hotel@ex.org', primary: false }], dov), contact(12, [{ email: 'hotel@ex.org', primary: false }], dov)],
    ).explain(17);
    expect(e.fix[0]!.text).toBe("ufmatch's proposal is contact 11 (Dov Xu), which carries the user's email and has their name: unless a step below shows it is someone else, link it in the ufmatch review (y).");
  });

  it('when the best is all but certain (same mailbox and name), only it gets full steps', () => {
    const alias = contact(40, 'skymoon88+civi@gmail.com', named('Léa', 'Mitchell'));
    const e = build([user(1, 'skymoon88@gmail.com', lea)], [alias, ...strangers, ...namesakes]).explain(1);
    expect(e.candidates[0]!.score).toBeGreaterThanOrEqual(ALMOST_CERTAIN);
    expect(e.warnings[0]).toMatchObject({ code: 'alias-email', contact_id: 40 });
    expect(e.fix[0]!.text).toMatch(/^Add skymoon88@gmail.com to contact 40 \(Léa Mitchell\)/);
    expect(e.fix.some((s) => s.text.startsWith('Ask the user'))).toBe(false);
    const rest = e.fix.find((s) => s.text.startsWith('Only if none of the contacts above'))!;
    for (const id of [10, 11, 12, 20, 21, 22, 23]) expect(rest.text).toContain(`contact ${id} (`);
  });

  it('a user with three look-alikes or fewer keeps every full step', () => {
    const e = build([user(1, 'skymoon88@gmail.com', lea)], strangers).explain(1);
    expect(e.fix.filter((s) => s.text.startsWith('Ask the user'))).toHaveLength(3);
    expect(e.fix.some((s) => s.text.startsWith('Only if none'))).toBe(false);
  });
});
