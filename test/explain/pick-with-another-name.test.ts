/**
 * The one usable contact carrying the user's email has another person's name: ufmatch links it
 * (SPEC §4), and explain's CiviCRM paragraph said "probably not them, yet the user would see its
 * records" — while its headline said "as ufmatch proposes" and its fix "Nothing is wrong", with
 * the SQL to make that link (found by an audit of explain). Headline and fix now say to check.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

describe('explain: CiviCRM links a contact with another name than the user', () => {
  const dir = tempDir('ufm-another-name-');
  writeFileSync(join(dir, 'u.csv'), 'ID,user_login,user_email,first_name,last_name\n33,soren,s.ferrari@example.ca,Søren,Ferrari\n34,mia,mia@example.org,Mia,Lind\n');
  writeFileSync(
    join(dir, 'c.csv'),
    'id,contact_type,display_name,first_name,last_name,email,is_deleted\n361,Individual,Søren Ferrari,Søren,Ferrari,s.ferrari@example.ca,1\n362,Individual,Youssef Lynch,Youssef,Lynch,s.ferrari@example.ca,0\n40,Individual,Mia Lind,Mia,Lind,mia@example.org,0\n',
  );
  writeFileSync(join(dir, 'l.csv'), 'uf_id,contact_id\n'); // no links (without the file, "Nothing is wrong" is hedged)
  const args = ['--users', join(dir, 'u.csv'), '--contacts', join(dir, 'c.csv'), '--links', join(dir, 'l.csv')];

  it('says to check it in the headline and the fix, names the namesake, and offers the SQL only "if it is them"', async () => {
    const r = await runInProcess(['explain', '33', ...args]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('as ufmatch proposes — but it has another name than the user (Søren Ferrari): check that it is them.');
    expect(r.stdout).not.toContain('Nothing is wrong');
    expect(r.stdout).toContain('ask the user whether it is them');
    expect(r.stdout).toContain('Contact 361 (Søren Ferrari), in the trash, has their name: perhaps that one is theirs.');
    expect(r.stdout).toContain('If contact 362 (Youssef Lynch) is them, to link now');
  });

  it('a pick with the user’s name stays "Nothing is wrong"', async () => {
    const r = await runInProcess(['explain', '34', ...args]);
    expect(r.stdout).toContain('Nothing is wrong: CiviCRM links contact 40 (Mia Lind) by itself');
    expect(r.stdout).not.toContain('another name');
  });
});

describe('explain: a user held for review by a namesake while CiviCRM links someone else', () => {
  it('the headline says whom CiviCRM links on its own', async () => {
    const dir = tempDir('ufm-held-by-namesake-');
    writeFileSync(join(dir, 'u.csv'), 'ID,user_login,user_email,first_name,last_name\n2,brian,brian@example.org,Brian,Walker\n');
    writeFileSync(join(dir, 'c.csv'), 'id,contact_type,display_name,first_name,last_name,email,is_deleted\n200,Individual,Tom Jones,Tom,Jones,brian@example.org,0\n201,Individual,Brian Walker,Brian,Walker,bwalker@other.org,0\n');
    writeFileSync(join(dir, 'l.csv'), 'uf_id,contact_id\n'); // no links (without the file, the headline says a link would not show)
    const r = await runInProcess(['explain', '2', '--users', join(dir, 'u.csv'), '--contacts', join(dir, 'c.csv'), '--links', join(dir, 'l.csv')]);
    expect(r.stdout.split('\n')[1]).toBe(
      'User 2 has no link: contact 201 (Brian Walker) has their name but another email, bwalker@other.org, so CiviCRM does not find it; CiviCRM on its own would link contact 200 (Tom Jones), who has another name.',
    );
  });
});
