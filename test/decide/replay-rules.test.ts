/**
 * A decisions file (or a resumed journal) is held to the review's own rules
 * (decide/operatorRules.ts): what the TUI refuses, a replay does not apply. And a user whose
 * latest entry is not applied goes back to ufmatch's proposal, not to the entry it replaced.
 * Each of these once let links.csv state a link that uf_match.sql can never insert.
 */
import { describe, expect, it } from 'vitest';
import { applyJournal, type JournalEntry } from '../../src/decide/journal.js';
import { buildPlan } from '../../src/decide/plan.js';
import { contactFacts, contactList } from '../../src/domain/contactList.js';
import { ufMatchSql } from '../../src/output/ufMatchSql.js';
import { contact, dataset, link, user } from '../helpers/build.js';

let line = 2;
const entry = (ufId: number, email: string, action: JournalEntry['action'], contactId: number | null): JournalEntry => ({
  ufId, email, action, contactId, decidedAt: '2026-11-22T10:00:00.000Z', line: line++,
});

function replay(data: ReturnType<typeof dataset>, entries: JournalEntry[]) {
  const plan = buildPlan(data);
  return { plan, ...applyJournal(plan, entries, contactFacts(contactList([...data.contacts])), 'decisions-file', data.links) };
}

describe('a replay keeps to the operator rules', () => {
  const ann = () => dataset(
    [user(1, 'ann@example.org', { firstName: 'Ann', lastName: 'Lee' }), user(2, 'bob@example.org')],
    [contact(10, 'ann@example.org'), contact(11, 'ann.lee@example.org', { firstName: 'Ann', lastName: 'Lee' })],
    [link(1, 10, 'ann@example.org')],
  );

  it.each([
    ['link', 11],
    ['create', null],
    ['skip', null],
  ] as const)('a user with an existing link stays keep: a %s entry is refused', (action, contactId) => {
    const r = replay(ann(), [entry(1, 'ann@example.org', action, contactId)]);
    expect(r.applied).toBe(0);
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'has-link', ufId: 1 })]);
    expect(r.problems[0]!.detail).toContain('already has a link to contact 10 in CiviCRM');
    expect(r.plan.rows[0]!.decision).toMatchObject({ action: 'keep', contactId: 10 });
  });

  it('a link entry the existing link already makes is fulfilled, not refused: a journal replayed after its uf_match.sql was loaded', () => {
    const r = replay(ann(), [entry(1, 'ann@example.org', 'link', 10)]);
    expect(r.problems).toEqual([]);
    expect(r.applied).toBe(1);
    expect(r.plan.rows[0]!.decision).toMatchObject({ action: 'keep', contactId: 10, reason: 'existing-link', decidedBy: 'auto' });
  });

  it('the contact of an existing link is not given to another user, and the message says it is linked in CiviCRM', () => {
    const r = replay(ann(), [entry(2, 'bob@example.org', 'link', 10)]);
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'conflict', ufId: 2 })]);
    expect(r.problems[0]!.detail).toBe('contact 10 is already linked to user 1 in CiviCRM');
  });

  it('a refused entry for the linked user does not release its contact to a later entry', () => {
    const r = replay(ann(), [entry(1, 'ann@example.org', 'link', 11), entry(2, 'bob@example.org', 'link', 10)]);
    expect(r.problems.map((p) => p.kind)).toEqual(['has-link', 'conflict']);
    expect(r.plan.rows[0]!.decision).toMatchObject({ action: 'keep', contactId: 10 });
    expect(r.plan.rows[1]!.decision.action).not.toBe('link');
  });

  // what a user of the export holds through its link, beyond its keep (found by an audit: both
  // applied, and uf_match.sql's NOT EXISTS then inserted nothing for them, without a word)
  it('a uf_name the linked user no longer has as its email is still theirs in CiviCRM: no other user links with it', () => {
    const data = dataset(
      [user(7, 'seven@example.org'), user(8, 'old7@example.org')],
      [contact(16, 'seven@example.org'), contact(17, 'old7@example.org')],
      [link(7, 16, 'old7@example.org')],
    );
    for (const [action, contactId] of [['link', 17], ['create', null]] as const) {
      const r = replay(data, [entry(8, 'old7@example.org', action, contactId)]);
      expect(r.problems).toEqual([expect.objectContaining({ kind: 'conflict', ufId: 8 })]);
      expect(r.plan.rows[1]!.decision.action).toBe('review');
    }
  });

  it('the contact of a second link row of one uf_id is linked in CiviCRM: no other user links to it', () => {
    const data = dataset(
      [user(7, 'seven@example.org'), user(9, 'nine@example.org')],
      [contact(16, 'seven@example.org'), contact(18, 'nine@example.org')],
      [link(7, 16, 'seven@example.org'), link(7, 18, 'seven.b@example.org')],
    );
    const r = replay(data, [entry(9, 'nine@example.org', 'link', 18)]);
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'conflict', ufId: 9 })]);
    expect(r.problems[0]!.detail).toBe('contact 18 is already linked to user 7 in CiviCRM');
    expect(r.plan.rows[1]!.decision.action).not.toBe('link');
  });

  it('a contact that only the plan gives to another user is named as the plan, not as a link', () => {
    const data = dataset([user(1, 'ann@example.org'), user(2, 'bob@example.org')], [contact(10, 'ann@example.org')]);
    const r = replay(data, [entry(2, 'bob@example.org', 'link', 10)]);
    expect(r.plan.rows[0]!.decision).toMatchObject({ action: 'link', contactId: 10, decidedBy: 'auto' });
    expect(r.problems[0]!.detail).toBe('the plan already gives contact 10 to user 1 (decide that user otherwise first)');
    // decided the other way first, the same entry applies
    const r2 = replay(data, [entry(1, 'ann@example.org', 'create', null), entry(2, 'bob@example.org', 'link', 10)]);
    expect(r2.problems).toEqual([]);
    expect(r2.plan.rows[1]!.decision).toMatchObject({ action: 'link', contactId: 10, decidedBy: 'decisions-file' });
  });

  it('users without an email, or with an invalid one, are neither linked nor given a new contact', () => {
    const data = dataset([user(1, ''), user(2, ''), user(3, 'not an address')], [contact(10, 'x@example.org'), contact(11, 'y@example.org')]);
    const r = replay(data, [entry(1, '', 'link', 10), entry(2, '', 'link', 11), entry(3, 'not an address', 'create', null), entry(2, '', 'skip', null)]);
    expect(r.problems.map((p) => [p.kind, p.ufId])).toEqual([['no-email', 1], ['no-email', 2], ['no-email', 3]]);
    expect(r.plan.rows.map((x) => x.decision.action)).toEqual(['skip', 'skip', 'skip']);
    expect(r.plan.rows[1]!.decision.decidedBy).toBe('auto'); // the skip entry equals the proposal
    expect(ufMatchSql(r.plan, 'test')).not.toContain('INSERT');
  });

  it.each([
    ['a trashed contact', { deleted: true }, 'contact 12 is in the trash'],
    ['an Organization', { type: 'Organization' as const }, 'contact 12 is an Organization, not an Individual'],
  ])('a link to %s is refused', (_what, extra, words) => {
    const data = dataset([user(1, 'ann@example.org')], [contact(12, 'other@example.org', extra)]);
    const r = replay(data, [entry(1, 'ann@example.org', 'link', 12)]);
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'contact-unusable' })]);
    expect(r.problems[0]!.detail).toContain(words);
    expect(r.plan.rows[0]!.decision.action).toBe('create');
  });

  it('a link that names no contact says so', () => {
    const data = dataset([user(1, 'ann@example.org')], [contact(12, 'other@example.org')]);
    const r = replay(data, [entry(1, 'ann@example.org', 'link', null)]);
    expect(r.problems[0]).toMatchObject({ kind: 'contact-gone', detail: 'the link names no contact (contact_id is empty)' });
  });
});

