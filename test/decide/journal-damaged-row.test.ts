/**
 * A damaged journal row — a stray quote from a hand edit or a cut — is reported by its line and
 * hides no row after it; every row not applied is listed by line. The journal's writer keeps a
 * row on one line, and a quoted cell that does span lines (older journals, spreadsheets) is
 * still read as one row.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/cli/readJournal.js';
import { applyJournal, entryFor } from '../../src/decide/journal.js';
import { buildPlan } from '../../src/decide/plan.js';
import { JournalFile } from '../../src/output/journalFile.js';
import { contact, dataset, user } from '../helpers/build.js';
import { runInProcess } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const HEADER = 'uf_id,email,action,contact_id,decided_at';
const at = (i: number) => `2026-11-22T10:00:${String(i).padStart(2, '0')}.000Z`;

function journal(lines: readonly string[], end = '\r\n'): string {
  const path = join(tempDir('ufm-damaged-'), 'decisions.csv');
  writeFileSync(path, lines.join('\r\n') + end);
  return path;
}

describe('line endings', () => {
  it('a journal saved with CR alone (Excel for Mac) is read row by row, like LF and CRLF', () => {
    for (const nl of ['\r', '\n', '\r\n']) {
      const path = join(tempDir('ufm-cr-'), 'decisions.csv');
      writeFileSync(path, [HEADER, `1,a@example.org,skip,,${at(1)}`, `2,b@example.org,create,,${at(2)}`].join(nl) + nl);
      const r = readJournal(path);
      expect(r.entries.map((e) => [e.ufId, e.action, e.line])).toEqual([
        [1, 'skip', 2],
        [2, 'create', 3],
      ]);
      expect(r.problems).toEqual([]);
    }
  });

  it('a CR-only journal a review appended CRLF rows to is read whole', () => {
    const path = join(tempDir('ufm-mixed-'), 'decisions.csv');
    writeFileSync(path, `${HEADER}\r1,a@example.org,skip,,${at(1)}\r` + `2,b@example.org,create,,${at(2)}\r\n`);
    expect(readJournal(path).entries.map((e) => e.ufId)).toEqual([1, 2]);
  });
});

describe('a damaged journal row', () => {
  it('a stray quote hides none of the rows after it: each later row is an entry, the damaged line is reported', () => {
    const later = Array.from({ length: 12 }, (_, k) => `${100 + k},u${100 + k}@example.org,skip,,${at(k)}`);
    const r = readJournal(journal([HEADER, `1,a@example.org,skip,,${at(1)}`, `2,b@example.org,skip,,${at(2)}`, '"31,oops', ...later]));
    expect(r.entries.map((e) => e.ufId)).toEqual([1, 2, ...later.map((_, k) => 100 + k)]);
    expect(r.entries.at(-1)!.line).toBe(16);
    expect(r.problems).toEqual([{ kind: 'malformed', ufId: null, line: 4, detail: 'damaged (a quote (") opens a cell this line does not close), not applied' }]);
  });

  it('a replay lists every row not applied by its line, damaged, cut short or refused, and applies the rest', async () => {
    const dec = journal([
      HEADER,
      `29,hendersons@btinternet.com,skip,,${at(1)}`,
      '"31,oops',
      `40,rachel.moore@gmial.com,link,140,${at(2)}`,
      '33,"office@riverside-food-bank.org,skip,,x',
      `999,nobody@example.org,skip,,${at(3)}`,
      '34,thepatels@sky.com,sk',
      `31,bronwen.evans@gmail.com,skip,,${at(4)}`,
    ]);
    const out = tempDir('ufm-damaged-out-');
    const r = await runInProcess(['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv', '--links', 'samples/uf_match.csv', '--emails', 'samples/emails.csv', '--decisions', dec, '--yes', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const listed = r.stderr.split('\n').filter((l) => l.startsWith(`  ${dec} line `)).map((l) => Number(/ line (\d+):/.exec(l)![1]));
    expect(listed.sort((a, b) => a - b)).toEqual([3, 5, 6, 7]);
    expect(r.stderr).toContain('3 decisions applied, 4 not applied');
    expect(r.stderr).toContain(`${dec} line 5: damaged (a quote (") opens a cell this line does not close), not applied`);
    const links = readFileSync(join(out, 'links.csv'), 'utf8');
    for (const uf of ['29', '31']) expect(links).toMatch(new RegExp(`^${uf},[^\\r\\n]*,skip,decisions-file,`, 'm'));
    expect(links).toMatch(/^40,rachel\.moore@gmial\.com,140,link,decisions-file,/m);
  });

  it('past the first 20, a scripted run still names the line of every row not applied', async () => {
    const dec = journal([HEADER, ...Array.from({ length: 25 }, (_, k) => `"${k},oops`), `29,hendersons@btinternet.com,skip,,${at(1)}`, '"99']);
    const out = tempDir('ufm-damaged-out-');
    const r = await runInProcess(['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv', '--decisions', dec, '--yes', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('1 decision applied, 26 not applied');
    expect(r.stderr).toContain(`  ${dec} line 21: damaged`);
    expect(r.stderr).toContain('  … and 6 more, at lines 22-26, 28\n');
  });

  it('a quoted cell spanning lines is one row when the lines make a whole row (an older journal\'s email with a line break)', () => {
    const r = readJournal(journal([HEADER, `1,"jane@gmial.com`, `",link,10,${at(1)}`, `2,bob@example.org,skip,,${at(2)}`]));
    expect(r.problems).toEqual([]);
    expect(r.entries.map((e) => [e.ufId, e.email, e.line])).toEqual([[1, 'jane@gmial.com\r\n', 2], [2, 'bob@example.org', 4]]);
  });

  it('the writer puts a line break of an email as a space, so each row is one line, and the replay still knows the user', () => {
    const data = dataset([user(1, 'jane@example.org\r\n'), user(2, '\nbob@example.org')], [contact(10, 'jane@example.org'), contact(20, 'bob@example.org')]);
    const plan = buildPlan(data);
    const path = join(tempDir('ufm-damaged-'), 'decisions.csv');
    const j = JournalFile.open(path);
    for (const row of plan.rows) j.append(entryFor(row, { action: 'skip', reason: 'operator', decidedBy: 'operator' }, new Date()));
    j.close();
    expect(readFileSync(path, 'utf8').split('\r\n')).toHaveLength(4); // header, two rows, the end
    const { entries, problems } = readJournal(path);
    expect(problems).toEqual([]);
    const r = applyJournal(plan, entries, (id) => ({ type: 'Individual', deleted: false, id }), 'operator', data.links);
    expect(r.problems).toEqual([]);
    expect(r.plan.rows.map((x) => x.decision.action)).toEqual(['skip', 'skip']);
  });
});
