/**
 * explain by contact id, as support staff often start ("why can't contact 140 see her
 * donations?"): `#140` finds the users whose link, decision or candidates name that contact,
 * or the link of an account gone from the export that holds it (found by an explain audit:
 * `explain '#140'` found nothing, where the review's search takes `#140`). A bare number stays
 * a uf_id: read as a contact id, it hid a gone account's link ("explain 77").
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { resolveQuery } from '../../src/explain/resolveQuery.js';
import { runInProcess } from '../helpers/runCli.js';
import { contact, dataset, link, user } from '../helpers/build.js';

const W = ['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv', '--links', 'samples/uf_match.csv', '--emails', 'samples/emails.csv'];

describe('explain by contact id', () => {
  const plan = buildPlan(
    dataset(
      [user(1, 'ann@x.org'), user(2, 'bob@x.org'), user(3, 'cat@x.org'), user(140, 'dan@x.org')],
      [contact(10, 'ann@x.org'), contact(140, 'bob@x.org'), contact(30, 'cat@x.org')],
      [link(3, 30, 'cat@x.org')],
    ),
  );

  it('#N finds the users whose link, decision or candidates name the contact', () => {
    expect(resolveQuery(plan.rows, '#140')).toMatchObject({ kind: 'one', by: 'contact_id', row: { user: { ufId: 2 } } });
    expect(resolveQuery(plan.rows, '#30')).toMatchObject({ kind: 'one', by: 'contact_id', row: { user: { ufId: 3 } } });
    expect(resolveQuery(plan.rows, '#99')).toMatchObject({ kind: 'none', nearest: [] });
  });

  it('a bare number is a uf_id or a username, never a contact id (a gone uf_id has its link to explain)', () => {
    expect(resolveQuery(plan.rows, '140')).toMatchObject({ kind: 'one', by: 'uf_id', row: { user: { ufId: 140 } } });
    expect(resolveQuery(plan.rows, '10')).toMatchObject({ kind: 'none' });
  });

  it('on the samples: #140 answers for user 40, whose candidate it is; #113 explains the gone account link holding it; #99999 says no user has it', async () => {
    const r = await runInProcess(['explain', '#140', ...W]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('User 40: rachelm84 <rachel.moore@gmial.com>');
    const gone = await runInProcess(['explain', '#113', ...W]);
    expect(gone.stdout.split('\n')[0]).toBe('uf_id 77: not in the users export');
    const bare = await runInProcess(['explain', '77', ...W]);
    expect(bare.stdout.split('\n')[0]).toBe('uf_id 77: not in the users export');
    const none = await runInProcess(['explain', '#99999', ...W]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('ufmatch: no user has contact 99999 as their link, decision or candidate\n');
  });

  it("an email only a gone account's link holds as uf_name explains that link (the volunteer asked about may be that account)", async () => {
    const r = await runInProcess(['explain', 'Colin.Marsh@talktalk.net', ...W]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('uf_id 77: not in the users export');
    expect(r.stdout).toContain('an existing link still points from uf_id 77 to contact 113 (Colin Marsh)');
  });
});
