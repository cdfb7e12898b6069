/**
 * A journal row cut short (a crash or a full disk in the middle of a write) is reported by its
 * line and replaces nothing: `…,link,14` may be `…,link,143` cut, so the decision before it
 * for that user stays in force. A row whose decision cells are whole is applied even when the
 * file ends without a line break (decided_at is not checked).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/cli/readJournal.js';
import { runInProcess } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const HEADER = 'uf_id,email,action,contact_id,decided_at';

function journal(text: string): string {
  const path = join(tempDir('ufm-cut-'), 'decisions.csv');
  writeFileSync(path, text);
  return path;
}

describe('a journal row cut short', () => {
  it('fewer columns than the header, without a line end: reported by line, not an entry', () => {
    const r = readJournal(journal(`${HEADER}\r\n42,katherne.walsh@yahoo.co.uk,link,143,2026-11-22T10:00:00.000Z\r\n42,katherne.walsh@yahoo.co.uk,link,14`));
    expect(r.entries.map((e) => [e.ufId, e.contactId, e.line])).toEqual([[42, 143, 2]]);
    expect(r.problems).toEqual([{ kind: 'malformed', ufId: 42, line: 3, detail: 'cut short (4 of its 5 columns), not applied' }]);
  });

  it('fewer columns with a line end (a later row was written after the cut): reported too', () => {
    const r = readJournal(journal(`${HEADER}\r\n7,a@example.org,skip\r\n8,b@example.org,skip,,2026-11-22T10:00:00.000Z\r\n`));
    expect(r.entries.map((e) => e.ufId)).toEqual([8]);
    expect(r.problems).toEqual([expect.objectContaining({ line: 2, detail: 'cut short (3 of its 5 columns), not applied' })]);
  });

  it('more columns than the header (two rows run together) is reported; empty trailing cells are not', () => {
    const r = readJournal(journal(`${HEADER},\r\n1,a@example.org,link,1443,b@example.org,skip,,2026-11-22T10:00:00.000Z\r\n2,c@example.org,skip,,2026-11-22T10:00:01.000Z,,\r\n`));
    expect(r.entries.map((e) => e.ufId)).toEqual([2]);
    expect(r.problems).toEqual([expect.objectContaining({ line: 2, ufId: 1, detail: 'more columns than the header (8 for 5: two rows run together?), not applied' })]);
  });

  it("an operator's note in a column added without a name (a spreadsheet's) is ignored: the row applies", () => {
    const r = readJournal(journal(`${HEADER},\r\n29,hendersons@btinternet.com,link,136,2026-11-23T09:42:26.707Z,Lucy confirmed by phone\r\n`));
    expect(r).toEqual({ entries: [expect.objectContaining({ ufId: 29, action: 'link', contactId: 136 })], problems: [] });
  });

  it("an operator's note of several lines in a column added without a name (a spreadsheet's Alt+Enter) is ignored too: the row applies", () => {
    const r = readJournal(journal(`${HEADER},\r\n29,hendersons@btinternet.com,link,136,2026-11-23T09:42:26.707Z,"Lucy confirmed\nby phone"\r\n33,office@riverside-food-bank.org,skip,,2026-11-23T09:42:30.000Z\r\n`));
    expect(r).toEqual({ entries: [expect.objectContaining({ ufId: 29, action: 'link', contactId: 136, line: 2 }), expect.objectContaining({ ufId: 33, line: 4 })], problems: [] });
  });

  it('a last row whose decision cells are whole is applied without a line end, whatever its decided_at', () => {
    const cutInDate = readJournal(journal(`${HEADER}\r\n42,katherne.walsh@yahoo.co.uk,link,143,2026-11-2`));
    expect(cutInDate).toEqual({ entries: [expect.objectContaining({ ufId: 42, contactId: 143, decidedAt: '2026-11-2' })], problems: [] });
    // a hand-written file without decided_at: four columns are whole rows
    const handWritten = readJournal(journal('uf_id,email,action,contact_id\n42,katherne.walsh@yahoo.co.uk,link,143'));
    expect(handWritten).toEqual({ entries: [expect.objectContaining({ ufId: 42, contactId: 143, decidedAt: '' })], problems: [] });
  });

  it('a replay keeps the decision before a cut last row in force, and says which line it did not apply', async () => {
    const dir = tempDir('ufm-cut-');
    const dec = journal(`${HEADER}\r\n42,katherne.walsh@yahoo.co.uk,link,143,2026-11-22T10:00:00.000Z\r\n42,katherne.walsh@yahoo.co.uk,link,14`);
    const r = await runInProcess(['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv', '--links', 'samples/uf_match.csv', '--emails', 'samples/emails.csv', '--decisions', dec, '--yes', '--out', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${dec}: 1 decision applied, 1 not applied; 1 user differs from ufmatch's proposal\n`);
    expect(r.stderr).toContain(`  ${dec} line 3: cut short (4 of its 5 columns), not applied\n`);
    const links = Papa.parse<Record<string, string>>(readFileSync(join(dir, 'links.csv'), 'utf8'), { header: true }).data;
    expect(links.find((x) => x.uf_id === '42')).toMatchObject({ action: 'link', contact_id: '143', decided_by: 'decisions-file' });
  });
});
