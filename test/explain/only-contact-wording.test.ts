/** explain's words for deleted-match and non-individual-match: "the only contact" only when it is. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

describe('explain: a trashed contact alone with the email, or beside an Organization', () => {
  it('says "the only contact" for the first and "no usable contact" for the second', async () => {
    const dir = tempDir('ufm-only-');
    writeFileSync(join(dir, 'u.csv'), 'ID,user_login,user_email\n4,tom,tom@example.org\n5,ann,ann@example.org\n');
    writeFileSync(join(dir, 'c.csv'), 'id,contact_type,display_name,email,is_deleted\n40,Individual,T L,tom@example.org,1\n41,Organization,T Org,tom@example.org,0\n50,Individual,A L,ann@example.org,1\n');
    const args = ['--users', join(dir, 'u.csv'), '--contacts', join(dir, 'c.csv')];
    const shared = await runInProcess(['explain', '4', ...args]);
    expect(shared.code).toBe(0);
    expect(shared.stdout).toContain('no usable contact has their email: contact 40 (T L) is in the trash');
    expect(shared.stdout).not.toMatch(/only contact/i);
    const alone = await runInProcess(['explain', '5', ...args]);
    expect(alone.stdout).toContain('the only contact with their email, contact 50 (A L), is in the trash');
  });
});
