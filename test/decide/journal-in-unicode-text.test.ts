/**
 * A decisions file saved by a spreadsheet as "Unicode Text" (UTF-16 or UTF-32 with its
 * byte-order mark) is read as the exports are; read as UTF-8, it was "not a decisions file"
 * and its NUL bytes reached the error line.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/cli/readJournal.js';
import { tempDir } from '../helpers/tempDir.js';

const TEXT = 'uf_id,email,action,contact_id,decided_at\r\n29,hendersons@btinternet.com,link,136,2026-11-22T10:00:00Z\r\n31,zoë@example.org,skip,,2026-11-22T10:00:01Z\r\n';

describe('a decisions file in UTF-16 or UTF-32 with its byte-order mark', () => {
  it.each(['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'])('%s: the same entries as UTF-8', (encoding) => {
    const dir = tempDir('ufm-journal-');
    const utf8 = join(dir, 'utf8.csv');
    const wide = join(dir, `${encoding}.csv`);
    writeFileSync(utf8, TEXT);
    writeFileSync(wide, iconv.encode(TEXT, encoding, { addBOM: true }));
    const read = readJournal(wide, true);
    expect(read.problems).toEqual([]);
    expect(read.entries).toEqual(readJournal(utf8, true).entries);
    expect(read.entries.map((e) => e.email)).toEqual(['hendersons@btinternet.com', 'zoë@example.org']);
  });
});
