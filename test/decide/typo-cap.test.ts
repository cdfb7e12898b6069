/**
 * At most MAX_TYPO_MATCHES email-typo warnings per user: the best-scored (one edit before two,
 * the user's name before none), then the lowest contact ids, in the order they were found.
 * Addresses that differ only by a number put hundreds of contacts within two edits of a user;
 * a warning for each buried the operator and, at 40,000 such users, ran out of heap.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan, MAX_TYPO_MATCHES } from '../../src/decide/plan.js';
import { contact, dataset, user } from '../helpers/build.js';

const typos = (ws: readonly { code: string; contactId: number | null }[]) => ws.filter((w) => w.code === 'email-typo').map((w) => w.contactId);

describe('email-typo warnings per user', () => {
  it('a user with 40 contacts within two edits gets the best 5, then the lowest ids', () => {
    const contacts = [];
    // ids 200..161: member0100 … member0139; the user is member0155
    for (let i = 0; i < 40; i++) contacts.push(contact(200 - i, `member01${String(i).padStart(2, '0')}@club.org`));
    // two at one edit whose id is high, one of them with the user's name
    contacts.push(contact(900, 'member0155x@club.org'));
    contacts.push(contact(901, 'member015@club.org', { firstName: 'Ann', lastName: 'Lee' }));
    const plan = buildPlan(dataset([user(1, 'member0155@club.org', { firstName: 'Ann', lastName: 'Lee' })], contacts));
    const r = plan.rows[0]!;
    expect(MAX_TYPO_MATCHES).toBe(5);
    const got = typos(r.warnings);
    expect(got).toHaveLength(5);
    // one edit: 901 (a deletion, and the user's name: 0.9), 900 (an insertion: 0.8), and
    // member0105/0115/0125/0135 (ids 195, 185, 175, 165: 0.8); the other 36 are two edits (0.7).
    // The best 5: 901, then the four lowest ids at 0.8, so 900 is the one left out.
    expect([...got].sort((a, b) => a! - b!)).toEqual([165, 175, 185, 195, 901]);
    expect(r.candidates.slice(0, 2).map((c) => c.contactId)).toEqual([901, 165]);
  });

  it('with 5 or fewer hits every one is kept, in the order found', () => {
    const contacts = [contact(30, 'anne@exmaple.org'), contact(20, 'anne@examle.org'), contact(10, 'anne@exampel.org')];
    const plan = buildPlan(dataset([user(1, 'anne@example.org')], contacts));
    expect(typos(plan.rows[0]!.warnings).sort()).toEqual([10, 20, 30]);
  });
});
