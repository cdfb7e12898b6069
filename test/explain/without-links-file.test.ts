/**
 * explain without --links: the user's link is not known, and the answer says so instead of
 * "none: uf_id 16 has no link", "has no link yet" and "Nothing is wrong" for a user who is in
 * fact linked (found by an explain audit; the fix step was missed at first, found by a review).
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/runCli.js';

const USERS = ['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv'];

describe('explain without a --links file', () => {
  it('says the link is not known, in the text and in --json', async () => {
    const text = await runInProcess(['explain', '16', ...USERS]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[1]).toMatch(/^User 16 has no link in these files \(no --links file was given\); CiviCRM links contact 130/);
    expect(text.stdout).not.toContain('Nothing is wrong: CiviCRM links');
    expect(text.stdout).toContain('Nothing is wrong in these files, but no --links file was given: check in CiviCRM that user 16 is not linked already.');
    expect(text.stdout).toContain('not known: no --links file (the civicrm_uf_match export) was given');
    expect(text.stdout).not.toContain('none: uf_id 16 has no link');
    const json = JSON.parse((await runInProcess(['explain', '16', ...USERS, '--json'])).stdout);
    expect(json.explanation.links_given).toBe(false);
  });

  it('with --links, reads as before', async () => {
    const r = await runInProcess(['explain', '16', ...USERS, '--links', 'samples/uf_match.csv']);
    expect(r.stdout).not.toContain('no --links file');
    expect(r.stdout).not.toContain('not known: no --links file');
  });
});
