/**
 * Every warning code's explanation and fix, table-driven: each case raises the code on a
 * hand-built dataset and checks the words, the ids and the SQL that support staff will act on.
 */
import { describe, expect, it } from 'vitest';
import { guardedInsertSql } from '../../src/output/ufMatchSql.js';
import { WARNING_CODES, type WarningCode } from '../../src/domain/warnings.js';
import { explainOrphanLink } from '../../src/explain/orphan.js';
import { renderExplanationText } from '../../src/explain/render.js';
import { build, contact, fixText, link, named, person, sqlOf, user, type Built } from './fixtures.js';

interface Case {
  readonly code: WarningCode;
  readonly variant: string;
  readonly ufId: number;
  readonly built: () => Built;
  /** Words (and ids) the warning's explanation must contain. */
  readonly explanation: readonly string[];
  /** Words the fix steps tagged with this code must contain. */
  readonly fix: readonly string[];
  /** Statements the fix must offer, exactly. */
  readonly sql?: readonly string[];
  readonly headline: readonly string[];
}

const CASES: readonly Case[] = [
  {
    code: 'email-typo',
    variant: 'swapped letters in the domain',
    ufId: 40,
    built: () => build([user(40, 'rachel.moore@gmial.com', person('Rachel', 'Moore'))], [contact(140, 'rachel.moore@gmail.com', named('Rachel', 'Moore'))]),
    explanation: ['rachel.moore@gmial.com', 'rachel.moore@gmail.com', 'contact 140 (Rachel Moore)', 'domain', 'two letters swapped', 'typo'],
    fix: ['correct user 40\'s email', 'from rachel.moore@gmial.com to rachel.moore@gmail.com', 'links contact 140', 'Users → All Users → Edit'],
    headline: ['User 40 has no link', 'typo', 'contact 140'],
  },
  {
    code: 'email-typo',
    variant: 'letter missing in the local part',
    ufId: 42,
    built: () => build([user(42, 'katherne.walsh@yahoo.co.uk')], [contact(143, 'katherine.walsh@yahoo.co.uk', named('Katherine', 'Walsh'))]),
    explanation: ['katherne.walsh@yahoo.co.uk', 'katherine.walsh@yahoo.co.uk', 'contact 143', 'part before the @', 'a letter missing', '1 edit'],
    fix: ['from katherne.walsh@yahoo.co.uk to katherine.walsh@yahoo.co.uk', 'contact 143'],
    headline: ['User 42', 'katherine.walsh@yahoo.co.uk'],
  },
  {
    code: 'alias-email',
    variant: '+tag',
    ufId: 48,
    built: () => build([user(48, 'sam.lee+civi@example.org')], [contact(149, 'sam.lee@example.org', named('Sam', 'Lee'))]),
    explanation: ['sam.lee+civi@example.org', 'sam.lee@example.org', 'contact 149 (Sam Lee)', 'same mailbox', '+tag'],
    fix: ['Add sam.lee+civi@example.org to contact 149', 'link them now'],
    sql: [guardedInsertSql(1, 48, 'sam.lee+civi@example.org', 149).trimEnd()],
    headline: ['User 48 has no link', 'another spelling', 'contact 149'],
  },
  {
    code: 'alias-email',
    variant: 'googlemail.com',
    ufId: 53,
    built: () => build([user(53, 'priya.shah@googlemail.com')], [contact(154, 'priya.shah@gmail.com', named('Priya', 'Shah'))]),
    explanation: ['priya.shah@googlemail.com', 'priya.shah@gmail.com', 'googlemail.com is gmail.com', 'contact 154'],
    fix: ['contact 154', 'priya.shah@googlemail.com'],
    headline: ['User 53', 'contact 154'],
  },
  {
    code: 'name-match',
    variant: 'accents',
    ufId: 55,
    built: () => build([user(55, 'jose.nunez@outlook.com', person('Jose', 'Nunez'))], [contact(156, 'josenunez77@hotmail.com', named('José', 'Núñez'))]),
    explanation: ['Contact 156 (José Núñez)', 'josenunez77@hotmail.com', 'the user is Jose Nunez', 'same person under another address'],
    fix: ['josenunez77@hotmail.com', 'add jose.nunez@outlook.com to contact 156'],
    headline: ['User 55 has no link', 'contact 156', 'their name'],
  },
  {
    code: 'shared-email',
    variant: 'ufmatch links the one with the name',
    ufId: 27,
    built: () =>
      build(
        [user(27, 'beckers@gmx.de', person('Ingrid', 'Becker'))],
        [contact(132, 'beckers@gmx.de', named('Tom', 'Becker')), contact(133, 'beckers@gmx.de', named('Ingrid', 'Becker'))],
      ),
    explanation: ['2 contacts carry beckers@gmx.de', 'contact 132 (Tom Becker)', 'contact 133 (Ingrid Becker)', 'primary', 'lowest id'],
    fix: ['ufmatch links contact 133', 'would link contact 132', 'wrong person', 'remove it from that contact'],
    sql: [guardedInsertSql(1, 27, 'beckers@gmx.de', 133).trimEnd()],
    headline: ['User 27 has no link', '2 contacts', 'contact 132'],
  },
  {
    code: 'shared-email',
    variant: 'neither has the name: review',
    ufId: 29,
    built: () =>
      build(
        [user(29, 'hendersons@btinternet.com', { displayName: 'The Hendersons' })],
        [
          contact(135, 'hendersons@btinternet.com', named('Mark', 'Henderson')),
          contact(136, [{ email: 'lucy.henderson@outlook.com', primary: true }, { email: 'hendersons@btinternet.com', primary: false }], named('Lucy', 'Henderson')),
        ],
      ),
    explanation: ['contact 135 (Mark Henderson)', 'contact 136 (Lucy Henderson)', 'hendersons@btinternet.com'],
    fix: ['Ask the user which of contact 135 (Mark Henderson), contact 136 (Lucy Henderson) is theirs', 'would link contact 135'],
    headline: ['User 29', 'contact 135'],
  },
  {
    code: 'deleted-match',
    variant: 'only match in the trash',
    ufId: 31,
    built: () => build([user(31, 'bronwen.evans@gmail.com', person('Bronwen', 'Evans'))], [contact(138, 'bronwen.evans@gmail.com', { ...named('Bronwen', 'Evans'), deleted: true })]),
    explanation: ['contact 138 (Bronwen Evans)', 'in the trash', 'creates a new contact', 'duplicate'],
    fix: ['Restore from Trash', 'civicrm/contact/view?reset=1&cid=138', 'links it the next time'],
    headline: ['User 31 has no link', 'contact 138', 'trash'],
  },
  {
    code: 'non-individual-match',
    variant: 'Organization',
    ufId: 33,
    built: () =>
      build([user(33, 'office@riverside-food-bank.org', person('Helen', 'Cartwright'))], [contact(105, 'office@riverside-food-bank.org', { type: 'Organization', displayName: 'Riverside Food Bank' })]),
    explanation: ['contact 105 (Riverside Food Bank)', 'an Organization', 'only to Individuals'],
    fix: ['Do not link the user to contact 105', 'personal email', 'Employee of', 'user 33'],
    headline: ['User 33 has no link', 'an Organization', 'contact 105'],
  },
  {
    code: 'non-individual-match',
    variant: 'Household',
    ufId: 34,
    built: () => build([user(34, 'thepatels@sky.com', person('Raj', 'Patel'))], [contact(150, 'thepatels@sky.com', { type: 'Household', displayName: 'Patel Household' })]),
    explanation: ['contact 150 (Patel Household)', 'a Household'],
    fix: ['Household Member of', 'contact 150'],
    headline: ['User 34', 'a Household'],
  },
  {
    code: 'contact-taken',
    variant: 'exact match linked to another user',
    ufId: 36,
    built: () =>
      build(
        [user(16, 'daniel.okafor@outlook.com', person('Daniel', 'Okafor')), user(36, 'okafor.family@gmail.com', person('Grace', 'Okafor'))],
        [contact(130, [{ email: 'daniel.okafor@outlook.com', primary: true }, { email: 'okafor.family@gmail.com', primary: false }], named('Daniel', 'Okafor'))],
        [link(16, 130, 'daniel.okafor@outlook.com')],
      ),
    explanation: ['Contact 130 (Daniel Okafor)', 'okafor.family@gmail.com', 'its Work-Email, not its primary email', 'already linked to user 16 (Daniel Okafor, daniel.okafor@outlook.com)', 'one user only', 'user 36'],
    fix: ['user 36', 'user 16', 'a contact of their own', 'ufmatch review: c', "point user 16's link"],
    headline: ['User 36 has no link', 'contact 130', 'already linked to user 16'],
  },
  {
    code: 'duplicate-user-email',
    variant: 'two users, one email in two cases',
    ufId: 52,
    built: () => build([user(38, 'kevin.doyle@eircom.net', person('Kevin', 'Doyle')), user(52, 'Kevin.Doyle@eircom.net', person('Kevin', 'Doyle'))], []),
    explanation: ['User 38 (Kevin Doyle, kevin.doyle@eircom.net)', 'same email', 'another case', 'uf_name is unique', 'endless duplicates', 'again on every CiviCRM page load'],
    fix: ['keep user 38 (the lower user id)', 'delete user 52 in WordPress', 'attributing its content to user 38', 'email of their own', 'merge the contacts CiviCRM has already created for kevin.doyle@eircom.net'],
    headline: ['User 52 has no link', 'user 38', 'failed link'],
  },
  {
    code: 'duplicate-user-email',
    variant: "another user's existing link holds the email as uf_name",
    ufId: 90,
    built: () =>
      build(
        [user(90, 'shared@example.org', person('Ann', 'Other')), user(91, 'new.address@example.org', person('Ben', 'Holder'))],
        [contact(191, 'new.address@example.org', named('Ben', 'Holder'))],
        [link(91, 191, 'shared@example.org')],
      ),
    explanation: ['user 91 (Ben Holder, new.address@example.org)', 'uf_name', 'contact 191 (Ben Holder)', 'fails'],
    fix: ["set their link's uf_name to their current email, new.address@example.org"],
    sql: ["UPDATE civicrm_uf_match SET uf_name = 'new.address@example.org' WHERE uf_id = 91 AND domain_id = 1;"],
    headline: ['User 90 has no link', 'user 91', 'uf_name'],
  },
  {
    code: 'stale-link',
    variant: 'uf_name is the old email',
    ufId: 7,
    built: () =>
      build(
        [user(7, 'nadia.haddad@gmail.com', person('Nadia', 'Haddad'))],
        [contact(110, ['nadia.haddad@gmail.com', 'nadia.h@yahoo.com'], named('Nadia', 'Haddad'))],
        [link(7, 110, 'nadia.h@yahoo.com')],
      ),
    explanation: ['nadia.h@yahoo.com', 'nadia.haddad@gmail.com', 'uf_name', 'unique in a domain'],
    fix: ["Update the link's uf_name from nadia.h@yahoo.com to nadia.haddad@gmail.com"],
    sql: ["UPDATE civicrm_uf_match SET uf_name = 'nadia.haddad@gmail.com' WHERE uf_id = 7 AND domain_id = 1;"],
    headline: ['User 7 is linked to contact 110 (Nadia Haddad), but', 'uf_name is still nadia.h@yahoo.com'],
  },
  {
    code: 'stale-link',
    variant: 'contact lacks the new email, and a duplicate carries it',
    ufId: 5,
    built: () =>
      build(
        [user(5, 'howard.finch@outlook.com', person('Howard', 'Finch'))],
        [contact(107, 'hfinch@btinternet.com', named('Howard', 'Finch')), contact(170, 'howard.finch@outlook.com', named('Howard', 'Finch'))],
        [link(5, 107, 'hfinch@btinternet.com')],
      ),
    explanation: ['contact 107 (Howard Finch)', 'does not carry', 'howard.finch@outlook.com', 'hfinch@btinternet.com'],
    fix: ['Add howard.finch@outlook.com to contact 107', 'contact 170 (Howard Finch) also carries howard.finch@outlook.com', 'Merge it into contact 107'],
    sql: ["UPDATE civicrm_uf_match SET uf_name = 'howard.finch@outlook.com' WHERE uf_id = 5 AND domain_id = 1;"],
    headline: ['User 5 is linked to contact 107', 'does not carry their email howard.finch@outlook.com'],
  },
  {
    code: 'stale-link',
    variant: 'linked to another person; the user\'s own contact carries the email',
    ufId: 14,
    built: () =>
      build(
        [user(14, 'lukasz.wisniewski@gmail.com', person('Łukasz', 'Wiśniewski'))],
        [contact(120, 'lukasz.wisniewski@gmail.com', named('Łukasz', 'Wiśniewski')), contact(160, 'alasdair.grieve@gmail.com', named('Alasdair', 'Grieve'))],
        [link(14, 160, 'lukasz.wisniewski@gmail.com')],
      ),
    explanation: ['contact 160 (Alasdair Grieve)', 'another name', 'wrong person'],
    fix: ['If contact 160 (Alasdair Grieve) is not the user, point the link at contact 120 (Łukasz Wiśniewski)', "has the user's name"],
    sql: ['UPDATE civicrm_uf_match SET contact_id = 120 WHERE uf_id = 14 AND domain_id = 1;'],
    headline: ['User 14 is linked to contact 160 (Alasdair Grieve), but that contact does not carry their email'],
  },
  {
    code: 'stale-link',
    variant: 'linked contact in the trash',
    ufId: 9,
    built: () =>
      build([user(9, 'gareth.pryce@gmail.com', person('Gareth', 'Pryce'))], [contact(112, 'gareth.pryce@gmail.com', { ...named('Gareth', 'Pryce'), deleted: true })], [link(9, 112, 'gareth.pryce@gmail.com')]),
    explanation: ['contact 112 (Gareth Pryce)', 'in the trash'],
    fix: ['Restore from Trash', 'cid=112', 'delete the link'],
    sql: ['DELETE FROM civicrm_uf_match WHERE uf_id = 9 AND domain_id = 1;'],
    headline: ['User 9 is linked to contact 112 (Gareth Pryce), but that contact is in the trash'],
  },
  {
    code: 'orphan-link',
    variant: 'linked contact not in the export, none carries the email',
    ufId: 11,
    built: () => build([user(11, 'ruth.adebayo@gmail.com', person('Ruth', 'Adebayo'))], [contact(101, 'someone@example.org')], [link(11, 141, 'ruth.adebayo@gmail.com')]),
    explanation: ['contact 141', 'not in the contacts export', 'user 11'],
    fix: ['civicrm/contact/view?reset=1&cid=141', 'export all contacts', 'delete the broken link', 'creates a new one'],
    sql: ['DELETE FROM civicrm_uf_match WHERE uf_id = 11 AND domain_id = 1;'],
    headline: ['User 11 is linked to contact 141', 'not in the contacts export'],
  },
  {
    code: 'orphan-link',
    variant: 'linked contact not in the export, another carries the email',
    ufId: 11,
    built: () => build([user(11, 'ruth.adebayo@gmail.com', person('Ruth', 'Adebayo'))], [contact(142, 'ruth.adebayo@gmail.com', named('Ruth', 'Adebayo'))], [link(11, 141, 'ruth.adebayo@gmail.com')]),
    explanation: ['contact 141'],
    fix: ['point the link at contact 142 (Ruth Adebayo), which carries ruth.adebayo@gmail.com'],
    sql: ['UPDATE civicrm_uf_match SET contact_id = 142 WHERE uf_id = 11 AND domain_id = 1;'],
    headline: ['User 11'],
  },
  {
    code: 'orphan-link',
    variant: 'linked contact not in the export, the one carrying the email held by an account that is gone',
    ufId: 11,
    built: () =>
      build(
        [user(11, 'ruth.adebayo@gmail.com', person('Ruth', 'Adebayo'))],
        [contact(142, 'ruth.adebayo@gmail.com', named('Ruth', 'Adebayo'))],
        [link(11, 141, 'ruth.adebayo@gmail.com'), link(77, 142, 'ghost@example.org')],
      ),
    explanation: ['contact 141'],
    fix: ['contact 142 (Ruth Adebayo) carries ruth.adebayo@gmail.com but is linked to user 77, who is not in the users export', 'delete its link and point this one at contact 142'],
    sql: ['DELETE FROM civicrm_uf_match WHERE uf_id = 77 AND domain_id = 1;\nUPDATE civicrm_uf_match SET contact_id = 142 WHERE uf_id = 11 AND domain_id = 1;'],
    headline: ['User 11'],
  },
  {
    code: 'orphan-link',
    variant: 'linked contact not in the export, the one carrying the email held by a user of the export',
    ufId: 11,
    built: () =>
      build(
        [user(11, 'ruth.adebayo@gmail.com', person('Ruth', 'Adebayo')), user(12, 'other@example.org', person('Oli', 'Ver'))],
        [contact(142, 'ruth.adebayo@gmail.com', named('Ruth', 'Adebayo'))],
        [link(11, 141, 'ruth.adebayo@gmail.com'), link(12, 142, 'other@example.org')],
      ),
    explanation: ['contact 141'],
    fix: ['delete the broken link', 'it picks contact 142 (Ruth Adebayo), which carries ruth.adebayo@gmail.com, finds it linked to user 12, and creates a new contact'],
    sql: ['DELETE FROM civicrm_uf_match WHERE uf_id = 11 AND domain_id = 1;'],
    headline: ['User 11'],
  },
  {
    code: 'no-email',
    variant: 'empty email',
    ufId: 61,
    built: () => build([user(61, '', person('Roger', 'Grant'))], [contact(161, 'roger.grant@example.org', named('Roger', 'Grant'))]),
    explanation: ['User 61 has no email', "WordPress's batch does not leave them out", 'CiviCRM would create a new contact', 'empty uf_name'],
    fix: ['Ask the user for their email', 'in WordPress', 'contact 161 (Roger Grant) has the same name and the email roger.grant@example.org'],
    headline: ['User 61 has no link', 'no email'],
  },
  {
    code: 'invalid-email',
    variant: 'nothing after the @',
    ufId: 63,
    built: () => build([user(63, 'maria.garcia@', person('María', 'García'))], []),
    explanation: ['"maria.garcia@"', 'not a valid address', 'nothing after the @', 'CiviCRM does not check addresses: CiviCRM would create a new contact', 'ufmatch leaves the user unlinked'],
    fix: ['Ask the user for the right address and correct it in WordPress'],
    headline: ['User 63 has no link', 'maria.garcia@'],
  },
  {
    code: 'invalid-email',
    variant: 'no @',
    ufId: 64,
    built: () => build([user(64, 'bob.example.org', person('Bob', 'Harris'))], []),
    explanation: ['"bob.example.org"', 'it has no @'],
    fix: ['correct it'],
    headline: ['User 64'],
  },
];

