/**
 * A file of an output's name already in --out that ufmatch did not write (someone's own
 * summary.txt or links.csv in a folder given as --out) is not replaced: the run is refused
 * (exit 2) and changes nothing. ufmatch's own earlier outputs, and empty files, are replaced.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BEGINS, OWN_HEAD_BYTES } from '../../src/output/ownOutputs.js';
import { OUTPUT_FILES } from '../../src/output/writeOutputs.js';
import { tempDir } from '../load/helpers.js';
import { runInProcess } from '../helpers/runCli.js';

const SAMPLES = new URL('../../samples/', import.meta.url).pathname;
const args = (out: string) => ['--users', join(SAMPLES, 'wordpress-users.csv'), '--contacts', join(SAMPLES, 'contacts-ui.csv'), '--out', out, '--yes'];

describe('files in --out that ufmatch did not write', () => {
  it.each([...OUTPUT_FILES])('a foreign %s is kept: exit 2, one line naming it, nothing written', async (name) => {
    const out = tempDir().dir;
    writeFileSync(join(out, name), 'my own notes\n');
    const r = await runInProcess(args(out));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ufmatch: --out ${out} holds a ${name} that does not begin as ufmatch writes it (someone else's file, or one re-saved by another program), which a run would replace: move it, or choose another --out\n`);
    expect(readdirSync(out)).toEqual([name]);
    expect(readFileSync(join(out, name), 'utf8')).toBe('my own notes\n');
  });

  it('ufmatch\'s own earlier outputs are replaced, run after run, and an empty file holds nothing to lose', async () => {
    const out = tempDir().dir;
    writeFileSync(join(out, 'summary.txt'), '');
    for (let run = 0; run < 2; run++) expect((await runInProcess(args(out))).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...OUTPUT_FILES].sort());
    // each output begins as its check expects, within the bytes read
    for (const name of OUTPUT_FILES) {
      expect(BEGINS[name].length).toBeLessThan(OWN_HEAD_BYTES);
      expect(readFileSync(join(out, name), 'utf8').startsWith(BEGINS[name]), name).toBe(true);
    }
  });
});
