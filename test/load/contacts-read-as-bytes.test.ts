/**
 * The contacts export read as bytes (contactBytes.ts, plainCsv.ts) gives exactly what
 * papaparse gives (contacts.ts with bytes: false): the same contacts, lines, row count and
 * hash, the same error for a bad file, and the same contacts to the onStored hook. Checked on
 * random files: quoting, doubled quotes, line breaks inside quotes, CRLF, BOM, blank and
 * delimiter-only lines, accents and non-breaking spaces at the ends of names, capitals and
 * spaces in addresses, an address repeated on a contact, types and trash flags in several
 * spellings, bad ids, and files that are not plain (quotes inside a value, text after a
 * closing quote, ragged rows, unclosed quotes), read in chunks of a few bytes or whole.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/domain/types.js';
import { loadContacts } from '../../src/load/contacts.js';
import type { ContactTable } from '../../src/load/contactTable.js';
import { expectInputError, tempDir } from './helpers.js';

const tmp = tempDir();

const HEADERS = [
  ['Contact ID', 'Contact Type', 'Display Name', 'First Name', 'Last Name', 'Email', 'Home-Email', 'Contact is in Trash'],
  ['id', 'display_name', 'first_name', 'middle_name', 'last_name', 'email_primary.email', 'is_deleted'],
  ['Internal Contact ID', 'Work-Email', 'Email', 'Last Name'],
];

const NAME = fc.constantFrom('Anna', 'Zoë', ' Bo ', '\u00a0Ana\u00a0', 'Łukasz', "O'Brien", 'He said "hi"', 'two\nlines', 'a,b', '', '  ', 'Ünal', 'x\r\ny');
const EMAIL = fc.constantFrom('ann@example.org', 'Ann@Example.ORG', ' ann@example.org ', 'ann+shop@gmail.com', 'zoë@exämple.org', 'ANN@EXAMPLE.ORG', '', 'not an email', 'b"q@x.org', '\tann@example.org');
// (now and then a type that is none of CiviCRM's: both ways keep it alike)
const TYPE = fc.oneof({ arbitrary: fc.constantFrom('Individual', 'Organization', 'household', ' Individual ', '', 'Einzelperson'), weight: 30 }, { arbitrary: fc.constant('Indvidual'), weight: 1 });
const TRASH = fc.constantFrom('0', '1', '', 'yes', 'TRUE', 'No', ' 1 ');
const ID = fc.oneof({ weight: 30, arbitrary: fc.integer({ min: 1, max: 99999 }).map(String) }, { weight: 1, arbitrary: fc.constantFrom(' 7 ', '007', 'x', '0', '1e3') });

/** A cell as a spreadsheet writes it: quoted when it must be (or at random), quotes doubled. */
function cell(v: string, quote: boolean, delim: string): string {
  return quote || /["\r\n]/.test(v) || v.includes(delim) ? `"${v.replace(/"/g, '""')}"` : v;
}

const FILE = fc
  .record({
    header: fc.integer({ min: 0, max: HEADERS.length - 1 }),
    delim: fc.constantFrom(',', ';', '\t'),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    finalBreak: fc.boolean(),
    rows: fc.array(
      fc.record({ id: ID, names: fc.array(NAME, { minLength: 4, maxLength: 4 }), emails: fc.array(EMAIL, { minLength: 2, maxLength: 2 }), type: TYPE, trash: TRASH, quote: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), blankAfter: fc.constantFrom(0, 0, 0, 1, 2) }),
      { minLength: 1, maxLength: 8 },
    ),
    damage: fc.constantFrom('none', 'none', 'none', 'quote-inside', 'after-quote', 'ragged', 'unclosed', 'stray-cr'),
    chunk: fc.constantFrom(3, 7, 64, 1 << 20),
  })
  .map((f) => {
    const header = HEADERS[f.header]!;
    const br = f.crlf ? '\r\n' : '\n';
    const lines = [header.map((h) => cell(h, false, f.delim)).join(f.delim)];
    let n = 1;
    for (const r of f.rows) {
      const values = header.map((h) => {
        const k = h.toLowerCase();
        if (k.includes('id')) return r.id;
        if (k.includes('type')) return r.type;
        if (k.includes('trash') || k.includes('deleted')) return r.trash;
        if (k.includes('email')) return r.emails[n++ % 2]!;
        return r.names[n++ % 4]!;
      });
      lines.push(values.map((v, i) => cell(v, r.quote[i]!, f.delim)).join(f.delim));
      for (let b = 0; b < r.blankAfter; b++) lines.push(b === 0 ? '' : f.delim.repeat(header.length - 1));
    }
    let text = lines.join(br) + (f.finalBreak ? br : '');
    const at = text.length >> 1;
    if (f.damage === 'quote-inside') text = text.replace(/(\n[^\n"]*?)([,;\t])([A-Za-z])/, '$1$2$3"');
    else if (f.damage === 'after-quote') text = text.slice(0, at) + '"q" z' + text.slice(at);
    else if (f.damage === 'ragged') text = text.replace(/\n(\d)/, `\n$1${f.delim}`);
    else if (f.damage === 'unclosed') text = text + f.delim + '"open';
    else if (f.damage === 'stray-cr') text = text.slice(0, at) + '\r' + text.slice(at);
    return { text: (f.bom ? '\ufeff' : '') + text, chunk: f.chunk };
  });

type Outcome = { ok: true; contacts: Contact[]; stored: Contact[]; rows: number; sha256: string } | { ok: false; message: string };

async function load(path: string, bytes: boolean, chunk: number): Promise<Outcome> {
  const stored: Contact[] = [];
  try {
    const r = await loadContacts(path, { bytes, highWaterMark: chunk, onStored: (t: ContactTable, pos: number) => stored.push(t.at(pos)) });
    return { ok: true, contacts: [...r.contacts], stored, rows: r.info.rows, sha256: r.info.sha256 };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

let files = 0;

describe('contacts read as bytes', () => {
  it('load exactly as papaparse loads them, or fail with the same error', async () => {
    let loaded = 0;
    await fc.assert(
      fc.asyncProperty(FILE, async ({ text, chunk }) => {
        const path = tmp.write(`c${files++}.csv`, text);
        const ref = await load(path, false, chunk);
        const got = await load(path, true, chunk);
        expect(got).toEqual(ref);
        if (ref.ok) loaded++;
      }),
      { numRuns: 400 },
    );
    expect(loaded, 'most random files load (the comparison is not only of errors)').toBeGreaterThan(100);
  }, 60_000);

  it('read a file with CRLF, a BOM, quoted line breaks and accents from its bytes, line numbers included', async () => {
    const path = tmp.write('plain.csv', '\ufeffContact ID,First Name,Last Name,Email\r\n1,Zoë,"Two\r\nLines",ZOE@Example.org\r\n\r\n,,,\r\n2,"Bo ""B""",Lund, bo@example.org \r\n');
    const r = await loadContacts(path);
    const [a, b] = [...r.contacts];
    expect(a).toMatchObject({ id: 1, firstName: 'Zoë', lastName: 'Two\r\nLines', line: 2, emails: [{ email: 'ZOE@Example.org', key: 'zoe@example.org', primary: true }] });
    expect(b).toMatchObject({ id: 2, firstName: 'Bo "B"', line: 6, emails: [{ email: ' bo@example.org ', key: 'bo@example.org' }] });
  });

  it('leave a directory or a FIFO to the CSV reader, which says what it is (and does not wait on the FIFO)', async () => {
    await expectInputError(loadContacts(tmp.dir), tmp.dir, null, /is a directory/);
    const fifo = join(tmp.dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    await expectInputError(loadContacts(fifo), fifo, null, /is a pipe or a device, not a file/);
  });

  it('leave a file, from where it is not plain CSV, to papaparse, which loads the rest into the same table', async () => {
    const path = tmp.write('quote-inside.csv', 'Contact ID,Display Name,Email\n1,Ann,ann@example.org\n2,Bob "Bobby" Lee,bob@example.org\n3,Cy,cy@example.org\n');
    const stored: number[] = [];
    const r = await loadContacts(path, { onStored: (_t, pos) => stored.push(pos) });
    expect([...r.contacts].map((c) => [c.id, c.displayName, c.line])).toEqual([
      [1, 'Ann', 2],
      [2, 'Bob "Bobby" Lee', 3],
      [3, 'Cy', 4],
    ]);
    expect(stored).toEqual([0, 1, 2]);
    expect(r.info.rows).toBe(3);
  });
});