describe('explain: every warning code is explained, with its fix', () => {
  it('covers every code of the vocabulary', () => {
    const covered = new Set(CASES.map((c) => c.code));
    expect([...WARNING_CODES].filter((c) => !covered.has(c))).toEqual([]);
  });

  it.each(CASES.map((c) => [`${c.code} (${c.variant})`, c] as const))('%s', (_name, c) => {
    const e = c.built().explain(c.ufId);
    const w = e.warnings.find((x) => x.code === c.code);
    expect(w, `warnings raised: ${e.warnings.map((x) => x.code).join(', ')}`).toBeDefined();
    expect(w!.uf_id).toBe(c.ufId);
    for (const word of c.explanation) expect(w!.explanation).toContain(word);
    const fix = fixText(e, c.code);
    expect(fix).not.toBe('');
    for (const word of c.fix) expect(fix).toContain(word);
    for (const sql of c.sql ?? []) expect(sqlOf(e)).toContain(sql);
    for (const word of c.headline) expect(e.headline).toContain(word);
    // the text rendering carries the same code, explanation and fix
    const text = renderExplanationText(e, { color: false });
    expect(text).toContain(c.code);
    expect(text).toContain(w!.explanation);
    for (const s of e.fix) expect(text).toContain(s.text);
  });
});

