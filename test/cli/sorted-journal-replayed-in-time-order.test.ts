/**
 * A journal sorted in a spreadsheet (newest first, by action, by contact) still says when each
 * row was decided: replayed in the file's order, the operator's abandoned decisions came last
 * and won (user 29 linked to the contact turned down, 33 skipped instead of created). Rows that
 * all carry ufmatch's ISO decided_at are applied in time order, and the report says so.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const SAMPLES = ['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv', '--links', 'samples/uf_match.csv', '--emails', 'samples/emails.csv'];

/** The review's journal: 29 linked to 135 then to 136; 33 skipped then created; 40 linked, skipped, linked again. */
const DECIDED = [
  '29,hendersons@btinternet.com,link,135,2026-11-23T09:42:19.643Z',
  '33,office@riverside-food-bank.org,skip,,2026-11-23T09:42:21.066Z',
  '29,hendersons@btinternet.com,link,136,2026-11-23T09:42:26.707Z',
  '33,office@riverside-food-bank.org,create,,2026-11-23T09:42:29.569Z',
  '40,rachel.moore@gmial.com,link,140,2026-11-23T09:42:32.506Z',
  '40,rachel.moore@gmial.com,skip,,2026-11-23T09:42:35.339Z',
  '40,rachel.moore@gmial.com,link,140,2026-11-23T09:42:36.082Z',
];

async function replay(rows: readonly string[]): Promise<{ stderr: string; links: Map<string, string> }> {
  const dir = tempDir('ufm-sorted-');
  const dec = join(dir, 'decisions.csv');
  writeFileSync(dec, ['uf_id,email,action,contact_id,decided_at', ...rows].map((r) => `${r}\r\n`).join(''));
  const r = await runInProcess([...SAMPLES, '--decisions', dec, '--yes', '--out', join(dir, 'out')]);
  expect(r.code, r.stderr).toBe(0);
  const links = new Map(
    readFileSync(join(dir, 'out', 'links.csv'), 'utf8').split('\r\n').slice(1).filter(Boolean).map((l) => {
      const [uf, , contact, action] = l.split(',');
      return [uf!, `${action} ${contact}`] as const;
    }),
  );
  return { stderr: r.stderr.replaceAll(dec, 'DEC'), links };
}

describe('a journal sorted in a spreadsheet', () => {
  it.each([
    ['newest first', [...DECIDED].reverse()],
    ['by action', [...DECIDED].sort((a, b) => a.split(',')[2]!.localeCompare(b.split(',')[2]!))],
  ])('%s: replays the decisions the operator ended on, and says the rows were put back in time order', async (_, rows) => {
    const { stderr, links } = await replay(rows);
    expect([links.get('29'), links.get('33'), links.get('40')]).toEqual(['link 136', 'create ', 'link 140']);
    expect(stderr).toContain('its rows were not in decided_at order (sorted in a spreadsheet?): they were applied in the order they were decided');
  });

  it('in the order written: nothing said about the order', async () => {
    const { stderr, links } = await replay(DECIDED);
    expect(links.get('29')).toBe('link 136');
    expect(stderr).not.toContain('decided_at order');
  });

  it('with a time a spreadsheet rewrote (not ISO 8601): the file order stands, as before', async () => {
    const rows = [...DECIDED].reverse().map((r, i) => (i === 0 ? r.replace(/,[^,]*$/, ',23.11.2026 09:42') : r));
    const { stderr, links } = await replay(rows);
    expect(links.get('29')).toBe('link 135');
    expect(stderr).not.toContain('decided_at order');
  });
});