describe('a refused latest entry', () => {
  const data = () => dataset(
    [user(1, 'ann@example.org', { firstName: 'Ann', lastName: 'Lee' })],
    [contact(10, 'ann.lee@example.org', { firstName: 'Ann', lastName: 'Lee' }), contact(11, 'ann@example.org', { firstName: 'Ann', lastName: 'Leigh' }), contact(12, 'ann2@example.org')],
  );

  it('leaves the user on ufmatch proposal, not on the earlier entry it replaced', () => {
    const r = replay(data(), [entry(1, 'ann@example.org', 'link', 10), entry(1, 'ann@example.org', 'link', 77)]);
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'contact-gone', ufId: 1 })]);
    expect(r.plan.rows[0]!.decision).toBe(r.plan.rows[0]!.proposal);
    expect(r.plan.rows[0]!.decision).toMatchObject({ action: 'link', contactId: 11, decidedBy: 'auto' });
  });

  it('an earlier valid entry of that user is replaced: it neither applies nor holds what it links', () => {
    const two = dataset([user(1, 'ann@example.org'), user(2, 'bob@example.org')], [contact(10, 'x@example.org'), contact(11, 'y@example.org')]);
    const r = replay(two, [entry(1, 'ann@example.org', 'link', 10), entry(2, 'bob@example.org', 'link', 10), entry(1, 'ann@example.org', 'link', 99)]);
    expect(r.problems.map((p) => [p.kind, p.ufId])).toEqual([['contact-gone', 1]]);
    expect(r.plan.rows[1]!.decision).toMatchObject({ action: 'link', contactId: 10, decidedBy: 'decisions-file' });
    expect(r.plan.rows[0]!.decision).toBe(r.plan.rows[0]!.proposal);
  });

  it('and a valid entry after it applies again', () => {
    const r = replay(data(), [entry(1, 'ann@example.org', 'link', 77), entry(1, 'ann@example.org', 'link', 12)]);
    expect(r.plan.rows[0]!.decision).toMatchObject({ action: 'link', contactId: 12, decidedBy: 'decisions-file' });
  });

  it('does not stop another user from taking what its proposal links: that user is decided, this one goes to review', () => {
    // the tmux sweep's case: user 29 (proposal: link 135 by email) was linked to 136 and user 4
    // to 135; then contact 136 left the export
    const two = dataset(
      [user(29, 'hendersons@example.org'), user(4, 'mark.h@example.org', { firstName: 'Mark', lastName: 'Henderson' })],
      [contact(135, 'hendersons@example.org', { firstName: 'Mark', lastName: 'Henderson' })],
    );
    // in either order: user 29's only entry cannot stand, so it holds nothing from the start
    for (const order of [[0, 1], [1, 0]]) {
      const lines = [entry(29, 'hendersons@example.org', 'link', 136), entry(4, 'mark.h@example.org', 'link', 135)];
      const r = replay(two, order.map((k) => lines[k]!));
      expect(r.plan.rows[0]!.proposal).toMatchObject({ action: 'link', contactId: 135 });
      expect(r.problems.map((p) => p.kind)).toEqual(['contact-gone']);
      expect(r.plan.rows[1]!.decision).toMatchObject({ action: 'link', contactId: 135, decidedBy: 'decisions-file' });
      expect(r.plan.rows[0]!.decision).toMatchObject({ action: 'review', contactId: 135, decidedBy: 'auto' });
    }
  });

  it('goes to review when another user has since taken what the proposal links', () => {
    const two = dataset(
      [user(1, 'ann@example.org'), user(2, 'bob@example.org')],
      [contact(11, 'ann@example.org'), contact(20, 'bob@example.org')],
    );
    const r = replay(two, [entry(1, 'ann@example.org', 'create', null), entry(2, 'bob@example.org', 'link', 11), entry(1, 'ann@example.org', 'link', 99)]);
    expect(r.plan.rows[1]!.decision).toMatchObject({ action: 'link', contactId: 11, decidedBy: 'decisions-file' });
    expect(r.plan.rows[0]!.decision).toMatchObject({ action: 'review', contactId: 11, decidedBy: 'auto' });
  });
});