describe('explain: link soundness', () => {
  it('a uf_name that differs only in case is sound, with no fix beyond the health check', () => {
    const b = build([user(2, 'deb.ainsworth@riverside-food-bank.org', person('Deborah', 'Ainsworth'))], [contact(102, 'deb.ainsworth@riverside-food-bank.org', named('Deborah', 'Ainsworth'))], [
      link(2, 102, 'Deb.Ainsworth@Riverside-Food-Bank.org'),
    ]);
    const e = b.explain(2);
    expect(e.link?.sound).toBe(true);
    expect(e.link?.problems).toEqual([]);
    expect(e.warnings).toEqual([]);
    expect(e.headline).toBe('User 2 is linked to contact 102 (Deborah Ainsworth) and the link is sound.');
    expect(sqlOf(e)).toEqual([]);
  });

  it('lists every problem of a link at once (lacks email and old uf_name)', () => {
    const b = build([user(5, 'howard.finch@outlook.com')], [contact(107, 'hfinch@btinternet.com', named('Howard', 'Finch'))], [link(5, 107, 'hfinch@btinternet.com')]);
    const e = b.explain(5);
    expect(e.link?.sound).toBe(false);
    expect(e.link?.problems.map((p) => p.kind)).toEqual(['contact-lacks-email', 'uf-name-differs']);
    expect(e.link?.problems[1]!.text).toContain('uf_name hfinch@btinternet.com differs');
  });

  it('says when the linked contact is missing from the export', () => {
    const e = build([user(11, 'ruth@example.org')], [], [link(11, 141, 'ruth@example.org')]).explain(11);
    expect(e.link).toMatchObject({ contact_id: 141, sound: false, contact: null });
    expect(e.link?.problems.map((p) => p.kind)).toEqual(['contact-missing']);
  });

  it('quotes the SQL safely: apostrophes doubled, other characters as a hex literal', () => {
    const apostrophe = build([user(3, "siobhan.o'brien@example.ie")], [contact(104, "siobhan.o'brien@example.ie")], [link(3, 104, 'old@example.ie')]).explain(3);
    expect(sqlOf(apostrophe)).toContain("UPDATE civicrm_uf_match SET uf_name = 'siobhan.o''brien@example.ie' WHERE uf_id = 3 AND domain_id = 1;");
    const backslash = build([user(4, 'we\\ird@example.org')], [contact(105, 'we\\ird@example.org')], [link(4, 105, 'old@example.org')]).explain(4);
    const sql = sqlOf(backslash).join('\n');
    expect(sql).toContain(`uf_name = _utf8mb4 X'${Buffer.from('we\\ird@example.org').toString('hex')}'`);
    expect(sql).not.toContain('\\');
  });
});

