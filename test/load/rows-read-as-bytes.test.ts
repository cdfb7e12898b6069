/**
 * streamCsv cuts a plain UTF-8 file from its bytes (plainFile.ts, plainCsv.ts) instead of with
 * papaparse: the users, links and --emails files go that way. On any file it must hand the
 * sink exactly what the papaparse path hands it (`plain: false`): the same header, rows and
 * lines, the same result (rows, hash, bytes, delimiter, encoding, header line), or the same
 * error. Checked on random files: quoting, doubled quotes, line breaks inside quotes, CRLF,
 * BOM, blank and delimiter-only lines, accents, delimiters inside quotes, files without a
 * final line break, and damaged files (quotes inside a value, text after a closing quote,
 * ragged rows, unclosed quotes, stray CR, invalid UTF-8, NUL bytes), read in chunks of a few
 * bytes or whole. And the bytes path is the one taken: every undamaged file is plain.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamCsv, type CsvResult } from '../../src/load/csvStream.js';
import type { PlainRowSink } from '../../src/load/plainCsv.js';
import { readPlainFile } from '../../src/load/plainFile.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();

const VALUE = fc.constantFrom('1', '42', 'ann@example.org', 'Zoë', ' spaced ', '', 'He said "hi"', 'two\nlines', 'x\r\ny', 'a,b', 'a;b', 'tab\there', '€ 5', 'Łódź', '""', 'end"', 'a-rather-long-value-of-ascii@example.org');

function cell(v: string, quote: boolean, delim: string): string {
  return quote || /["\r\n]/.test(v) || v.includes(delim) ? `"${v.replace(/"/g, '""')}"` : v;
}

const FILE = fc
  .record({
    width: fc.integer({ min: 1, max: 5 }),
    delim: fc.constantFrom(',', ';', '\t'),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    finalBreak: fc.boolean(),
    leadingBlank: fc.constantFrom(0, 0, 0, 1),
    rows: fc.array(fc.record({ values: fc.array(VALUE, { minLength: 5, maxLength: 5 }), quote: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), blankAfter: fc.constantFrom(0, 0, 0, 1, 2) }), { minLength: 0, maxLength: 8 }),
    damage: fc.constantFrom('none', 'none', 'none', 'none', 'quote-inside', 'after-quote', 'ragged', 'unclosed', 'stray-cr', 'bad-utf8', 'nul'),
    chunk: fc.constantFrom(3, 7, 64, 1 << 20),
  })
  .map((f) => {
    const br = f.crlf ? '\r\n' : '\n';
    // a one-column header has no delimiter to detect: the reader takes a comma
    const delim = f.width === 1 ? ',' : f.delim;
    const header = ['id', 'user_email', 'display_name', 'roles', 'x'].slice(0, f.width);
    const lines: string[] = [];
    for (let b = 0; b < f.leadingBlank; b++) lines.push('');
    lines.push(header.map((h) => cell(h, false, delim)).join(delim));
    for (const r of f.rows) {
      lines.push(r.values.slice(0, f.width).map((v, i) => cell(v, r.quote[i]!, delim)).join(delim));
      for (let b = 0; b < r.blankAfter; b++) lines.push(b === 0 ? '' : delim.repeat(f.width - 1));
    }
    let text = lines.join(br) + (f.finalBreak ? br : '');
    const at = text.length >> 1;
    let tail: Buffer | null = null;
    if (f.damage === 'quote-inside') text = text.replace(/(\n[^\n"]*?)([,;\t])([A-Za-z])/, '$1$2$3"');
    else if (f.damage === 'after-quote') text = text.slice(0, at) + '"q" z' + text.slice(at);
    else if (f.damage === 'ragged') text = text.replace(/\n(\d)/, `\n$1${delim}`);
    else if (f.damage === 'unclosed') text = text + delim + '"open';
    else if (f.damage === 'stray-cr') text = text.slice(0, at) + '\r' + text.slice(at);
    else if (f.damage === 'bad-utf8') tail = Buffer.from([0xc3, 0x28]);
    else if (f.damage === 'nul') tail = Buffer.from([0]);
    let bytes = Buffer.from((f.bom ? '\ufeff' : '') + text, 'utf8');
    if (tail) {
      const cut = bytes.length >> 1;
      bytes = Buffer.concat([bytes.subarray(0, cut), tail, bytes.subarray(cut)]);
    }
    return { bytes, chunk: f.chunk, damaged: f.damage !== 'none' };
  });

type Outcome = { ok: true; header: string[]; headerLine: number; rows: string[][]; lines: number[]; result: CsvResult } | { ok: false; message: string };

async function read(path: string, plain: boolean, chunk: number, owned?: boolean[]): Promise<Outcome> {
  let header: string[] = [];
  let headerLine = 0;
  const rows: string[][] = [];
  const lines: number[] = [];
  try {
    const result = await streamCsv(path, { plain, highWaterMark: chunk }, {
      header(f, line) {
        header = f;
        headerLine = line;
      },
      row(f, line, own) {
        rows.push(f);
        lines.push(line);
        owned?.push(own);
      },
    });
    return { ok: true, header, headerLine, rows, lines, result };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

const NOTHING: PlainRowSink = { header() {}, row() {} };
let files = 0;

describe('rows read as bytes', () => {
  it('are the rows papaparse reads, with the same lines and result, or the same error', async () => {
    let loaded = 0;
    let plainTaken = 0;
    await fc.assert(
      fc.asyncProperty(FILE, async ({ bytes, chunk, damaged }) => {
        const path = tmp.write(`r${files++}.csv`, bytes);
        const ref = await read(path, false, chunk);
        const owned: boolean[] = [];
        const got = await read(path, true, chunk, owned);
        expect(got).toEqual(ref);
        if (ref.ok) loaded++;
        const plain = await readPlainFile(path, NOTHING, { maxRowBytes: 1 << 20, chunk });
        if (!damaged) expect(plain?.kind, 'an undamaged file is plain: the bytes path reads it all').toBe('read');
        if (plain) plainTaken++;
        // fields are flagged as the sink's own exactly when they were cut from the bytes: all
        // rows, or those before the file stops being plain, or none
        const cut = plain === null ? 0 : plain.kind === 'read' ? Infinity : plain.rows;
        expect(owned.map((_, i) => i < cut)).toEqual(owned);
      }),
      { numRuns: 400 },
    );
    expect(loaded, 'most random files load (the comparison is not only of errors)').toBeGreaterThan(150);
    expect(plainTaken).toBeGreaterThan(150);
  }, 60_000);

  it('leave a file, from where it is not plain (a quote inside a value), to papaparse, which reads it', async () => {
    const path = tmp.write('quote-inside.csv', 'ID,user_email,display_name\n1,bob@example.org,Bob "Bobby" Lee\n');
    expect(await readPlainFile(path, NOTHING, { maxRowBytes: 1 << 20 })).toMatchObject({ kind: 'resume', at: 27, line: 2, rows: 0, width: 3 });
    const got = await read(path, true, 1 << 20);
    expect(got).toMatchObject({ ok: true, rows: [['1', 'bob@example.org', 'Bob "Bobby" Lee']] });
  });

  it('leave a row whose last value is quoted and ends in CR to papaparse (which drops that CR with the line end)', async () => {
    const path = tmp.write('quoted-cr.csv', 'id,name\n1,"x\r"\n2,"y"\n');
    const text = 'id,name,z\n1,"x\r",3\n';
    const middle = tmp.write('quoted-cr-middle.csv', text);
    expect(await readPlainFile(path, NOTHING, { maxRowBytes: 1 << 20 })).toMatchObject({ kind: 'resume', at: 8, line: 2, rows: 0 });
    expect(await read(path, true, 1 << 20)).toEqual(await read(path, false, 1 << 20));
    // not last in its row: kept, and plain
    expect(await readPlainFile(middle, NOTHING, { maxRowBytes: 1 << 20 })).toMatchObject({ kind: 'read' });
    expect(await read(middle, true, 1 << 20)).toMatchObject({ ok: true, rows: [['1', 'x\r', '3']] });
  });

  it('deliver each row once, the plain ones from the bytes and the rest through papaparse, and report the error papaparse reports first', async () => {
    // two faults in a longer file, in either order: a ragged row or a quote inside a value,
    // and a NUL or invalid UTF-8; whichever the whole-file papaparse read meets first (it
    // checks bytes a chunk at a time, before cutting that chunk's rows) must be the one reported
    const DAMAGE = fc.record({
      rows: fc.integer({ min: 4, max: 60 }),
      rowFault: fc.constantFrom('ragged', 'quote-inside', 'none'),
      rowAt: fc.nat(),
      byteFault: fc.constantFrom('nul', 'bad-utf8', 'none'),
      byteAt: fc.nat(),
      chunk: fc.constantFrom(3, 7, 16, 64, 256, 1 << 20),
    });
    let resumed = 0;
    await fc.assert(
      fc.asyncProperty(DAMAGE, async (d) => {
        const lines = ['id,user_email,display_name'];
        for (let i = 1; i <= d.rows; i++) lines.push(`${i},user${i}@example.org,"Ann ${i}"`);
        const r = 1 + (d.rowAt % d.rows);
        if (d.rowFault === 'ragged') lines[r] += ',extra';
        if (d.rowFault === 'quote-inside') lines[r] = `${r},user${r}@example.org,Ann "A" ${r}`;
        let bytes = Buffer.from(lines.join('\n') + '\n');
        if (d.byteFault !== 'none') {
          const at = lines[0]!.length + 1 + (d.byteAt % (bytes.length - lines[0]!.length - 1));
          const bad = d.byteFault === 'nul' ? [0] : [0xc3, 0x28];
          bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]);
        }
        const path = tmp.write(`two-faults-${files++}.csv`, bytes);
        const ref = await read(path, false, d.chunk);
        const got = await read(path, true, d.chunk);
        expect(got).toEqual(ref);
        if ((await readPlainFile(path, NOTHING, { maxRowBytes: 1 << 20, chunk: d.chunk }))?.kind === 'resume') resumed++;
      }),
      { numRuns: 300 },
    );
    expect(resumed, 'most files switch to papaparse part of the way').toBeGreaterThan(150);
  }, 60_000);

  it('decode the fields of ASCII rows and of rows with other characters, quotes undoubled', async () => {
    const path = tmp.write('own.csv', '\ufeffid,name,email\r\n7,"Zoë ""Z"" Lund",zoe@example.org\r\n8,"Bo ""B""",bo@example.org\r\n');
    const got = await read(path, true, 1 << 20);
    expect(got).toMatchObject({
      ok: true,
      header: ['id', 'name', 'email'],
      rows: [
        ['7', 'Zoë "Z" Lund', 'zoe@example.org'],
        ['8', 'Bo "B"', 'bo@example.org'],
      ],
      lines: [2, 3],
      result: { delimiter: ',', encoding: 'utf-8', rows: 2, headerLine: 1 },
    });
  });
});
