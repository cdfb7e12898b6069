import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { sqlString, ufMatchSql } from '../../src/output/ufMatchSql.js';
import { contact, dataset, user } from '../helpers/build.js';

describe('uf_match.sql', () => {
  it('quotes plain values and doubles single quotes', () => {
    expect(sqlString("o'brien@example.org")).toBe("'o''brien@example.org'");
  });

  it.each([
    ['backslash', 'a\\b@example.org'],
    ['NUL', 'a\u0000b@example.org'],
    ['quote and backslash', "x\\'; DROP TABLE civicrm_contact; --@example.org"],
    ['newline', 'a\nb@example.org'],
    ['unicode', 'zoë@example.org'],
  ])('turns a value with %s into a hex literal that cannot break out', (_what, value) => {
    const lit = sqlString(value);
    expect(lit).toMatch(/^_utf8mb4 X'[0-9a-f]*'$/);
    expect(Buffer.from(lit.slice("_utf8mb4 X'".length, -1), 'hex').toString('utf8')).toBe(value);
  });

  it('writes one guarded INSERT per link inside one transaction', () => {
    const plan = buildPlan(dataset([user(7, 'Ann@Example.org'), user(8, 'new@example.org')], [contact(70, 'ann@example.org')]));
    const sql = ufMatchSql(plan, 'test');
    expect(sql.match(/INSERT INTO civicrm_uf_match/g)).toHaveLength(1);
    expect(sql).toContain("SELECT 1, 7, 'Ann@Example.org', 70 FROM DUAL");
    expect(sql).toContain("WHERE domain_id = 1 AND (uf_id = 7 OR contact_id = 70 OR uf_name = 'Ann@Example.org')");
    expect(sql).toContain('EXISTS (SELECT 1 FROM civicrm_contact WHERE id = 70)');
    expect(sql.indexOf('START TRANSACTION;')).toBeLessThan(sql.indexOf('INSERT'));
    expect(sql.trimEnd().endsWith('COMMIT;')).toBe(true);
  });

  it('leaves out, with a comment, a link whose uf_id is past INT UNSIGNED (a WordPress BIGINT ID), which would stop the load', () => {
    const plan = buildPlan(dataset([user(4294967296, 'big@example.org'), user(4294967295, 'max@example.org')], [contact(10, 'big@example.org'), contact(11, 'max@example.org')]));
    expect(plan.rows.map((r) => r.decision.action)).toEqual(['link', 'link']);
    const sql = ufMatchSql(plan, 'test');
    expect(sql).toContain('-- ufmatch test: 1 new links for domain 1.');
    expect(sql).toContain('-- left out: uf_id 4294967296, its uf_id is past 4294967295, the most civicrm_uf_match.uf_id (INT UNSIGNED) holds; link it by hand');
    expect(sql.match(/INSERT INTO/g)).toHaveLength(1);
    expect(sql).toContain("SELECT 1, 4294967295, 'max@example.org', 11 FROM DUAL");
  });
});
