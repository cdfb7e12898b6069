/**
 * A WordPress or Joomla user with no email and no first or last name: CiviCRM's Contact create
 * refuses the contact (api3 "Mandatory key(s) missing: first_name, last_name, email or
 * display_name"), which throws out of synchronizeUFMatch and stops the Synchronize Users batch
 * at that user. ufmatch predicts the failure, the batch's stop (in the batch's own order), and
 * says so in summary.txt and explain; nothing is made or held, so the next user without an
 * email takes the empty uf_name.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/decide/plan.js';
import { contactDirectory } from '../../src/explain/contactDirectory.js';
import { explainUser } from '../../src/explain/explainUser.js';
import { loadUsers } from '../../src/load/users.js';
import { civicrmFigures } from '../../src/output/summary.js';
import { dataset, user } from '../helpers/build.js';
import { runInProcess } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const nameless = { noNameForCivicrm: true } as const;

describe('a user CiviCRM cannot create a contact for', () => {
  it('fails, holds nothing, and stops the batch there', () => {
    const plan = buildPlan(dataset([user(1, 'a@x.org', { username: 'a' }), user(2, '', { ...nameless, username: 'b' }), user(3, '', { firstName: 'Cy', username: 'c' })], []));
    expect(plan.rows.map((r) => r.civicrm.kind)).toEqual(['create', 'create-failed', 'create']);
    expect(plan.civicrmBatchStopsAt).toBe(2);
    // checked 3, created 2 (user 1, user 3 with the empty uf_name), none found: the failure is neither
    expect(civicrmFigures(plan)).toMatchObject({ checked: 3, created: 2, matching: 0 });
    expect(plan.rows[1]!.decision).toMatchObject({ action: 'skip', reason: 'no-email' });
  });

  it('the stop is the first such user in the batch\'s order (WordPress: by user_login), not the file\'s', () => {
    const plan = buildPlan(dataset([user(1, '', { ...nameless, username: 'zed' }), user(2, '', { ...nameless, username: 'abe' })], []));
    expect(plan.civicrmBatchStopsAt).toBe(2);
  });

  it('Drupal leaves users without an email out: no failure, no stop', () => {
    const plan = buildPlan(dataset([user(1, '', nameless)], [], [], 'drupal'));
    expect(plan.rows[0]!.civicrm.kind).toBe('ignored');
    expect(plan.civicrmBatchStopsAt).toBeNull();
  });

  it('explain says what fails and what to do', () => {
    const data = dataset([user(5, '', nameless)], []);
    const plan = buildPlan(data);
    const e = explainUser(plan, plan.rows[0]!, contactDirectory(data.contacts), []);
    expect(e.civicrm.consequence).toBe('fails-with-error');
    expect(e.civicrm.text).toContain('fail with an error (no email and no first or last name');
    expect(e.headline).toContain('CiviCRM cannot create a contact for them');
    expect(e.fix[0]!.text).toContain('otherwise CiviCRM cannot make their contact, and the batch stops at this user');
  });

  it('explain tells a second such user that the batch stopped before them', () => {
    const data = dataset([user(1, '', { ...nameless, username: 'a' }), user(2, '', { ...nameless, username: 'b' })], []);
    const plan = buildPlan(data);
    const e = explainUser(plan, plan.rows[1]!, contactDirectory(data.contacts), []);
    expect(e.civicrm.text).toContain('at the first such user in its order: user 1, before this one.');
    expect(e.fix[0]!.text).not.toContain('stops at this user');
    const first = explainUser(plan, plan.rows[0]!, contactDirectory(data.contacts), []);
    expect(first.civicrm.text).toContain('that is this user');
  });
});

describe('which users CiviCRM gets no name for (the loader)', () => {
  const dir = tempDir('ufm-nameless-');
  const load = async (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return (await loadUsers(p)).users.map((u) => [u.ufId, u.noNameForCivicrm ?? false]);
  };

  it('WordPress with first_name/last_name columns: both empty and no email (display_name does not count)', async () => {
    expect(await load('wp.csv', 'ID,user_login,user_email,display_name,first_name,last_name\n1,a,,John Smith,,\n2,b,,,John,\n3,c,c@x.org,,,\n')).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);
  });

  it('WordPress without those columns: unknown, taken as named', async () => {
    expect(await load('wp2.csv', 'ID,user_login,user_email,display_name\n1,a,,a\n')).toEqual([[1, false]]);
  });

  it('Joomla: an empty name and no email', async () => {
    expect(await load('j.csv', 'id,name,username,email\n1,,a,\n2,Ann,b,\n')).toEqual([
      [1, true],
      [2, false],
    ]);
  });
});

describe('summary.txt and a --json run', () => {
  it('say where the batch stops', async () => {
    const dir = tempDir('ufm-stop-');
    writeFileSync(join(dir, 'u.csv'), 'ID,user_login,user_email,display_name,first_name,last_name\n1,ann,ann@x.org,Ann Lee,Ann,Lee\n2,ghost,,,,\n');
    writeFileSync(join(dir, 'c.csv'), 'id,contact_type,display_name,email,is_deleted\n10,Individual,Ann Lee,ann@x.org,0\n');
    const args = ['--users', join(dir, 'u.csv'), '--contacts', join(dir, 'c.csv'), '--yes'];
    const text = await runInProcess([...args, '--out', join(dir, 'o1')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("But CiviCRM's Synchronize Users batch would stop with an error at user 2, who has no email and no first or last name");
    const json = await runInProcess([...args, '--json', '--out', join(dir, 'o2')]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).civicrm).toEqual({ checked: 2, matching: 0, created: 1, duplicates_avoided: 0 });
    expect(json.stderr).toContain("CiviCRM's Synchronize Users batch would stop with an error at user 2");
  });
});
