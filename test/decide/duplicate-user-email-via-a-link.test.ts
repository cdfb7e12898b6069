/**
 * duplicate-user-email raised because another user's existing link holds this user's email as
 * its uf_name (that user's email is another one now): the detail said "user 5614's existing
 * link holds this email as uf_name as user 21710 … so one of them gets a new contact", garbled,
 * and wrong about who: the other user keeps their link; this one meets the taken uf_name.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { contact, dataset, link, user } from '../helpers/build.js';

describe('duplicate-user-email through a link\'s uf_name', () => {
  it('says whose link holds the email and who meets it', () => {
    const plan = buildPlan(dataset([user(1, 'new@x.org'), user(2, 'old@x.org')], [contact(10, 'new@x.org'), contact(11, 'other@x.org')], [link(1, 10, 'old@x.org')]));
    const w = plan.rows[1]!.warnings.find((x) => x.code === 'duplicate-user-email')!;
    expect(w).toMatchObject({ ufId: 2, otherUfId: 1, via: 'link' });
    expect(w.detail).toMatch(/^user 1's existing link holds user 2's email as its uf_name \(not user 1's email in this export\): CiviCRM allows one link per email, so user 2 gets a new contact and a failed link/);
    expect(w.detail).not.toMatch(/one of them| as user 2:/);
  });
});
