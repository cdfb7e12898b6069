/**
 * A review killed mid-write (kill -9, a power cut) can leave its journal ending inside a
 * character: `…,josé` cut between the two bytes of é. Replayed with --decisions (as a scripted
 * run suggests for the journal it finds in --out), the rows before the cut must still apply and
 * the cut row be reported as cut short — not the whole file refused as unreadable, nor, with an
 * --encoding for the exports, the whole UTF-8 journal decoded in that encoding.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/cli/readJournal.js';
import { runInProcess } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const SAMPLES = ['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv', '--links', 'samples/uf_match.csv', '--emails', 'samples/emails.csv'];
const HEADER = 'uf_id,email,action,contact_id,decided_at\r\n';
const WHOLE = '29,hendersons@btinternet.com,link,136,2026-11-23T09:42:26.707Z\r\n';
/** The last row cut between the two bytes of é. */
const CUT = Buffer.concat([Buffer.from('33,jos', 'utf8'), Buffer.from([0xc3])]);

function journalFile(...parts: (string | Buffer)[]): string {
  const dir = tempDir('ufm-dec-cut-');
  const dec = join(dir, 'decisions.csv');
  writeFileSync(dec, Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p))));
  return dec;
}

describe('a --decisions journal cut inside a character', () => {
  it('applies the rows before the cut and reports the cut one', async () => {
    const dec = journalFile(HEADER, WHOLE, CUT);
    const r = await runInProcess([...SAMPLES, '--decisions', dec, '--yes', '--out', join(dec, '..', 'out')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${dec}: 1 decision applied, 1 not applied`);
    expect(r.stderr).toContain(`${dec} line 3: cut short`);
  });

  it('is read as UTF-8 with a single-byte --encoding: its accents are not decoded as windows-1252', () => {
    const dec = journalFile(HEADER, '14,lukasz.wiśniewski@gmail.com,skip,,2026-11-23T09:42:20.000Z\r\n', WHOLE, CUT);
    const r = readJournal(dec, true, 'windows-1252');
    expect(r.entries.map((e) => e.email)).toEqual(['lukasz.wiśniewski@gmail.com', 'hendersons@btinternet.com']);
    expect(r.problems).toEqual([expect.objectContaining({ line: 4 })]);
  });
});
