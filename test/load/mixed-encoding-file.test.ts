/**
 * A UTF-8 file with one line in another encoding (a row pasted from a windows-1252 file) was
 * told to use --encoding windows-1252, which then read every UTF-8 letter of the other lines
 * wrongly ("Seán" as "SeÃ¡n", written so into contacts-to-create.csv). When UTF-8 letters come
 * before the bad byte, the error says the file mixes encodings and to correct that line.
 */
import { describe, expect, it } from 'vitest';
import { loadUsers } from '../../src/load/users.js';
import { expectInputError, tempDir } from './helpers.js';

const tmp = tempDir();
const HEADER = 'ID,user_login,user_email,first_name,last_name\n';

describe('a file that is not valid UTF-8', () => {
  it('after UTF-8 letters: says it mixes encodings, and not to give --encoding', async () => {
    const path = tmp.write('mixed.csv', Buffer.concat([Buffer.from(`${HEADER}4,sean,sean@x.ie,Seán,O’Neil\n`), Buffer.from('6,s,s@x.org,Andr\xe9,Stray\n', 'latin1')]));
    const e = await expectInputError(loadUsers(path), path, 3, /this line is not valid UTF-8, though the lines before it are UTF-8 with accented letters: the file mixes encodings/);
    expect(e.remedy).toMatch(/correct the characters of this line/);
  });

  it('after UTF-8 letters in an earlier read (past the first MiB), read in small chunks too', async () => {
    const filler = Array.from({ length: 30_000 }, (_, k) => `${k + 10},u${k},u${k}@x.org,Ann,Lee\n`).join('');
    const path = tmp.write('mixed-far.csv', Buffer.concat([Buffer.from(`${HEADER}4,sean,sean@x.ie,Seán,Ó Lee\n${filler}`), Buffer.from('6,s,s@x.org,Andr\xe9,Stray\n', 'latin1')]));
    for (const highWaterMark of [undefined, 4096]) {
      await expectInputError(loadUsers(path, { highWaterMark }), path, 30_003, /the file mixes encodings/);
    }
  });

  it('with no letters past ASCII before the bad byte: the file is in another encoding, give it', async () => {
    const path = tmp.write('cp1252.csv', Buffer.from(`${HEADER}4,sean,sean@x.ie,Sean,Lee\n6,s,s@x.org,Andr\xe9,Stray\n`, 'latin1'));
    const e = await expectInputError(loadUsers(path), path, 3, /the file is not valid UTF-8$/);
    expect(e.remedy).toMatch(/--encoding windows-1252/);
  });

  it('a UTF-8 byte-order mark alone is not a letter', async () => {
    const path = tmp.write('bom-cp1252.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}6,s,s@x.org,Andr\xe9,Stray\n`, 'latin1')]));
    await expectInputError(loadUsers(path), path, 2, /the file is not valid UTF-8$/);
  });

  it('letters of a single-byte encoding that look like UTF-8 by chance do not make the file "mixed": on the bad line itself, or one alone before it', async () => {
    // windows-1251 "Віктор": В (C2) і (B3) is a valid UTF-8 pair, к т о р are not
    const cyrillic = tmp.write('cp1251.csv', Buffer.concat([Buffer.from(HEADER), Buffer.from([0x31, 0x2c, 0x76, 0x2c, 0x76, 0x40, 0x78, 0x2e, 0x75, 0x61, 0x2c, 0xc2, 0xb3, 0xea, 0xf2, 0xee, 0xf0, 0x2c, 0x4c, 0x0a])]));
    await expectInputError(loadUsers(cyrillic), cyrillic, 2, /the file is not valid UTF-8$/);
    // windows-1252 "CAFÉ" and a no-break space (C9 A0, valid UTF-8) alone on a line before "André"
    const cafe = tmp.write('cp1252-cafe.csv', Buffer.concat([Buffer.from(HEADER), Buffer.from('1,c,c@x.org,CAF\xc9\xa0,Bar\n2,a,a@x.org,Andr\xe9,Lee\n', 'latin1')]));
    await expectInputError(loadUsers(cafe), cafe, 3, /the file is not valid UTF-8$/);
  });

  it('the "mixed" remedy still names --encoding for a file that is in another encoding after all', async () => {
    const path = tmp.write('mixed-remedy.csv', Buffer.concat([Buffer.from(`${HEADER}4,sean,sean@x.ie,Seán,O’Neil\n`), Buffer.from('6,s,s@x.org,Andr\xe9,Stray\n', 'latin1')]));
    const e = await expectInputError(loadUsers(path), path, 3, /the file mixes encodings/);
    expect(e.remedy).toMatch(/if the whole file is in another encoding after all, give it, e\.g\. --encoding windows-1252/);
  });
});
