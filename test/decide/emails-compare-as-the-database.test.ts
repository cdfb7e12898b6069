/**
 * Email addresses compare as CiviCRM's database compares them. civicrm_email.email and
 * civicrm_uf_match.uf_name are utf8mb4_unicode_ci: blind to accents as well as case. So
 * CiviCRM's email match finds `muller@` for a user `müller@`, and two users whose addresses
 * differ only by an accent are one uf_name (the second link fails, as for one address twice).
 * A migration rehearsal on MariaDB found ufmatch proposing such a second link: uf_match.sql's
 * guard then inserted nothing, the re-run proposed it again, and the CiviCRM figures were off.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { collationFold, emailKey } from '../../src/match/email.js';
import { civicrmFigures } from '../../src/output/summary.js';
import { ufMatchSql } from '../../src/output/ufMatchSql.js';
import { contact, dataset, link, user } from '../helpers/build.js';

describe('email keys as utf8mb4_unicode_ci compares', () => {
  it('fold accents, case, compatibility forms and the letters it expands; leave ASCII and its own letters be', () => {
    expect(emailKey(' José@Exämple.ORG ')).toBe('jose@example.org');
    expect(emailKey('Straße@x.de')).toBe(emailKey('STRASSE@x.de'));
    expect(emailKey('Zoë@x.org')).toBe(emailKey('zoe@x.org'));
    expect(emailKey('ｊｏｈｎ＠ｘ．ｏｒｇ')).toBe('john@x.org');
    expect(emailKey('søren@x.dk')).toBe('søren@x.dk'); // ø is a letter of its own there
    expect(emailKey('Læra@x.is')).toBe('læra@x.is'); // æ too (MariaDB: 'æ' = 'ae' is 0 under utf8mb4_unicode_ci)
    expect(emailKey('йорк@x.ru')).toBe('йорк@x.ru'); // and Cyrillic й is not и
    expect(emailKey('Œuvre@x.fr')).toBe('oeuvre@x.fr');
    expect(collationFold('plain.ascii@x.org')).toBe('plain.ascii@x.org');
  });
});

describe('the plan, with addresses that differ only by accents', () => {
  const users = [
    user(1, 'müller@example.de', { firstName: 'Anna', lastName: 'Müller' }),
    user(2, 'muller@example.de', { firstName: 'Bert', lastName: 'Muller' }),
    user(3, 'olga@exämple.com', { firstName: 'Olga', lastName: 'Ek' }),
  ];
  const contacts = [
    contact(10, 'müller@example.de', { firstName: 'Anna', lastName: 'Müller' }),
    contact(11, 'muller@example.de', { firstName: 'Bert', lastName: 'Muller' }),
    contact(12, 'olga@example.com', { firstName: 'Olga', lastName: 'Ek' }),
  ];
  const plan = buildPlan(dataset(users, contacts, [link(1, 10, 'müller@example.de')]));

  it("a link's uf_name one with a user's address under the collation holds it: duplicate-user-email, review, no insert", () => {
    const bert = plan.rows[1]!;
    expect(bert.decision.action).toBe('review');
    const dup = bert.warnings.find((w) => w.code === 'duplicate-user-email')!;
    expect(dup.otherUfId).toBe(1);
    expect(dup.detail).toContain('user 1\'s email "müller@example.de" is user 2\'s to CiviCRM\'s database, which compares addresses without accents or case');
    expect(ufMatchSql(plan, 't')).not.toContain('muller@example.de');
    // CiviCRM: user 1 kept; user 2 finds contact 10 (primary, lowest id), taken → a new contact, its link failing on uf_name
    expect(plan.rows[1]!.civicrm.kind).toBe('create-unlinked');
    expect(civicrmFigures(plan)).toMatchObject({ checked: 3, matching: 2, created: 1 });
  });

  it("CiviCRM's email match finds the contact whose address differs by an accent; an address with one is still not valid to ufmatch", () => {
    const olga = plan.rows[2]!;
    expect(olga.civicrm).toMatchObject({ kind: 'link', contactId: 12 });
    // `olga@exämple.com` is no address ufmatch links (not ASCII: see isValidEmail), though CiviCRM would
    expect(olga.decision).toMatchObject({ action: 'skip', reason: 'invalid-email' });
    expect(olga.warnings.map((w) => w.code)).toContain('invalid-email');
  });

  it('a user whose address differs from a contact\'s only by an accent is linked to it, as CiviCRM would', () => {
    const p = buildPlan(dataset([user(5, 'jose@example.com', { firstName: 'José', lastName: 'Ruiz' })], [contact(50, 'josé@example.com', { firstName: 'José', lastName: 'Ruiz' })]));
    expect(p.rows[0]!.decision).toMatchObject({ action: 'link', contactId: 50, reason: 'exact-email' });
    expect(p.rows[0]!.civicrm).toMatchObject({ kind: 'link', contactId: 50 });
  });
});
