/**
 * explain's "or run:" SQL is the statement uf_match.sql writes (guarded by the three unique keys
 * and the contact's existence, so a second run inserts nothing), and where uf_match.sql leaves a
 * link out (uf_id past INT UNSIGNED, email past VARCHAR(128)) explain gives no INSERT either:
 * outside strict mode MySQL would clamp the id or cut the email and link the wrong account.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { contactDirectory } from '../../src/explain/contactDirectory.js';
import { explainUser } from '../../src/explain/explainUser.js';
import { guardedInsertSql, ufMatchSql } from '../../src/output/ufMatchSql.js';
import { contact, dataset, user } from '../helpers/build.js';

function explainFirst(ufId: number, email: string) {
  const data = dataset([user(ufId, email)], [contact(2, email)]);
  const plan = buildPlan(data);
  return { plan, e: explainUser(plan, plan.rows[0]!, contactDirectory(data.contacts), []) };
}

describe('the INSERT explain offers', () => {
  it('is, byte for byte, the statement uf_match.sql writes for the link', () => {
    const { plan, e } = explainFirst(7, "o'neil@example.org");
    const sql = e.fix.map((s) => s.sql).find((s) => s !== null)!;
    expect(sql).toBe(guardedInsertSql(1, 7, "o'neil@example.org", 2).trimEnd());
    expect(ufMatchSql(plan, 'test')).toContain(sql + '\n');
    expect(sql).toContain('AND NOT EXISTS (SELECT 1 FROM civicrm_uf_match WHERE domain_id = 1 AND (uf_id = 7 OR contact_id = 2 OR uf_name = ');
  });

  it.each([
    ['a uf_id past INT UNSIGNED', 4294967296, 'big2@x.org', 'uf_id is past 4294967295'],
    ['an email past 128 characters', 8, `${'a'.repeat(60)}@${'b'.repeat(60)}.example.org`, 'longer than the 128 characters'],
  ])('is none for %s, and the step says why instead of pointing at uf_match.sql', (_what, ufId, email, why) => {
    const { plan, e } = explainFirst(ufId, email);
    expect(e.fix.map((s) => s.sql).filter((s) => s !== null)).toEqual([]);
    const text = e.fix.map((s) => s.text).join('\n');
    expect(text).toContain(`To link now: uf_match.sql cannot hold this link (its `);
    expect(text).toContain(why);
    expect(text).not.toContain("load ufmatch's uf_match.sql");
    expect(ufMatchSql(plan, 'test')).toContain(`-- left out: uf_id ${ufId}`);
  });
});
