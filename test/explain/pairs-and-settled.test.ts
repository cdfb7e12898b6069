/**
 * explain for two users with one email, and for users an operator has settled: each user's own
 * CiviCRM outcome (a failed link is not a new contact), the account registered first kept, no
 * merge into another person, and the operator's choice never passed off as ufmatch's reasoning.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/runCli.js';
import { build, contact, fixText, link, named, person, user } from './fixtures.js';
import { tempDir } from '../helpers/tempDir.js';

describe('explain: two users, one email', () => {
  it('says a failed link makes no new contact, and offers no merge', () => {
    const b = build(
      [user(1, 'shared@x.org', person('Wei', 'Brenk')), user(2, 'shared@x.org', person('Jess', 'Quin'))],
      [contact(11, 'shared@x.org', named('Jess', 'Quin')), contact(12, 'shared@x.org', named('Wei', 'Brenk'))],
      [link(1, 12, 'shared@x.org')],
    );
    const e = b.explain(2);
    expect(e.civicrm.outcome.kind).toBe('link-failed');
    expect(e.headline).toContain('CiviCRM picks contact 11 (Jess Quin) for user 2, but the link fails');
    expect(e.headline).not.toContain('new contact');
    const fix = fixText(e);
    expect(fix).not.toMatch(/merge/i);
    expect(fix).toContain('no link can be made with it yet: settle the two accounts first');
    expect(fix).not.toContain('link that one in the ufmatch review');
  });

  it('keeps the account registered first, and says when CiviCRM\'s pick has another name', () => {
    const b = build(
      [
        user(20, 'family@x.org', { ...person('Mark', 'Jones'), registered: '2019-01-01 00:00:00' }),
        user(21, 'family@x.org', { ...person('Sarah', 'Jones'), registered: '2018-01-01 00:00:00' }),
      ],
      [contact(300, 'family@x.org', named('Sarah', 'Jones'))],
    );
    const e = b.explain(20);
    expect(fixText(e, 'duplicate-user-email')).toContain('keep user 21 (registered first, 2018-01-01 00:00:00) and delete user 20');
    expect(e.civicrm.text).toContain('Contact 300 (Sarah Jones) has another name than the user (Mark Jones): probably not them');
  });
});

describe('explain: a user the operator has settled', () => {
  it('names the decisions file as the chooser and drops the merge that goes against a create', async () => {
    const dir = tempDir('ufm-settled-');
    const dec = join(dir, 'decisions.csv');
    writeFileSync(dec, 'uf_id,email,action,contact_id,decided_at\n29,hendersons@btinternet.com,link,136,2025-01-01T00:00:00Z\n40,rachel.moore@gmial.com,create,,2025-01-01T00:00:00Z\n');
    const args = ['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv', '--links', 'samples/uf_match.csv', '--emails', 'samples/emails.csv', '--decisions', dec];
    const linked = await runInProcess(['explain', '29', ...args]);
    expect(linked.code).toBe(0);
    expect(linked.stdout).toContain('The decisions file links contact 136 (Lucy Henderson) instead');
    expect(linked.stdout).not.toContain("the one with the user's name");
    expect(linked.stdout).not.toContain('ufmatch proposes contact 136');
    const created = await runInProcess(['explain', '40', ...args]);
    expect(created.stdout).toContain('The decisions file has settled this user: create a new contact.');
    expect(created.stdout).not.toMatch(/merge it into contact 140/);
  });
});

describe('explain after --decisions moved a contact from one user to another', () => {
  it('says the contact is free again, and a create decision beside a contact carrying the email is said to be one', async () => {
    const dir = tempDir('ufm-moved-');
    writeFileSync(join(dir, 'u.csv'), 'ID,user_login,user_email,display_name,first_name,last_name\n1,a,a@x.org,Al Ant,Al,Ant\n2,b,b@x.org,Bo Bee,Bo,Bee\n');
    writeFileSync(join(dir, 'c.csv'), 'Contact ID,Contact Type,Display Name,First Name,Middle Name,Last Name,Email,Home-Email,Contact is in Trash\n5,Individual,Bo Bee,Bo,,Bee,a@x.org,b@x.org,No\n');
    writeFileSync(join(dir, 'd.csv'), 'uf_id,email,action,contact_id,decided_at\n1,a@x.org,create,,2026-11-22T10:00:00Z\n2,b@x.org,link,5,2026-11-22T10:00:01Z\n');
    const args = ['--users', join(dir, 'u.csv'), '--contacts', join(dir, 'c.csv'), '--decisions', join(dir, 'd.csv')];
    const two = await runInProcess(['explain', '2', ...args]);
    expect(two.code).toBe(0);
    expect(two.stdout).toContain("went to user 1 (Al Ant, a@x.org) in ufmatch's own proposal, but that user's decision has changed since");
    expect(two.stdout).not.toContain('the contact ufmatch links to user 1');
    const one = await runInProcess(['explain', '1', ...args]);
    expect(one.stdout).not.toContain('No contact carries a@x.org');
    expect(one.stdout).toContain('The decision is a new contact, though contact 5 (Bo Bee) carries a@x.org');
  });
});

