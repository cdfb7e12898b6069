/**
 * SPEC §4: every warning has "a one-line human explanation". An export's quoted cell can hold a
 * line break — a contact's display name, a second address in one cell, a link's uf_name — and
 * each detail that quotes it reads with a space there, in warnings.csv and wherever it is shown.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { warningsCsv } from '../../src/output/warningsCsv.js';
import { contact, dataset, link, user } from '../helpers/build.js';

describe('warning details are one line', () => {
  it('whatever line breaks the exports’ names, addresses and uf_names hold', () => {
    const data = dataset(
      [
        user(1, 'ann.lee@x.org', { firstName: 'Ann', lastName: 'Lee' }), // a typo of 1's address (email-typo)
        user(2, 'bob.ray@gmail.com', { firstName: 'Bob', lastName: 'Ray' }), // an alias (alias-email)
        user(3, 'cy@x.org', { firstName: 'Cy', lastName: 'Dee' }), // a name-match whose email cell holds two lines
        user(4, 'dot@x.org', { firstName: 'Dot', lastName: 'Moe' }), // a stale link whose uf_name holds a break
        user(5, 'eve@x.org', { firstName: 'Eve', lastName: 'Fox' }), // the only match is in the trash (deleted-match)
      ],
      [
        contact(10, 'ann.lee@y.org', { displayName: 'Ann\nLee', firstName: 'Ann', lastName: 'Lee' }),
        contact(20, 'bobray@gmail.com', { displayName: 'Bob\r\nRay', firstName: 'Bob', lastName: 'Ray' }),
        contact(30, 'other@z.org', { displayName: 'Cy\u2028Dee', firstName: 'Cy', lastName: 'Dee' }),
        contact(40, 'dot@x.org', { displayName: 'Dot\u0085Moe', firstName: 'Dot', lastName: 'Moe' }),
        contact(50, 'eve@x.org', { displayName: 'Eve\vFox', firstName: 'Eve', lastName: 'Fox', deleted: true }),
      ],
      [link(4, 40, 'old\ndot@x.org')],
    );
    const plan = buildPlan(data);
    const codes = plan.rows.flatMap((r) => r.warnings.map((w) => w.code));
    expect(codes).toEqual(expect.arrayContaining(['email-typo', 'alias-email', 'name-match', 'stale-link', 'deleted-match']));
    for (const r of plan.rows) {
      for (const w of r.warnings) expect(w.detail, w.code).not.toMatch(/[\r\n\v\f\u0085\u2028\u2029]/);
    }
    const typo = plan.rows[0]!.warnings.find((w) => w.code === 'email-typo')!;
    expect(typo.detail).toContain('contact 10 (Ann Lee)');
    // warnings.csv: one line per warning, after its header
    const csv = warningsCsv(plan);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + codes.length);
  });
});
