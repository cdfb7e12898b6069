/** explain for a link whose contact is missing from the export and whose uf_name is not the user's email. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

describe('explain: a link to a contact missing from the export, with another uf_name', () => {
  // found by a re-check: the uf_name step followed "delete the broken link" unconditionally, and
  // a user without an email got a stale-link with no reason ("differs from the user's email ")
  const dir = tempDir('ufm-orphan-uf-name-');
  writeFileSync(join(dir, 'u.csv'), 'ID,user_login,user_email\n3,carol,carol@example.org\n5,eve,\n');
  writeFileSync(join(dir, 'c.csv'), 'Contact ID,Contact Type,Email\n10,Individual,someone@example.org\n');
  writeFileSync(join(dir, 'l.csv'), 'id,domain_id,uf_id,uf_name,contact_id\n1,1,3,carol.old@example.org,903\n2,1,5,eve@example.org,905\n');
  const args = ['--users', join(dir, 'u.csv'), '--contacts', join(dir, 'c.csv'), '--links', join(dir, 'l.csv')];

  it('updates the uf_name only "if the link stays", after the step that may delete it', async () => {
    const r = await runInProcess(['explain', '3', ...args]);
    expect(r.stdout).toMatch(/2\. If contact 903 is gone, delete the broken link[^\n]*\n[^\n]*DELETE FROM civicrm_uf_match WHERE uf_id = 3/);
    expect(r.stdout).toContain("3. If the link stays, update the link's uf_name from carol.old@example.org to carol@example.org:");
  });

  it('a user without an email: the uf_name problem is named, as the plan names it', async () => {
    const r = await runInProcess(['explain', '5', ...args]);
    expect(r.stdout).toContain("- uf_name eve@example.org differs from the user's email (the user has none)");
    expect(r.stdout).toContain("The link's uf_name is still eve@example.org, not the user's email (the user has none)");
    expect(r.stdout).toContain("then if the link stays, update the link's uf_name from eve@example.org to it.");
  });
});