describe('explain: an orphan link whose user is not in the export', () => {
  it('explains the link and gives the DELETE', () => {
    const b = build([user(1, 'a@example.org')], [contact(113, 'colin.marsh@talktalk.net', named('Colin', 'Marsh'))], [link(77, 113, 'colin.marsh@talktalk.net')]);
    const x = explainOrphanLink(b.plan, 77, b.contactsById, b.data.links);
    expect(x).not.toBeNull();
    expect(x!.warning).toMatchObject({ code: 'orphan-link', missing: 'user', uf_id: 77, contact_id: 113 });
    expect(x!.headline).toContain('no user 77');
    expect(x!.headline).toContain('contact 113 (Colin Marsh)');
    expect(x!.warning.explanation).toContain('colin.marsh@talktalk.net');
    expect(x!.fix.map((s) => s.sql)).toContain('DELETE FROM civicrm_uf_match WHERE uf_id = 77 AND domain_id = 1;');
    expect(explainOrphanLink(b.plan, 78, b.contactsById, b.data.links)).toBeNull();
  });
});

describe('explain: users without warnings', () => {
  it('a healthy linked user: sound link, keep, the duplicate-contact hint', () => {
    const e = build([user(1, 'fiona@riverside-food-bank.org', person('Fiona', 'Gallagher'))], [contact(101, 'fiona@riverside-food-bank.org', named('Fiona', 'Gallagher'))], [
      link(1, 101, 'fiona@riverside-food-bank.org'),
    ]).explain(1);
    expect(e.headline).toBe('User 1 is linked to contact 101 (Fiona Gallagher) and the link is sound.');
    expect(e.decision.action).toBe('keep');
    expect(e.civicrm.consequence).toBe('keeps-link');
    expect(fixText(e, null)).toContain('Nothing to fix in the link');
    expect(fixText(e, null)).toContain('merge any duplicate into contact 101');
  });

  it('a plain exact match: link, with the INSERT to link now', () => {
    const e = build([user(20, 'chiara.romano@libero.it', person('Chiara', 'Romano'))], [contact(124, 'chiara.romano@libero.it', named('Chiara', 'Romano'))]).explain(20);
    expect(e.decision).toMatchObject({ action: 'link', contact_id: 124, reason: 'exact-email' });
    expect(e.civicrm.consequence).toBe('links');
    expect(e.headline).toContain('CiviCRM links contact 124 (Chiara Romano)');
    expect(sqlOf(e)).toEqual([guardedInsertSql(1, 20, 'chiara.romano@libero.it', 124).trimEnd()]);
  });

  it('a new volunteer: create', () => {
    const e = build([user(66, 'kwame.mensah@gmail.com', person('Kwame', 'Mensah'))], [contact(101, 'other@example.org')]).explain(66);
    expect(e.decision.action).toBe('create');
    expect(e.civicrm.consequence).toBe('creates-contact');
    expect(fixText(e, null)).toContain('No contact carries kwame.mensah@gmail.com');
  });

  it('candidates say why they are candidates, with scores, best first', () => {
    const b = build(
      [user(27, 'beckers@gmx.de', person('Ingrid', 'Becker'))],
      [contact(132, 'beckers@gmx.de', named('Tom', 'Becker')), contact(133, 'beckers@gmx.de', named('Ingrid', 'Becker'))],
    );
    const e = b.explain(27);
    expect(e.candidates.map((c) => [c.contact_id, c.score])).toEqual([
      [133, 1],
      [132, 0.95],
    ]);
    expect(e.candidates[0]!.why).toContain("carries the user's email beckers@gmx.de as its primary email and has the user's name");
    expect(e.candidates[1]!.why).not.toContain("user's name");
  });
});
