/**
 * Standard output failing under a scripted run or explain: a reader that went away early
 * (`… --json | head -c 100`) is no error — the outputs are in --out — while a full disk under
 * `> summary.json` is one line on stderr and exit 3, never "internal error" (exit 70).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const MAIN = ['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv', '--links', 'samples/uf_match.csv', '--emails', 'samples/emails.csv'];
const tmp = () => tempDir('ufm-stdout-');
const quoted = (args: string[]) => args.map((a) => `'${a}'`).join(' ');

describe('standard output failing', () => {
  it('a reader that closes the pipe at once: exit 0, no error, the outputs written', () => {
    const out = join(tmp(), 'out');
    // `true` exits without reading: the summary's write meets a closed pipe (EPIPE)
    const r = spawnSync('bash', ['-c', `'${process.execPath}' '${BIN}' ${quoted([...MAIN, '--yes', '--json', '--out', out])} | true; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toContain('status=0');
    expect(r.stderr).not.toMatch(/internal error|EPIPE/);
    expect(existsSync(join(out, 'links.csv'))).toBe(true);
  });

  it.each([
    // the summary is printed once the outputs are in place: exit 3 would otherwise say none was replaced
    ['a scripted run', [...MAIN, '--yes', '--json'], ' (the output files are written)'],
    ['explain', ['explain', 'rachel', ...MAIN], ''],
  ])('%s onto a full device: one line naming standard output, exit 3', (_what, args, written) => {
    const full = openSync('/dev/full', 'w');
    try {
      const extra = args[0] === 'explain' ? [] : ['--out', join(tmp(), 'out')];
      const r = spawnSync(process.execPath, [BIN, ...args, ...extra], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(3);
      expect(r.stderr).toContain(`ufmatch: standard output: no space left on the device — what ufmatch printed there is cut short${written}\n`);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    } finally {
      closeSync(full);
    }
  });

  it('standard error closed with standard output (`2>&1 | true`): the run goes on, writes its outputs, exit 0', () => {
    const out = join(tmp(), 'out');
    const r = spawnSync('bash', ['-c', `'${process.execPath}' '${BIN}' ${quoted([...MAIN, '--yes', '--out', out])} 2>&1 | true; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toContain('status=0');
    expect(existsSync(join(out, 'links.csv'))).toBe(true);
  });

  it('standard error onto a full device: nowhere to say it, the run writes its outputs, exit 0', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const out = join(tmp(), 'out');
      const r = spawnSync(process.execPath, [BIN, ...MAIN, '--yes', '--out', out], { stdio: ['ignore', 'pipe', full], encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(0);
      expect(existsSync(join(out, 'summary.json'))).toBe(true);
    } finally {
      closeSync(full);
    }
  });

  it('--strict with reviews left and a full standard output: 3 (the summary was cut short) outranks 1', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, ...MAIN, '--yes', '--strict', '--out', join(tmp(), 'out')], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(3);
      expect(r.stderr).toContain('ufmatch: standard output: no space left on the device');
    } finally {
      closeSync(full);
    }
  });
});
