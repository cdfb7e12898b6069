/**
 * CiviCRM's own linking behaviours (SPEC §3) and ufmatch's decisions (SPEC §4), one case each.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import type { UserPlan } from '../../src/domain/decisions.js';
import { contact, dataset, link, user } from '../helpers/build.js';

const codes = (r: UserPlan) => r.warnings.map((w) => w.code);
const row = (rows: readonly UserPlan[], ufId: number) => rows.find((r) => r.user.ufId === ufId)!;

describe('CiviCRM behaviours', () => {
  it('an existing link wins even when the emails disagree', () => {
    const plan = buildPlan(dataset([user(1, 'new@example.org')], [contact(10, 'old@example.org'), contact(11, 'new@example.org')], [link(1, 10, 'old@example.org')]));
    const r = plan.rows[0]!;
    expect(r.decision).toMatchObject({ action: 'keep', contactId: 10, reason: 'existing-link' });
    expect(r.civicrm).toEqual({ kind: 'keep', contactId: 10 });
    expect(codes(r)).toEqual(['stale-link']);
    // the contact that does carry the email is shown beside the link (not linked: CiviCRM keeps the link)
    expect(r.candidates.map((c) => [c.contactId, c.basis, c.score])).toEqual([[10, 'existing-link', 1], [11, 'exact-email', 0.95]]);
  });

  it('a link to a contact missing from the export shows the contacts carrying the email', () => {
    const plan = buildPlan(dataset([user(1, 'amy@example.org')], [contact(150, 'amy@example.org')], [link(1, 999, 'amy@example.org')]));
    const r = plan.rows[0]!;
    expect(codes(r)).toEqual(['orphan-link']);
    expect(r.decision).toMatchObject({ action: 'keep', contactId: 999 });
    expect(r.candidates.map((c) => [c.contactId, c.basis])).toEqual([[150, 'exact-email']]);
  });

  it('a link to a contact missing from the export whose uf_name differs from the email: stale-link as well as orphan-link (found by an outputs audit)', () => {
    const plan = buildPlan(dataset([user(4, 'solo@x.org'), user(5, 'kim@x.org')], [contact(300, 'solo@x.org')], [link(4, 999, 'sam.old@x.org'), link(5, 998, 'Kim@X.org ')]));
    const r = plan.rows[0]!;
    expect(r.warnings.map((w) => [w.code, w.contactId])).toEqual([['orphan-link', 999], ['stale-link', 999]]);
    expect(r.warnings[1]).toMatchObject({ why: 'uf-name-differs' });
    expect(r.warnings[1]!.detail).toMatch(/^the link's uf_name sam\.old@x\.org differs from user 4's email solo@x\.org; /);
    // case and trailing spaces aside, as the table's collation compares
    expect(codes(plan.rows[1]!)).toEqual(['orphan-link']);
  });

  it('a link to a trashed contact shows the contacts carrying the email; a sound link shows none', () => {
    const contacts = [contact(10, 'a@example.org', { deleted: true }), contact(12, 'a@example.org'), contact(8, 'a@example.org'), contact(11, 'b@example.org'), contact(13, ['x@example.org', 'b@example.org'])];
    const plan = buildPlan(dataset([user(1, 'a@example.org'), user(2, 'b@example.org')], contacts, [link(1, 10, 'a@example.org'), link(2, 11, 'b@example.org')]));
    // the link first, whatever the others score; then those, best first (8 and 12 score alike: lower id)
    expect(plan.rows[0]!.candidates.map((c) => c.contactId)).toEqual([10, 8, 12]);
    expect(plan.rows[0]!.decision).toMatchObject({ action: 'keep', contactId: 10 });
    expect(plan.rows[1]!.candidates.map((c) => c.contactId)).toEqual([11]);
  });

  it('a uf_id on two link rows: CiviCRM keeps the first (its look-up takes the first row), and the second still holds its contact', () => {
    const plan = buildPlan(dataset(
      [user(1, 'alice@example.org'), user(2, 'bob@example.org')],
      [contact(10, 'alice@example.org'), contact(11, 'bob@example.org')],
      [link(1, 10, 'alice@example.org'), link(1, 11, 'alice2@example.org')],
    ));
    expect(plan.rows[0]!.decision).toMatchObject({ action: 'keep', contactId: 10 });
    expect(plan.rows[0]!.civicrm).toEqual({ kind: 'keep', contactId: 10 });
    expect(row(plan.rows, 2).decision.action).toBe('review');
    expect(codes(row(plan.rows, 2))).toContain('contact-taken');
  });

  it('the one contact with the user’s email has another person’s name, and a contact has the user’s name: name-match ★, review (found by an outputs audit)', () => {
    const plan = buildPlan(dataset(
      [user(1, 'solo@x.org', { firstName: 'Sam', lastName: 'Solo' }), user(4, 'john.smyth@x.org', { firstName: 'John', lastName: 'Smyth' }), user(5, 'pat@x.org', { firstName: 'Pat', lastName: 'Lee' })],
      [
        contact(300, 'solo@x.org', { firstName: 'Other', lastName: 'Person' }),
        contact(301, 'sam@y.org', { firstName: 'Sam', lastName: 'Solo' }),
        contact(330, 'john.smyth@x.org', { firstName: 'John', lastName: 'Smyth' }),
        contact(331, 'john.smith@x.org', { firstName: 'John', lastName: 'Smyth' }),
        contact(340, 'pat@x.org', { firstName: 'Jo', lastName: 'Lee' }),
      ],
    ));
    const sam = row(plan.rows, 1);
    expect(sam.decision).toMatchObject({ action: 'review', contactId: 300 });
    expect(sam.warnings.map((w) => [w.code, w.contactId])).toEqual([['name-match', 301]]);
    expect(sam.candidates.map((c) => [c.contactId, c.basis])).toEqual([[300, 'exact-email'], [301, 'name-match']]);
    // the exact match has the user's name: its link stands, whoever else shares the name
    expect(row(plan.rows, 4).decision).toMatchObject({ action: 'link', contactId: 330 });
    expect(codes(row(plan.rows, 4))).toEqual([]);
    // another name, but no contact with the user's: nothing to weigh it against
    expect(row(plan.rows, 5).decision).toMatchObject({ action: 'link', contactId: 340 });
  });

  it('Foo@X.org matches foo@x.org', () => {
    const plan = buildPlan(dataset([user(1, 'Foo@X.org')], [contact(10, 'foo@x.org')]));
    expect(plan.rows[0]!.decision).toMatchObject({ action: 'link', contactId: 10, reason: 'exact-email' });
    expect(plan.rows[0]!.civicrm).toEqual({ kind: 'link', contactId: 10 });
  });

  it('a primary email beats a non-primary one, whatever the ids', () => {
    const contacts = [
      contact(5, [{ email: 'x@other.org', primary: true }, { email: 'a@example.org', primary: false }]),
      contact(9, [{ email: 'a@example.org', primary: true }]),
    ];
    const plan = buildPlan(dataset([user(1, 'a@example.org')], contacts));
    expect(plan.rows[0]!.civicrm).toEqual({ kind: 'link', contactId: 9 });
  });

  it('the lowest contact id wins among equals', () => {
    const plan = buildPlan(dataset([user(1, 'a@example.org')], [contact(30, 'a@example.org'), contact(20, 'a@example.org')]));
    expect(plan.rows[0]!.civicrm).toEqual({ kind: 'link', contactId: 20 });
    expect(codes(plan.rows[0]!)).toContain('shared-email');
    expect(plan.rows[0]!.decision.action).toBe('review');
  });

  it('a trashed-only match raises deleted-match and CiviCRM creates a duplicate', () => {
    const plan = buildPlan(dataset([user(1, 'a@example.org')], [contact(10, 'a@example.org', { deleted: true })]));
    const r = plan.rows[0]!;
    expect(codes(r)).toEqual(['deleted-match']);
    expect(r.warnings[0]!.contactId).toBe(10);
    expect(r.civicrm.kind).toBe('create');
    expect(r.decision).toMatchObject({ action: 'review', contactId: 10 });
  });

  it('an Organization-only match raises non-individual-match', () => {
    const plan = buildPlan(dataset([user(1, 'a@example.org')], [contact(10, 'a@example.org', { type: 'Organization' })]));
    expect(codes(plan.rows[0]!)).toEqual(['non-individual-match']);
    expect(plan.rows[0]!.civicrm.kind).toBe('create');
  });

  it('a match already linked to another user raises contact-taken; CiviCRM creates a new contact', () => {
    const plan = buildPlan(
      dataset([user(1, 'a@example.org'), user(2, 'b@example.org')], [contact(10, ['b@example.org', 'a@example.org'])], [link(2, 10, 'b@example.org')]),
    );
    const r = row(plan.rows, 1);
    expect(codes(r)).toContain('contact-taken');
    expect(r.warnings.find((w) => w.code === 'contact-taken')).toMatchObject({ contactId: 10, otherUfId: 2 });
    expect(r.civicrm).toEqual({ kind: 'create', takenContactId: 10, takenBy: 2 });
    expect(r.decision.action).toBe('review');
  });

  it('two users with one email get duplicate-user-email on both and never two links', () => {
    const plan = buildPlan(dataset([user(1, 'a@example.org'), user(2, 'A@Example.org')], [contact(10, 'a@example.org')]));
    for (const id of [1, 2]) {
      const r = row(plan.rows, id);
      expect(codes(r)).toContain('duplicate-user-email');
      expect(r.warnings.find((w) => w.code === 'duplicate-user-email')!.otherUfId).toBe(id === 1 ? 2 : 1);
      expect(r.decision.action).toBe('review');
    }
    // CiviCRM links the first and fails on the second (new contact + failed link, every login)
    expect(row(plan.rows, 1).civicrm).toEqual({ kind: 'link', contactId: 10 });
    // the contact 10 has the email as its primary and a lower id: every later login picks it
    // again, finds it linked and creates yet another contact
    expect(row(plan.rows, 2).civicrm).toEqual({ kind: 'create-unlinked', conflictUfId: 1, takenContactId: 10, takenBy: 1, repeats: true });
  });

  it('an empty email raises no-email and skips; Drupal’s batch leaves the user out (mail != ``)', () => {
    const plan = buildPlan(dataset([user(1, '  '), user(2, '')], [], [], 'drupal'));
    for (const r of plan.rows) {
      expect(codes(r)).toEqual(['no-email']);
      expect(r.decision).toMatchObject({ action: 'skip', reason: 'no-email' });
      expect(r.civicrm).toEqual({ kind: 'ignored', why: 'no-email' });
    }
  });

  it.each(['wordpress', 'joomla'] as const)('%s’s batch walks users without an email: the first gets a contact and the empty uf_name, the others a new contact and a failed link each time', (platform) => {
    const plan = buildPlan(dataset([user(1, ''), user(2, 'a@example.org'), user(3, '  '), user(4, '')], [], [], platform));
    expect(row(plan.rows, 1).civicrm).toEqual({ kind: 'create', takenContactId: null, takenBy: null });
    for (const id of [3, 4]) expect(row(plan.rows, id).civicrm).toEqual({ kind: 'create-unlinked', conflictUfId: 1, takenContactId: null, takenBy: null, repeats: true });
    for (const id of [1, 3, 4]) expect(row(plan.rows, id).decision).toMatchObject({ action: 'skip', reason: 'no-email' });
    expect(row(plan.rows, 3).warnings[0]!.detail).toMatch(/fail to link it \(user 1 holds the empty uf_name\), creating another one again/);
  });

  it('an invalid email raises invalid-email and skips', () => {
    const plan = buildPlan(dataset([user(1, 'bob at example.org')], []));
    expect(codes(plan.rows[0]!)).toEqual(['invalid-email']);
    expect(plan.rows[0]!.decision).toMatchObject({ action: 'skip', reason: 'invalid-email' });
  });

  it('CiviCRM does not check addresses (since 5.28): an invalid one is matched, created and collides like any other', () => {
    const users = [user(1, 'alice@localhost'), user(2, 'bob@example'), user(3, 'Bob@Example'), user(4, 'dave@example.org')];
    const plan = buildPlan(dataset(users, [contact(10, 'alice@localhost'), contact(11, 'dave@example.org')]));
    expect(row(plan.rows, 1).civicrm).toEqual({ kind: 'link', contactId: 10 });
    expect(row(plan.rows, 2).civicrm).toEqual({ kind: 'create', takenContactId: null, takenBy: null });
    // the contact created for user 2 is linked, so it is picked and found taken at every try
    expect(row(plan.rows, 3).civicrm).toEqual({ kind: 'create-unlinked', conflictUfId: 2, takenContactId: null, takenBy: null, repeats: true });
    for (const id of [1, 2, 3]) expect(row(plan.rows, id).decision).toMatchObject({ action: 'skip', reason: 'invalid-email' });
    // the shared invalid address is an endless-duplicates risk too
    expect(codes(row(plan.rows, 2))).toEqual(['invalid-email', 'duplicate-user-email']);
    expect(row(plan.rows, 3).warnings.find((w) => w.code === 'duplicate-user-email')).toMatchObject({ otherUfId: 2 });
    expect(row(plan.rows, 1).warnings[0]!.detail).toContain('is not a valid address; CiviCRM would link contact 10');
  });

  it('a contact CiviCRM created but could not link is found by the next user with the email: the link fails again, no further contact', () => {
    // user 1's link holds x@ as uf_name though its contact does not carry it; no contact has x@
    const plan = buildPlan(dataset([user(1, 'old@example.org'), user(2, 'x@example.org'), user(3, 'X@example.org')], [contact(50, 'old@example.org')], [link(1, 50, 'x@example.org')]));
    expect(row(plan.rows, 2).civicrm).toEqual({ kind: 'create-unlinked', conflictUfId: 1, takenContactId: null, takenBy: null, repeats: false });
    expect(row(plan.rows, 3).civicrm).toEqual({ kind: 'link-failed', contactId: null, conflictUfId: 1, orphanOf: 2 });
    expect(row(plan.rows, 2).warnings.find((w) => w.code === 'duplicate-user-email')!.detail).toMatch(/a failed link; CiviCRM would create a new contact .* later it finds that contact and only the link fails again$/);
    expect(row(plan.rows, 3).warnings.find((w) => w.code === 'duplicate-user-email')!.detail).toContain("pick the contact it created, unlinked, for user 2's email");
  });

  it('a non-primary match taken by another user loses, later, to the orphan CiviCRM created (primary): no endless duplicates', () => {
    const c = contact(10, ['main@example.org', 'a@example.org']); // a@ is not its primary
    const plan = buildPlan(dataset([user(1, 'a@example.org'), user(2, 'A@example.org'), user(3, 'a@example.org')], [c]));
    expect(row(plan.rows, 1).civicrm).toEqual({ kind: 'link', contactId: 10 });
    expect(row(plan.rows, 2).civicrm).toEqual({ kind: 'create-unlinked', conflictUfId: 1, takenContactId: 10, takenBy: 1, repeats: false });
    expect(row(plan.rows, 3).civicrm).toEqual({ kind: 'link-failed', contactId: null, conflictUfId: 1, orphanOf: 2 });
  });

  it('trims spaces for matching but keeps uf_name as exported', () => {
    const u = user(1, '  Anna@Example.org ');
    const plan = buildPlan(dataset([u], [contact(10, 'anna@example.org')]));
    expect(plan.rows[0]!.decision).toMatchObject({ action: 'link', contactId: 10 });
    expect(plan.rows[0]!.user.email).toBe('  Anna@Example.org ');
  });

  it('with no candidate, creates', () => {
    const plan = buildPlan(dataset([user(1, 'new.person@example.org')], [contact(10, 'someone@else.org')]));
    expect(plan.rows[0]!.decision).toMatchObject({ action: 'create', reason: 'no-match' });
    expect(plan.rows[0]!.civicrm).toEqual({ kind: 'create', takenContactId: null, takenBy: null });
  });

  it('among several exact candidates, the only one with the user name is linked', () => {
    const u = user(1, 'family@example.org', { firstName: 'Ana', lastName: 'Silva' });
    const plan = buildPlan(dataset([u], [contact(10, 'family@example.org', { firstName: 'Rui', lastName: 'Silva' }), contact(11, 'family@example.org', { firstName: 'Ana', lastName: 'Silva' })]));
    expect(plan.rows[0]!.decision).toMatchObject({ action: 'link', contactId: 11, reason: 'exact-email+name' });
    expect(codes(plan.rows[0]!)).toEqual(['shared-email']);
    expect(plan.rows[0]!.civicrm).toEqual({ kind: 'link', contactId: 10 }); // CiviCRM itself picks the lowest id
  });

  it('the batch never reuses a contact it linked earlier in the run', () => {
    const plan = buildPlan(dataset([user(1, 'a@example.org'), user(2, 'b@example.org')], [contact(10, ['a@example.org', 'b@example.org'])]));
    expect(row(plan.rows, 1).decision).toMatchObject({ action: 'link', contactId: 10 });
    const r2 = row(plan.rows, 2);
    expect(r2.civicrm).toEqual({ kind: 'create', takenContactId: 10, takenBy: 1 });
    expect(codes(r2)).toContain('contact-taken');
    expect(r2.decision.action).toBe('review');
  });

  it('a link whose uf_name another user holds fails in CiviCRM and is flagged', () => {
    const plan = buildPlan(dataset([user(1, 'a@example.org'), user(2, 'new2@example.org')], [contact(10, 'a@example.org'), contact(11, 'new2@example.org')], [link(2, 11, 'a@example.org')]));
    const r = row(plan.rows, 1);
    expect(r.civicrm).toEqual({ kind: 'link-failed', contactId: 10, conflictUfId: 2, orphanOf: null });
    expect(r.warnings.find((w) => w.code === 'duplicate-user-email')).toMatchObject({ otherUfId: 2, via: 'link' });
    expect(r.decision.action).toBe('review');
  });

  it('links of users missing from the export are orphan-link warnings and hold their contact', () => {
    const plan = buildPlan(dataset([user(1, 'a@example.org')], [contact(10, 'a@example.org')], [link(99, 10, 'x@example.org')]));
    expect(plan.globalWarnings.map((w) => w.code)).toEqual(['orphan-link']);
    expect(codes(plan.rows[0]!)).toContain('contact-taken');
  });

  it('an existing link to a contact missing from the export is kept with orphan-link', () => {
    const plan = buildPlan(dataset([user(1, 'a@example.org')], [], [link(1, 77, 'a@example.org')]));
    expect(plan.rows[0]!.decision).toMatchObject({ action: 'keep', contactId: 77 });
    expect(codes(plan.rows[0]!)).toEqual(['orphan-link']);
  });
});

describe('fuzzy warnings stop automatic decisions', () => {
  const cases: [string, string, string, string][] = [
    ['transposed domain', 'jane@gmial.com', 'jane@gmail.com', 'email-typo'],
    ['dropped letter in local part', 'katherne.l@example.org', 'katherine.l@example.org', 'email-typo'],
    ['doubled letter in domain', 'pat@hotmmail.com', 'pat@hotmail.com', 'email-typo'],
    ['wrong letter in local part', 'samuel.rix@example.org', 'samuel.rox@example.org', 'email-typo'],
    ['+tag sub-address', 'sam.lee+civi@example.org', 'sam.lee@example.org', 'alias-email'],
    ['gmail dots', 'j.o.doe@gmail.com', 'jodoe@gmail.com', 'alias-email'],
    ['googlemail', 'mark.t@googlemail.com', 'mark.t@gmail.com', 'alias-email'],
  ];
  it.each(cases)('%s: %s vs %s → %s', (_what, userEmail, contactEmail, code) => {
    const plan = buildPlan(dataset([user(1, userEmail)], [contact(10, contactEmail)]));
    const r = plan.rows[0]!;
    expect(codes(r)).toEqual([code]);
    expect(r.warnings[0]!.contactId).toBe(10);
    expect(r.warnings[0]!.score).toBeGreaterThan(0);
    expect(r.warnings[0]!.score).toBeLessThanOrEqual(1);
    expect(r.decision).toMatchObject({ action: 'review', contactId: 10 });
  });

  const names: [string, Partial<Parameters<typeof user>[2]>, Parameters<typeof contact>[2]][] = [
    ['accents folded', { firstName: 'Jose', lastName: 'Nunez' }, { firstName: 'José', lastName: 'Núñez' }],
    ['case', { firstName: 'MARY', lastName: 'OBRIEN' }, { firstName: 'Mary', lastName: "O'Brien" }],
    ['"Last, First" display name', { displayName: 'Lindqvist, Erik' }, { firstName: 'Erik', lastName: 'Lindqvist' }],
    ['swapped order', { firstName: 'Wei', lastName: 'Zhang' }, { firstName: 'Zhang', lastName: 'Wei' }],
    ['one-letter typo', { firstName: 'Laura', lastName: 'Thompsen' }, { firstName: 'Laura', lastName: 'Thompson' }],
  ];
  it.each(names)('name-match: %s', (_what, u, c) => {
    const plan = buildPlan(dataset([user(1, 'fresh.address@example.net', u)], [contact(10, 'other.address@example.org', c)]));
    expect(codes(plan.rows[0]!)).toEqual(['name-match']);
    expect(plan.rows[0]!.decision.action).toBe('review');
  });

  it('different people with unrelated emails and names are created, not flagged', () => {
    const plan = buildPlan(dataset([user(1, 'zoe@example.org', { firstName: 'Zoe', lastName: 'Quinn' })], [contact(10, 'max@example.org', { firstName: 'Max', lastName: 'Powers' })]));
    expect(plan.rows[0]!.warnings).toEqual([]);
    expect(plan.rows[0]!.decision.action).toBe('create');
  });

  it('every warning names a user, a score in [0,1] and a detail that says what CiviCRM would do', () => {
    const plan = buildPlan(dataset([user(1, 'jane@gmial.com')], [contact(10, 'jane@gmail.com')], [], 'drupal'));
    const w = plan.rows[0]!.warnings[0]!;
    expect(w.ufId).toBe(1);
    expect(w.detail).toMatch(/CiviCRM would create a new contact at registration and at every login/);
  });

  it('a linked user with no email or an invalid one keeps the link and still gets no-email / invalid-email', () => {
    const plan = buildPlan(dataset([user(1, ''), user(2, 'bad-email')], [contact(10, 'a@example.org'), contact(20, 'b@example.org')], [link(1, 10, 'a@example.org'), link(2, 20, 'bad-email')]));
    expect(plan.rows[0]!.decision).toMatchObject({ action: 'keep', contactId: 10 });
    expect(codes(plan.rows[0]!)).toEqual(['stale-link', 'no-email']);
    expect(plan.rows[0]!.warnings[0]!.detail).toMatch(/^the link's uf_name a@example.org differs from user 1's email \(the user has none\); CiviCRM keeps/);
    expect(plan.rows[1]!.decision).toMatchObject({ action: 'keep', contactId: 20 });
    expect(codes(plan.rows[1]!)).toEqual(['stale-link', 'invalid-email']);
  });

  it('duplicate-user-email says how often the failed link repeats on the platform, for a kept link too', () => {
    for (const [platform, repeat] of [
      ['wordpress', 'again on every CiviCRM page load and profile update'],
      ['joomla', 'again each time the user opens a CiviCRM page or form'],
      ['drupal', 'again at every login'],
    ] as const) {
      const plan = buildPlan(dataset([user(1, 'a@example.org'), user(2, 'A@example.org')], [contact(10, 'a@example.org')], [link(1, 10, 'a@example.org')], platform));
      for (const r of plan.rows) {
        const w = r.warnings.find((x) => x.code === 'duplicate-user-email')!;
        expect(w.detail, `${platform} user ${r.user.ufId}`).toContain(`gets a new contact and a failed link, ${repeat};`);
      }
    }
  });

  it('deleted-match and non-individual-match call a contact the only one with the email only when it is', () => {
    const both = buildPlan(dataset([user(1, 'f@example.org')], [contact(60, 'f@example.org', { deleted: true }), contact(61, 'f@example.org', { type: 'Organization', displayName: 'F Org' })]));
    const details = both.rows[0]!.warnings.map((w) => w.detail);
    expect(codes(both.rows[0]!)).toEqual(['deleted-match', 'non-individual-match']);
    expect(details[0]).toMatch(/^no usable contact has user 1's email: contact 60\b.* is in the trash;/);
    expect(details[1]).toMatch(/^no usable contact has user 1's email: contact 61 \(F Org\) is an Organization, not an Individual;/);
    const one = buildPlan(dataset([user(1, 'h@example.org')], [contact(62, 'h@example.org', { type: 'Household', displayName: 'H Home' })]));
    expect(one.rows[0]!.warnings[0]!.detail).toMatch(/^the only contact with user 1's email, contact 62 \(H Home\), is a Household, not an Individual;/);
  });

  it('name-match sees one first name in Anne-Marie, Anne Marie and Anne (the first word, up to a space or a hyphen)', () => {
    const plan = buildPlan(
      dataset(
        [user(1, 'u1@example.org', { firstName: 'Anne-Marie', lastName: 'Dupont' }), user(2, 'u2@example.org', { firstName: 'Jean', lastName: 'Smith-Jones' })],
        [contact(101, 'c1@other.net', { firstName: 'Anne Marie', lastName: 'Dupont' }), contact(102, 'c2@other.net', { firstName: 'Jean', lastName: 'SmithJones' })],
      ),
    );
    expect(codes(plan.rows[0]!)).toEqual(['name-match']);
    expect(plan.rows[0]!.warnings[0]).toMatchObject({ contactId: 101, contactName: expect.any(String) });
    expect(plan.rows[0]!.decision.action).toBe('review');
    // surnames still join their hyphenated parts
    expect(plan.rows[1]!.warnings.map((w) => [w.code, w.contactId])).toEqual([['name-match', 102]]);
  });
});

describe('email-typo only where no contact carries the exact email (SPEC §4: "no exact match")', () => {
  it('a trashed exact match with the user’s name is the candidate, not a look-alike address of someone else', () => {
    const u = user(9, 'kate@example.com', { firstName: 'Kate', lastName: 'Moss' });
    const plan = buildPlan(dataset([u], [contact(110, 'dave@example.com', { firstName: 'Dave', lastName: 'Black' }), contact(118, 'kate@example.com', { firstName: 'Kate', lastName: 'Moss', deleted: true })]));
    const r = plan.rows[0]!;
    expect(codes(r)).toEqual(['deleted-match']);
    expect(r.candidates.map((c) => c.contactId)).toEqual([118]);
    expect(r.decision).toMatchObject({ action: 'review', contactId: 118 });
  });

  it('an exact match taken by another user: no email-typo towards a third contact', () => {
    const users = [user(7, 'family2@example.com', { username: 'aaron' }), user(5, 'family2@example.com', { username: 'Zed' })];
    const plan = buildPlan(dataset(users, [contact(120, 'family2@example.com'), contact(116, 'family@example.com')]));
    for (const r of plan.rows) expect(codes(r)).not.toContain('email-typo');
    expect(row(plan.rows, 5).candidates.map((c) => c.contactId)).toEqual([120]);
  });

  it('with no contact carrying the email, the typo is still raised', () => {
    const plan = buildPlan(dataset([user(1, 'kate@gmial.com')], [contact(10, 'kate@gmail.com')]));
    expect(codes(plan.rows[0]!)).toEqual(['email-typo']);
  });
});

describe('the empty uf_name held by an existing link', () => {
  it('WordPress: a link exported with an empty uf_name holds it, so the first user without an email already fails to link', () => {
    const l = { ...link(1, 50, ''), emptyUfName: true };
    const plan = buildPlan(dataset([user(1, ''), user(2, '')], [contact(50, 'z@example.org')], [l], 'wordpress'));
    expect(row(plan.rows, 1).civicrm).toEqual({ kind: 'keep', contactId: 50 });
    expect(row(plan.rows, 2).civicrm).toEqual({ kind: 'create-unlinked', conflictUfId: 1, takenContactId: null, takenBy: null, repeats: true });
  });

  it('a uf_name that is NULL (or an export without the column) holds nothing', () => {
    const plan = buildPlan(dataset([user(1, ''), user(2, '')], [contact(50, 'z@example.org')], [link(1, 50, '')], 'wordpress'));
    expect(row(plan.rows, 2).civicrm).toEqual({ kind: 'create', takenContactId: null, takenBy: null });
  });
});
