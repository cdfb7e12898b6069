import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, describeOpenError, streamCsv, type CsvOptions, type CsvProgress } from '../../src/load/csvStream.js';
import { isUtf8File } from '../../src/load/decode.js';
import { InputError } from '../../src/load/errors.js';
import { expectInputError, fixture, tempDir } from './helpers.js';

const tmp = tempDir();

interface Collected {
  header: string[];
  headerLine: number;
  rows: string[][];
  lines: number[];
  result: Awaited<ReturnType<typeof streamCsv>>;
}

async function collectRows(path: string, options: CsvOptions): Promise<Collected> {
  let header: string[] = [];
  let headerLine = 0;
  const rows: string[][] = [];
  const lines: number[] = [];
  const result = await streamCsv(path, options, {
    header(f, line) {
      header = [...f];
      headerLine = line;
    },
    row(f, line) {
      rows.push([...f]);
      lines.push(line);
    },
  });
  return { header, headerLine, rows, lines, result };
}

// Every case twice: a plain UTF-8 file is cut from its bytes (plainFile.ts) unless `plain: false`,
// and both ways must read it alike (rows-read-as-bytes.test.ts checks that on random files).
for (const plain of [true, false]) {
  describe(plain ? 'bytes first (plain files cut from their bytes)' : 'papaparse only (plain: false)', () => {
    const collect = (path: string, options: CsvOptions = {}): Promise<Collected> => collectRows(path, { plain, ...options });

    describe('streamCsv: delimiters, line endings, BOM', () => {
      it.each([
        [',', 'comma'],
        [';', 'semicolon'],
        ['\t', 'tab'],
      ])('detects %j (%s) from the header line', async (d) => {
        const p = tmp.write(`delim-${d.charCodeAt(0)}.csv`, `a${d}b${d}c\n1${d}"x${d}y"${d}3\n`);
        const { header, rows, result } = await collect(p);
        expect(result.delimiter).toBe(d);
        expect(header).toEqual(['a', 'b', 'c']);
        expect(rows).toEqual([['1', `x${d}y`, '3']]);
      });

      it.each([
        ['sep=;\n', ';'],
        ['SEP=,\r\n', ','],
        ['sep=\t\n', '\t'],
        ['\nsep=;\n\n', ';'],
        ['"sep=;"\n', ';'],
        ['"SEP=\t"\r\n', '\t'],
      ])('skips a spreadsheet\'s %j line before the header and cuts by the delimiter it names', async (first, d) => {
        const crlf = first.includes('\r');
        const br = crlf ? '\r\n' : '\n';
        const p = tmp.write(`sep-${d.charCodeAt(0)}-${first.length}.csv`, `${first}a${d}b${d}c${br}1${d}"x${d}y"${d}3${br}`);
        const { header, headerLine, rows, lines, result } = await collect(p);
        expect(result.delimiter).toBe(d);
        expect(header).toEqual(['a', 'b', 'c']);
        const at = first.split('\n').length;
        expect(headerLine).toBe(at);
        expect(rows).toEqual([['1', `x${d}y`, '3']]);
        expect(lines).toEqual([at + 1]);
      });

      it('a "sep=;" row after the header is data, not skipped', async () => {
        const p = tmp.write('sep-late.csv', 'a;b\nsep=;\n1;2\n');
        const { rows } = await collect(p);
        expect(rows).toEqual([['sep=', ''], ['1', '2']]);
      });

      it('counts delimiters outside quotes only', () => {
        expect(detectDelimiter('"a;b;c;d",e,f')).toBe(',');
        expect(detectDelimiter('a;b;c')).toBe(';');
        expect(detectDelimiter('single')).toBe(',');
        expect(detectDelimiter('a\tb\tc,d')).toBe('\t');
      });

      it('strips a UTF-8 BOM', async () => {
        const p = tmp.write('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('ID,user_email\n1,a@x.org\n')]));
        const { header, result } = await collect(p);
        expect(header).toEqual(['ID', 'user_email']);
        expect(result.encoding).toBe('utf-8');
      });

      it('CRLF files yield no stray \\r, with any chunk size', async () => {
        const text = 'a,b,c\r\n1,2,3\r\n"q\r\nr",5,"6"\r\n7,8,9\r\n';
        const p = tmp.write('crlf.csv', text);
        for (const hwm of [1, 2, 3, 5, 8, 64]) {
          const { header, rows, lines } = await collect(p, { highWaterMark: hwm });
          expect(header).toEqual(['a', 'b', 'c']);
          expect(rows).toEqual([
            ['1', '2', '3'],
            ['q\r\nr', '5', '6'],
            ['7', '8', '9'],
          ]);
          expect(lines).toEqual([2, 3, 5]);
          for (const r of rows) expect(r[r.length - 1]).not.toMatch(/\r$/);
        }
      });

      it('mixed CRLF and LF lines load cleanly', async () => {
        const p = tmp.write('mixed.csv', 'a,b\n1,2\r\n3,4\n5,6\r\n');
        const { rows, lines } = await collect(p);
        expect(rows).toEqual([
          ['1', '2'],
          ['3', '4'],
          ['5', '6'],
        ]);
        expect(lines).toEqual([2, 3, 4]);
      });

      it('CR-only (old Mac) files are cut on CR', async () => {
        const p = tmp.write('cr.csv', 'a,b\r1,2\r3,"x\ry"\r');
        const { rows, lines } = await collect(p);
        expect(rows).toEqual([
          ['1', '2'],
          ['3', 'x\ry'],
        ]);
        expect(lines).toEqual([2, 3]);
      });

      it('a trailing newline, blank lines and a missing final newline give no empty rows', async () => {
        const p1 = tmp.write('trailing.csv', 'a,b\n1,2\n');
        expect((await collect(p1)).rows).toEqual([['1', '2']]);
        const p2 = tmp.write('blank-lines.csv', '\n\na,b\n1,2\n\n3,4\n\n\n');
        const c = await collect(p2);
        expect(c.headerLine).toBe(3);
        expect(c.rows).toEqual([
          ['1', '2'],
          ['3', '4'],
        ]);
        expect(c.lines).toEqual([4, 6]);
        const p4 = tmp.write('delims-only.csv', 'a,b,c\n1,2,3\n,,\n,\n,,,,\n');
        expect((await collect(p4)).rows).toEqual([['1', '2', '3']]);
        const p3 = tmp.write('no-final-newline.csv', 'a,b\n1,2');
        expect((await collect(p3)).rows).toEqual([['1', '2']]);
      });

      it('quoted fields keep embedded newlines, doubled quotes and delimiters', async () => {
        const p = tmp.write('quoted.csv', 'a,b\n"x ""y"", z","1\n2"\n');
        const { rows } = await collect(p);
        expect(rows).toEqual([['x "y", z', '1\n2']]);
      });
    });

    describe('streamCsv: line numbers', () => {
      it('reports the physical start line of rows after multi-line fields, and in a later error', async () => {
        const path = fixture('multiline.csv');
        await expectInputError(collect(path), path, 8, /row has 5 fields but the header has 4/);
        const lines: number[] = [];
        await streamCsv(path, { plain }, {
          header() {},
          row(_f, line) {
            lines.push(line);
            if (line === 7) throw new InputError(path, line, 'stop', 'test');
          },
        }).catch(() => undefined);
        expect(lines).toEqual([2, 4, 7]);
      });

      it('line numbers survive every chunk size', async () => {
        const text = readFileSync(fixture('multiline.csv'), 'utf8').split('\n').slice(0, 7).join('\n') + '\n';
        const p = tmp.write('multiline-ok.csv', text);
        for (const hwm of [1, 4, 7, 16, 1000]) {
          const { lines } = await collect(p, { highWaterMark: hwm });
          expect(lines).toEqual([2, 4, 7]);
        }
      });
    });

    describe('streamCsv: encodings', () => {
      const names = 'ID,display_name\n1,Renée Müller\n2,Señor Ñandú\n';

      it.each(['windows-1252', 'latin1', 'ISO-8859-1'])('decodes %s with --encoding', async (enc) => {
        const p = tmp.write(`enc-${enc}.csv`, iconv.encode(names, enc));
        const { rows, result } = await collect(p, { encoding: enc });
        expect(rows).toEqual([
          ['1', 'Renée Müller'],
          ['2', 'Señor Ñandú'],
        ]);
        expect(result.encoding).toBe('windows-1252'); // latin1 and ISO-8859-1 mean windows-1252 (WHATWG, MySQL)
      });

      it.each(['windows-1252', 'latin1', 'ISO-8859-1', 'l1', 'ascii'])('windows-1252 specials (€, curly quotes, Š, Œ) decode with --encoding %s', async (enc) => {
        const p = tmp.write(`cp1252-specials-${enc}.csv`, iconv.encode('a\n€ “x” – y Šik Œdipe O’Brien\n', 'windows-1252'));
        expect((await collect(p, { encoding: enc })).rows).toEqual([['€ “x” – y Šik Œdipe O’Brien']]);
      });

      it('a multi-byte character straddling chunk boundaries decodes intact', async () => {
        const text = 'ID,name\n1,Zoë Brontë 日本 😀\n2,Åsa\n';
        const p = tmp.write('straddle.csv', text);
        for (const hwm of [1, 2, 3, 5, 7, 11]) {
          const { rows } = await collect(p, { highWaterMark: hwm });
          expect(rows).toEqual([
            ['1', 'Zoë Brontë 日本 😀'],
            ['2', 'Åsa'],
          ]);
        }
      });

      it('invalid UTF-8 without --encoding is an InputError suggesting windows-1252, at the right line', async () => {
        const p = tmp.write('latin1-as-utf8.csv', iconv.encode(names, 'latin1'));
        const e = await expectInputError(collect(p), p, 2, /not valid UTF-8/, ['Renée', 'Müller']);
        expect(e.remedy).toContain('--encoding windows-1252');
        const big = tmp.write('latin1-late.csv', Buffer.concat([Buffer.from('a,b\n' + '1,2\n'.repeat(500)), iconv.encode('3,é\n', 'latin1')]));
        await expectInputError(collect(big, { highWaterMark: 64 }), big, 502, /not valid UTF-8/);
      });

      it('a file ending inside a UTF-8 sequence is an InputError', async () => {
        const p = tmp.write('truncated-utf8.csv', Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from([0xc3])]));
        await expectInputError(collect(p), p, 2, /not valid UTF-8/);
      });

      it('UTF-16 with a BOM (LE and BE) is decoded', async () => {
        const text = 'ID\tname\n1\tZoë\n';
        const le = tmp.write('u16le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
        const be = tmp.write('u16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
        for (const [p, enc] of [
          [le, 'utf-16le'],
          [be, 'utf-16be'],
        ] as const) {
          const { header, rows, result } = await collect(p, { highWaterMark: 3 });
          expect(header).toEqual(['ID', 'name']);
          expect(rows).toEqual([['1', 'Zoë']]);
          expect(result.encoding).toBe(enc);
        }
      });

      it('UTF-32 with a BOM (LE and BE) is decoded, not taken for UTF-16LE by its first two bytes', async () => {
        const text = 'ID,name\n1,Zoë 🎉\n';
        const le = tmp.write('u32le.csv', iconv.encode(text, 'utf-32le', { addBOM: true }));
        const be = tmp.write('u32be.csv', iconv.encode(text, 'utf-32be', { addBOM: true }));
        expect([...readFileSync(le).subarray(0, 4)]).toEqual([0xff, 0xfe, 0, 0]);
        for (const [p, enc] of [
          [le, 'utf-32le'],
          [be, 'utf-32be'],
        ] as const) {
          for (const encoding of [undefined, 'utf-32']) {
            const { header, rows, result } = await collect(p, { highWaterMark: 3, encoding });
            expect(header).toEqual(['ID', 'name']);
            expect(rows).toEqual([['1', 'Zoë 🎉']]);
            expect(result.encoding).toBe(enc);
          }
        }
      });

      it('UTF-16 without BOM loads with --encoding utf-16le', async () => {
        const p = tmp.write('u16-nobom.csv', Buffer.from('a,b\n1,2\n', 'utf16le'));
        expect((await collect(p, { encoding: 'utf-16le' })).rows).toEqual([['1', '2']]);
      });

      it('a UTF-8 BOM before UTF-8 text wins over --encoding', async () => {
        const p = tmp.write('bom-vs-enc.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a\nRenée\n')]));
        const { rows, result } = await collect(p, { encoding: 'windows-1252' });
        expect(rows).toEqual([['Renée']]);
        expect(result.encoding).toBe('utf-8');
      });

      it('a single-byte --encoding leaves a valid UTF-8 file as UTF-8 (one --encoding serves exports written differently)', async () => {
        const p = tmp.write('utf8-with-enc.csv', names);
        const { rows, result } = await collect(p, { encoding: 'windows-1252' });
        expect(rows).toEqual([
          ['1', 'Renée Müller'],
          ['2', 'Señor Ñandú'],
        ]);
        expect(result.encoding).toBe('utf-8');
      });

      it('a UTF-8 BOM before windows-1252 text: decoded with the --encoding given, the BOM left out', async () => {
        const p = tmp.write('bom-cp1252.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(names, 'windows-1252')]));
        const { header, rows, result } = await collect(p, { encoding: 'windows-1252', highWaterMark: 2 });
        expect(header).toEqual(['ID', 'display_name']);
        expect(rows).toEqual([
          ['1', 'Renée Müller'],
          ['2', 'Señor Ñandú'],
        ]);
        expect(result.encoding).toBe('windows-1252');
      });

      it('isUtf8File: characters split across its 1 MiB reads are valid, a bad byte past the first MiB is not', () => {
        for (let shift = 0; shift < 4; shift++) {
          const pad = 'a'.repeat((1 << 20) - 2 - shift);
          expect(isUtf8File(tmp.write(`split-${shift}.csv`, `${pad}😀é日\n`)), `shift ${shift}`).toBe(true);
        }
        expect(isUtf8File(tmp.write('late-bad.csv', Buffer.concat([Buffer.from('a'.repeat((1 << 20) + 5)), Buffer.from([0xe9, 0x0a])])))).toBe(false);
        expect(isUtf8File(tmp.write('ends-mid.csv', Buffer.concat([Buffer.from('a'.repeat(10)), Buffer.from([0xf0, 0x9f])])))).toBe(false);
        expect(isUtf8File(join(tmpdir(), 'no-such-file-ufmatch.csv'))).toBe(false);
      });

      it('an unknown encoding name is an InputError', async () => {
        const p = tmp.write('any.csv', 'a\n1\n');
        await expectInputError(collect(p, { encoding: 'klingon-8' }), p, null, /unknown encoding "klingon-8"/);
      });

      it('utf8 aliases are accepted', async () => {
        const p = tmp.write('alias.csv', 'a\nü\n');
        expect((await collect(p, { encoding: 'UTF8' })).rows).toEqual([['ü']]);
      });
    });

    describe('streamCsv: facts and progress', () => {
      it('sha256 is the hash of the raw bytes; rows counts data rows', async () => {
        const path = fixture('wordpress-users.csv');
        const { result } = await collect(path, { highWaterMark: 16 });
        expect(result.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
        expect(result.rows).toBe(4);
        expect(result.bytes).toBe(readFileSync(path).length);
        expect(result.headerLine).toBe(1);
      });

      it('onProgress is called per chunk, not per row, and ends at 100%', async () => {
        const p = tmp.write('progress.csv', 'a,b\n' + '1,2\n'.repeat(10_000));
        const calls: CsvProgress[] = [];
        const { result } = await collect(p, { highWaterMark: 4096, onProgress: (x) => calls.push(x) });
        expect(result.rows).toBe(10_000);
        expect(calls.length).toBeLessThan(30);
        expect(calls.length).toBeGreaterThan(5);
        const last = calls[calls.length - 1] as CsvProgress;
        expect(last).toEqual({ bytesRead: 40_004, totalBytes: 40_004, rows: 10_000 });
        for (let i = 1; i < calls.length; i++) expect((calls[i] as CsvProgress).bytesRead).toBeGreaterThanOrEqual((calls[i - 1] as CsvProgress).bytesRead);
      });
    });

    describe('streamCsv: malformed input', () => {
      it('ragged rows name the line and both counts', async () => {
        const p = tmp.write('ragged.csv', 'a,b,c\n1,2,3\n4,5\n');
        const e = await expectInputError(collect(p), p, 3, /row has 2 fields but the header has 3/);
        expect(e.remedy).toMatch(/missing/);
        const q = tmp.write('ragged2.csv', 'a,b\n1,2\n3,4,5\n');
        await expectInputError(collect(q), q, 3, /row has 3 fields but the header has 2/);
      });

      it('an unterminated quote names the line where the field starts', async () => {
        const p = tmp.write('unterminated.csv', 'a,b\n1,2\n3,"open\n4,5\n6,7\n');
        await expectInputError(collect(p, { highWaterMark: 4 }), p, 3, /never closed/);
      });

      it('text after a closing quote is malformed', async () => {
        const p = tmp.write('badquote.csv', 'a,b\n1,2\n3,"x"y\n');
        await expectInputError(collect(p), p, 3, /malformed quotes/);
      });

      it("a quote escaped with a backslash, as MySQL's INTO OUTFILE writes, is named as such, not as a value to edit by hand", async () => {
        const p = tmp.write('outfile.csv', 'a,b,c\n1,"Robert \\"Bob\\"",Smith\n2,x,y\n');
        const e = await expectInputError(collect(p), p, 2, /a quote escaped with a backslash \(\\"\), as MySQL's SELECT … INTO OUTFILE/);
        expect(e.remedy).toContain('doubled ("")');
        // a backslash before a closing quote that is CSV's own ("C:\") is no such escape
        const ok = tmp.write('backslash-end.csv', 'a,b\n1,"C:\\"\n');
        expect((await collect(ok)).rows).toEqual([['1', 'C:\\']]);
      });

      it("a separator escaped with a backslash, as MySQL's INTO OUTFILE writes without ENCLOSED BY, is named as such", async () => {
        const p = tmp.write('outfile-comma.csv', 'a,b,c\n1,"x",y\n2,Robert\\, Jr,Smith\n');
        await expectInputError(collect(p), p, 3, /row has 4 fields but the header has 3: a comma escaped with a backslash \(\\,\)/);
        const t = tmp.write('outfile-tab.tsv', 'a\tb\tc\n2\tRobert\\\t Jr\tSmith\n');
        await expectInputError(collect(t), t, 2, /a tab escaped with a backslash \(a backslash before a tab\)/);
        // a value that ends in a backslash, in a row of the header's width, is a value
        const ok = tmp.write('backslash-value.csv', 'a,b\n1,x\\\n');
        expect((await collect(ok)).rows).toEqual([['1', 'x\\']]);
      });

      it('a quote inside an unquoted field is data', async () => {
        const p = tmp.write('innerquote.csv', 'a,b\n1,John "Jack" Smith\n');
        expect((await collect(p)).rows).toEqual([['1', 'John "Jack" Smith']]);
      });

      it('NUL bytes: looks binary, with the line', async () => {
        const p = tmp.write('nul.csv', Buffer.from('a,b\n1,2\n3,x\0y\n'));
        await expectInputError(collect(p), p, 3, /looks binary/);
      });

      it('UTF-16 or UTF-32 without a byte-order mark: the NULs say which, and the --encoding that reads it', async () => {
        const text = 'ID,user_login,user_email\n1,a,a@example.org\n';
        for (const encoding of ['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be']) {
          const p = tmp.write(`wide-${encoding}.csv`, iconv.encode(text, encoding));
          const e = await collect(p).then(() => null, (err: unknown) => err as InputError);
          expect(e, encoding).toBeInstanceOf(InputError);
          expect(e!.message).toContain(`the file contains NUL bytes: it looks like ${encoding.toUpperCase()} text without a byte-order mark — give --encoding ${encoding}`);
          expect((await collect(p, { encoding })).rows).toEqual([['1', 'a', 'a@example.org']]);
        }
      });

      it('a row longer than maxRowChars is an InputError (unterminated quote), quickly', async () => {
        const p = tmp.write('long.csv', 'a,b\n1,2\n3,"' + 'x'.repeat(5000) + '\n4,5\n');
        await expectInputError(collect(p, { maxRowChars: 1000, highWaterMark: 256 }), p, 3, /longer than/);
        await expectInputError(collect(p, { maxRowChars: 1000 }), p, 3, /longer than/);
      });

      it('a header line longer than maxRowChars is an InputError', async () => {
        const p = tmp.write('longheader.csv', 'x'.repeat(3000));
        await expectInputError(collect(p, { maxRowChars: 1000, highWaterMark: 256 }), p, 1, /longer than/);
      });

      it('zip and gzip files are named as such', async () => {
        const zip = tmp.write('x.csv.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
        await expectInputError(collect(zip), zip, 1, /ZIP/);
        const gz = tmp.write('x.csv.gz', Buffer.from([0x1f, 0x8b, 8, 0, 0]));
        await expectInputError(collect(gz), gz, 1, /gzip/);
      });

      it('only blank lines = empty file', async () => {
        const p = tmp.write('blank.csv', '\n\r\n\n');
        await expectInputError(collect(p), p, 1, /empty/);
        const bomOnly = tmp.write('bom-only.csv', Buffer.from([0xef, 0xbb, 0xbf]));
        await expectInputError(collect(bomOnly), bomOnly, 1, /empty/);
      });

      it("a sink's own error passes through unchanged", async () => {
        const p = tmp.write('sink.csv', 'a\n1\n');
        const boom = new RangeError('boom');
        await expect(
          streamCsv(p, { plain }, {
            header() {},
            row() {
              throw boom;
            },
          }),
        ).rejects.toBe(boom);
      });

      it('maps file-system errors', () => {
        const err = (code: string) => Object.assign(new Error(code), { code });
        expect(describeOpenError('f.csv', err('EACCES')).problem).toMatch(/permission denied/);
        expect(describeOpenError('f.csv', err('EPERM')).problem).toMatch(/permission denied/);
        expect(describeOpenError('f.csv', err('ENOENT')).problem).toMatch(/not found/);
        expect(describeOpenError('f.csv', err('EISDIR')).problem).toMatch(/directory/);
        expect(describeOpenError('f.csv', err('EMFILE')).problem).toMatch(/EMFILE/);
      });
    });
  });
}
