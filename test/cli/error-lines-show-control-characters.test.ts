/**
 * An error line quotes headers, paths and cells as found: their control characters are shown
 * (␛, ␇, ↵), never sent to the terminal. A header holding ESC ] 0 ; … BEL set the terminal's
 * title, and ESC [ 2 J cleared the screen.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../load/helpers.js';
import { runInProcess } from '../helpers/runCli.js';

const SAMPLES = new URL('../../samples/', import.meta.url).pathname;

describe('an error line shows control characters, never sends them', () => {
  it('a header with terminal escapes, named in the missing-column line', async () => {
    const t = tempDir();
    const users = t.write('users.csv', 'ID,user_login,\u001b]0;pwned\u0007\u001b[2J,display_name\n1,a,b,c\n');
    const r = await runInProcess(['--users', users, '--contacts', join(SAMPLES, 'contacts-ui.csv'), '--out', join(t.dir, 'out'), '--yes']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('columns found: ID, user_login, ␛]0;pwned␇␛[2J, display_name');
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('a path with a line break and an escape, in a usage error', async () => {
    const t = tempDir();
    const r = await runInProcess(['--users', join(t.dir, 'a\nb\u001b[31m.csv'), '--contacts', join(t.dir, 'a\nb\u001b[31m.csv'), '--yes', '--out', join(t.dir, 'out')]);
    expect(r.stderr).toMatch(/^ufmatch: .*a↵b␛\[31m\.csv/);
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
