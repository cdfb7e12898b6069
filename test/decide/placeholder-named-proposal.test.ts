/**
 * A placeholder address on more contacts than a user keeps as candidates (MAX_CANDIDATES), two
 * of them with the user's name: the review proposes the best of those not held by another user
 * (README: "its best usable candidate carrying both the user's email and name — one not held by
 * another user first"). Only a single contact of the name was kept past the cut, so with two the
 * proposal fell to a contact of another name (or to a namesake held by a link), though a free
 * one of the user's name carried the email (from-spec oracle, placeholder cases: Eva Ekberg was
 * proposed contact 17, linked to user 207, not the free Eva Ekberg 93).
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { MAX_CANDIDATES } from '../../src/decide/exactCandidates.js';
import { contact, dataset, link, user } from '../helpers/build.js';

const PH = 'noemail@example.org';
const eva = { firstName: 'Eva', lastName: 'Ekberg' };

function others(n: number) {
  // primary carriers of other names: 0.95 each, lower ids than the namesakes — they fill the cut
  return Array.from({ length: n }, (_, i) => contact(i + 1, PH, { firstName: `P${i + 1}`, lastName: `Q${i + 1}` }));
}
const home = (id: number) => contact(id, [{ email: `eva${id}@example.org`, primary: true }, { email: PH, primary: false }], eva);

describe("a placeholder's carriers past the candidates kept, two of them with the user's name", () => {
  it('the review proposes the free one of the name, kept among the candidates', () => {
    const plan = buildPlan(dataset([user(3, PH, eva)], [...others(MAX_CANDIDATES), home(30), home(40)]));
    const r = plan.rows[0]!;
    expect(r.decision).toMatchObject({ action: 'review', contactId: 30 });
    expect(r.candidates[0]).toMatchObject({ contactId: 30, nameAgrees: true });
  });

  it('a namesake held by a link is passed over for a free one', () => {
    const plan = buildPlan(dataset([user(3, PH, eva)], [...others(MAX_CANDIDATES), home(30), home(40)], [link(207, 30, 'other7@example.net')]));
    const r = plan.rows[0]!;
    expect(r.decision).toMatchObject({ action: 'review', contactId: 40 });
    expect(r.candidates.some((c) => c.contactId === 40)).toBe(true);
  });
});
