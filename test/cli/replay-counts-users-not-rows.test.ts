/**
 * A review's journal keeps every step — a decision, its undo (a row back to the proposal), its
 * redo — so `--decisions` may apply more rows than it decides users. The report said "14
 * decisions applied … 12 users differ" for 12 users; it now says the rows and the users apart.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const SAMPLES = ['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv', '--links', 'samples/uf_match.csv', '--emails', 'samples/emails.csv'];

async function replay(rows: string): Promise<string> {
  const dir = tempDir('ufm-rows-');
  const dec = join(dir, 'decisions.csv');
  writeFileSync(dec, `uf_id,email,action,contact_id,decided_at\r\n${rows}`);
  const r = await runInProcess([...SAMPLES, '--decisions', dec, '--yes', '--out', join(dir, 'out')]);
  expect(r.code, r.stderr).toBe(0);
  return r.stderr.replaceAll(dec, 'DEC');
}

describe('--decisions reports rows and users apart', () => {
  it('three rows for one user (decided, set back, decided again): 3 rows, 1 user', async () => {
    const stderr = await replay(
      '42,katherne.walsh@yahoo.co.uk,link,143,2026-11-22T10:00:00.000Z\r\n42,katherne.walsh@yahoo.co.uk,skip,,2026-11-22T10:00:01.000Z\r\n42,katherne.walsh@yahoo.co.uk,link,143,2026-11-22T10:00:02.000Z\r\n',
    );
    expect(stderr).toContain("DEC: 1 user decided by the 3 rows applied (a journal keeps undone and replaced steps too), 0 not applied; 1 user differs from ufmatch's proposal\n");
  });

  it('one row per user reads as before', async () => {
    const stderr = await replay('42,katherne.walsh@yahoo.co.uk,link,143,2026-11-22T10:00:00.000Z\r\n');
    expect(stderr).toContain("DEC: 1 decision applied, 0 not applied; 1 user differs from ufmatch's proposal\n");
  });
});
