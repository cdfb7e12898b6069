/** The --json shape: the explain model itself, snake_case keys, stable, with warning codes. */
import { describe, expect, it } from 'vitest';
import { WARNING_CODES } from '../../src/domain/warnings.js';
import { EXPLAIN_SCHEMA } from '../../src/explain/model.js';
import { explainOrphanLink } from '../../src/explain/orphan.js';
import { manyJson, noneJson, oneJson, renderExplanationText, renderJson } from '../../src/explain/render.js';
import { resolveQuery } from '../../src/explain/resolveQuery.js';
import { build, contact, link, named, person, user } from './fixtures.js';

const b = build(
  [
    user(5, 'howard.finch@outlook.com', person('Howard', 'Finch')),
    user(16, 'daniel.okafor@outlook.com', person('Daniel', 'Okafor')),
    user(36, 'okafor.family@gmail.com', person('Grace', 'Okafor')),
    user(38, 'kevin.doyle@eircom.net', person('Kevin', 'Doyle')),
    user(52, 'Kevin.Doyle@eircom.net', person('Kevin', 'Doyle')),
  ],
  [
    contact(107, 'hfinch@btinternet.com', named('Howard', 'Finch')),
    contact(130, [{ email: 'daniel.okafor@outlook.com', primary: true }, { email: 'okafor.family@gmail.com', primary: false }], named('Daniel', 'Okafor')),
    contact(113, 'colin.marsh@talktalk.net', named('Colin', 'Marsh')),
  ],
  [link(5, 107, 'hfinch@btinternet.com'), link(16, 130, 'daniel.okafor@outlook.com'), link(77, 113, 'colin.marsh@talktalk.net')],
);

function keysDeep(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) keysDeep(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      keysDeep(x, out);
    }
  }
  return out;
}

describe('explain --json', () => {
  const e = b.explain(36);
  const json = JSON.parse(renderJson(oneJson('36', 'uf_id', e)));

  it('wraps one explanation in an envelope with the schema, query and how it matched', () => {
    expect(Object.keys(json)).toEqual(['schema', 'query', 'result', 'matched_by', 'explanation', 'also_matching']);
    expect(json).toMatchObject({ schema: EXPLAIN_SCHEMA, query: '36', result: 'one', matched_by: 'uf_id' });
  });

  it('is the explain model itself, in a stable key order', () => {
    expect(json.explanation).toEqual(JSON.parse(JSON.stringify(e)));
    expect(Object.keys(json.explanation)).toEqual([
      'platform',
      'domain_id',
      'headline',
      'user',
      'link',
      'candidates',
      'more_candidates',
      'warnings',
      'decision',
      'proposal',
      'civicrm',
      'fix',
    ]);
    expect(Object.keys(json.explanation.user)).toEqual([
      'uf_id',
      'username',
      'email',
      'email_key',
      'name',
      'first_name',
      'middle_name',
      'last_name',
      'display_name',
      'blocked',
      'registered',
      'last_login',
      'roles',
      'line',
    ]);
    expect(Object.keys(json.explanation.civicrm)).toEqual([
      'platform',
      'platform_label',
      'runs',
      'outcome',
      'consequence',
      'duplicates_contact_id',
      'repeats',
      'multiplies',
      'text',
    ]);
    expect(Object.keys(json.explanation.fix[0])).toEqual(['code', 'text', 'sql']);
    expect(Object.keys(json.explanation.candidates[0])).toEqual([
      'contact_id',
      'score',
      'basis',
      'why',
      'email',
      'email_source',
      'primary_email',
      'usable',
      'name_agrees',
      'held_by_uf_id',
      'contact',
    ]);
  });

  it('uses snake_case keys everywhere', () => {
    for (const id of [5, 36, 38, 52]) {
      const keys = keysDeep(JSON.parse(renderJson(oneJson(String(id), 'uf_id', b.explain(id)))));
      expect(keys.filter((k) => /[A-Z]/.test(k))).toEqual([]);
    }
  });

  it('carries the warning codes, strength, score, ids and words, then the code-specific fields', () => {
    const w = json.explanation.warnings[0];
    expect(Object.keys(w).slice(0, 8)).toEqual(['code', 'strong', 'uf_id', 'contact_id', 'other_uf_id', 'score', 'detail', 'explanation']);
    expect(w).toMatchObject({ code: 'contact-taken', strong: true, uf_id: 36, contact_id: 130, other_uf_id: 16, score: 1 });
    for (const x of json.explanation.warnings) expect(WARNING_CODES).toContain(x.code);
    const stale = JSON.parse(renderJson(oneJson('5', 'uf_id', b.explain(5)))).explanation;
    expect(stale.warnings[0]).toMatchObject({ code: 'stale-link', why: 'contact-lacks-email', contact_id: 107 });
    expect(stale.link).toMatchObject({ contact_id: 107, uf_name: 'hfinch@btinternet.com', domain_id: 1, sound: false });
    expect(stale.link.problems.map((p: { kind: string }) => p.kind)).toEqual(['contact-lacks-email', 'uf-name-differs']);
    const dup = JSON.parse(renderJson(oneJson('52', 'uf_id', b.explain(52)))).explanation;
    expect(dup.warnings[0]).toMatchObject({ code: 'duplicate-user-email', other_uf_id: 38, via: 'user' });
    expect(dup.fix.every((s: { code: string | null }) => s.code === null || WARNING_CODES.includes(s.code as never))).toBe(true);
  });

  it('says the same as the text: every fix step and the headline', () => {
    const text = renderExplanationText(e, { color: false });
    expect(text).toContain(json.explanation.headline);
    for (const s of json.explanation.fix) expect(text).toContain(s.text);
  });

  it('lists several hits with their actions and warning codes', () => {
    const r = resolveQuery(b.plan.rows, 'kevin.doyle@eircom.net');
    if (r.kind !== 'many') throw new Error('expected several hits');
    const j = JSON.parse(renderJson(manyJson('kevin.doyle@eircom.net', r.by, r.rows)));
    expect(Object.keys(j)).toEqual(['schema', 'query', 'result', 'matched_by', 'total', 'users']);
    expect(j.total).toBe(2);
    expect(j.users[1]).toEqual({
      uf_id: 52,
      username: 'user52',
      email: 'Kevin.Doyle@eircom.net',
      name: 'Kevin Doyle',
      action: 'review',
      contact_id: null,
      warnings: ['duplicate-user-email'],
    });
  });

  it('none: nearest users, and the orphan link when the uf_id has one', () => {
    const r = resolveQuery(b.plan.rows, '77');
    if (r.kind !== 'none') throw new Error('expected none');
    const orphan = explainOrphanLink(b.plan, 77, b.contactsById, b.data.links);
    const j = JSON.parse(renderJson(noneJson('77', r.nearest, orphan)));
    expect(Object.keys(j)).toEqual(['schema', 'query', 'result', 'nearest', 'orphan_link']);
    expect(j.nearest.map((n: { uf_id: number }) => n.uf_id)).toEqual([52, 38, 36]);
    expect(Object.keys(j.nearest[0])).toEqual(['uf_id', 'username', 'email', 'name', 'distance']);
    expect(j.orphan_link.warning).toMatchObject({ code: 'orphan-link', missing: 'user', contact_id: 113 });
    expect(j.orphan_link.fix[0].sql).toBe('DELETE FROM civicrm_uf_match WHERE uf_id = 77 AND domain_id = 1;');
    const none = JSON.parse(renderJson(noneJson('nobody', [], null)));
    expect(none.orphan_link).toBeNull();
  });
});
