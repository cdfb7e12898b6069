/**
 * A journal re-saved in a spreadsheet reaches --decisions as an .xlsx, as UTF-16 without a
 * byte-order mark (Gnumeric) or in Windows-1252. It was read as UTF-8 whatever --encoding said,
 * and refused with "missing column … (found: PK␃␄…)" or "u␀f␀_␀i␀d␀…" (spreadsheet audit). It is
 * now read as the exports are: told for what it is, or decoded in the --encoding given.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const SAMPLES = ['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv', '--links', 'samples/uf_match.csv', '--emails', 'samples/emails.csv'];
const JOURNAL = 'uf_id,email,action,contact_id,decided_at\r\n29,hendersons@btinternet.com,link,136,2026-11-23T09:42:26.707Z\r\n';

async function replay(bytes: Buffer, ...more: string[]): Promise<{ code: number; stderr: string }> {
  const dir = tempDir('ufm-dec-enc-');
  const dec = join(dir, 'decisions.csv');
  writeFileSync(dec, bytes);
  const r = await runInProcess([...SAMPLES, '--decisions', dec, '--yes', '--out', join(dir, 'out'), ...more]);
  return { code: r.code, stderr: r.stderr.replaceAll(dec, 'DEC') };
}

describe('--decisions read as the exports are', () => {
  it('a spreadsheet file is named as one', async () => {
    const r = await replay(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60)]));
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('ufmatch: DEC line 1: this is a ZIP archive (an .xlsx/.ods spreadsheet?), not CSV — open it in the spreadsheet and save as CSV (UTF-8)\n');
  });

  it('UTF-16 without a byte-order mark: named, and read with --encoding utf-16le', async () => {
    const wide = iconv.encode(JOURNAL, 'utf-16le');
    const refused = await replay(wide);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('DEC line 1: the file contains NUL bytes: it looks like UTF-16LE text without a byte-order mark — give --encoding utf-16le');
    const read = await replay(wide, '--encoding', 'utf-16le');
    expect(read.code, read.stderr).toBe(0);
    expect(read.stderr).toContain('DEC: 1 decision applied, 0 not applied');
  });

  it('Windows-1252: refused without --encoding (not misread), read with it', async () => {
    // a note in a column of its own, with an é the spreadsheet saved as one byte
    const text = JOURNAL.replace('decided_at\r\n', 'decided_at,note\r\n').replace('.707Z\r\n', '.707Z,appelée\r\n');
    const single = iconv.encode(text, 'windows-1252');
    const refused = await replay(single);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('the file is not valid UTF-8 (saved by a spreadsheet in another encoding?) — give its encoding, e.g. --encoding windows-1252');
    const read = await replay(single, '--encoding', 'windows-1252');
    expect(read.code, read.stderr).toBe(0);
    expect(read.stderr).toContain('DEC: 1 decision applied, 0 not applied');
  });
});
