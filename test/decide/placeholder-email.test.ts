/**
 * A placeholder address (noemail@…, info@…) on many contacts and shared by many users: each
 * user keeps a bounded list of candidates (the best, and every one its decision takes), the
 * rest counted; the shared-email detail lists the first ids and counts the rest. Before, every
 * contact was a candidate of every such user: 3,000 users × 20,000 contacts ran out of heap
 * after four minutes, and one warning cell held 20,000 ids (a spreadsheet cuts a cell at 32,767
 * characters).
 */
import { describe, expect, it } from 'vitest';
import { MAX_CANDIDATES, SHARED_IDS_LISTED } from '../../src/decide/exactCandidates.js';
import { renderExplanationText } from '../../src/explain/render.js';
import { build, contact, named, person, user } from '../explain/fixtures.js';

const PLACEHOLDER = 'noemail@example.org';

function placeholderSite(contactsCarrying: number, usersSharing: number) {
  const contacts = [];
  for (let id = 1; id <= contactsCarrying; id++) contacts.push(contact(id, PLACEHOLDER, id === 45 ? named('Ann', 'Lee') : named(`P${id}`, `Q${id}`)));
  const users = [user(1, PLACEHOLDER, person('Ann', 'Lee'))];
  for (let ufId = 2; ufId <= usersSharing; ufId++) users.push(user(ufId, PLACEHOLDER));
  return build(users, contacts);
}

describe('a placeholder email on many contacts, shared by many users', () => {
  const site = placeholderSite(60, 30);

  it('keeps at most the best candidates and the proposed one, and counts the rest', () => {
    expect(MAX_CANDIDATES).toBe(20);
    for (const r of site.plan.rows) {
      expect(r.candidates.length).toBeLessThanOrEqual(MAX_CANDIDATES + 4);
      expect(r.candidates.length + (r.moreCandidates ?? 0)).toBe(60);
      // `y` accepts the proposal: it is always among the candidates
      const p = r.proposal;
      expect(p.action).toBe('review');
      if (p.action === 'review') expect(r.candidates.some((c) => c.contactId === p.contactId)).toBe(true);
    }
  });

  it('proposes what it proposed with every candidate kept: the one with the name, then one free contact each', () => {
    const proposals = site.plan.rows.map((r) => (r.proposal.action === 'review' ? r.proposal.contactId : null));
    // user 1 has Ann Lee's contact (45, beyond the first 20); each later user the lowest contact no one holds
    const expected = [45];
    for (let id = 1; expected.length < 30; id++) if (id !== 45) expected.push(id);
    expect(proposals).toEqual(expected);
    expect(site.row(1).candidates[0]!.contactId).toBe(45);
    // user 30's proposal (29) ranks past the first 20 of its equals, and is listed
    const last = site.row(30);
    expect(last.candidates.slice(0, 20).map((c) => c.contactId)).toEqual([29, ...Array.from({ length: 19 }, (_, i) => i + 1)]);
    // the best 20 by score and id (1–20) and the proposal: 21 listed, 39 counted
    expect(last.candidates).toHaveLength(21);
    expect(last.moreCandidates).toBe(39);
  });

  it('lists the first contacts of shared-email in CiviCRM order and counts the rest', () => {
    const w = site.row(2).warnings.find((x) => x.code === 'shared-email');
    expect(w && w.code === 'shared-email' && w.contactIds).toEqual(Array.from({ length: SHARED_IDS_LISTED }, (_, i) => i + 1));
    expect(w && w.code === 'shared-email' && w.contactCount).toBe(60);
    expect(w!.detail).toMatch(/^60 contacts carry user 2's email \(1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 50 more\); /);
  });

  it('explain says how many candidates there are and how many it lists', () => {
    const e = site.explain(30);
    expect(e.more_candidates).toBe(39);
    expect(e.candidates).toHaveLength(21);
    const text = renderExplanationText(e, { color: false });
    expect(text).toContain('Candidate contacts (60; 21 listed)');
    expect(text).toContain('… and 39 more contacts that carry the user\'s email');
    expect(text).toContain('and 50 more');
  });

  it('a few carriers are all kept, and nothing is counted', () => {
    const small = placeholderSite(5, 3);
    for (const r of small.plan.rows) {
      expect(r.candidates).toHaveLength(5);
      expect(r.moreCandidates).toBeUndefined();
    }
  });
});
