/**
 * Odd paths a pipeline can hand ufmatch: each is refused at once with one line and the right
 * exit code, and nothing is left behind or removed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, ROOT, runCli, sample, SAMPLE_ARGS, tempDir } from './helpers.js';

const tmp = tempDir('ufmatch-odd-');
beforeAll(() => ensureBuilt());

describe('odd paths', () => {
  it('--decisions naming a FIFO is refused at once (opening it would wait for a writer for ever)', () => {
    const fifo = join(tmp, 'decisions.fifo');
    execFileSync('mkfifo', [fifo]);
    const out = join(tmp, 'out-fifo');
    const r = runCli([...SAMPLE_ARGS, '--decisions', fifo, '--out', out, '--yes'], { timeout: 15_000 });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`ufmatch: ${fifo}: is not a regular file — give the path of a decisions.csv file (or pipe it in as /dev/stdin)\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('--decisions /dev/stdin reads a journal piped in (a pipe the shell set up has its writer)', () => {
    const journal = join(tmp, 'piped.csv');
    writeFileSync(journal, 'uf_id,email,action,contact_id,decided_at\n1,nobody@example.org,skip,,2026-01-01T00:00:00Z\n');
    // a shell pipe (node's own `input` is a socket, which /dev/stdin cannot be opened on)
    const args = [CLI, ...SAMPLE_ARGS, '--decisions', '/dev/stdin', '--out', join(tmp, 'out-pipe'), '--yes'].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('sh', ['-c', `cat '${journal}' | '${process.execPath}' ${args}`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('ufmatch: /dev/stdin: 0 decisions applied, 1 not applied');
  });

  it('--users through a pipe (/dev/stdin, <(zcat …)) is refused saying to save it to a file first', () => {
    const args = [CLI, ...SAMPLE_ARGS.map((a) => (a === sample('wordpress-users.csv') ? '/dev/stdin' : a)), '--out', join(tmp, 'out-users-pipe'), '--yes'].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('sh', ['-c', `cat '${sample('wordpress-users.csv')}' | '${process.execPath}' ${args}`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('ufmatch: /dev/stdin: is a pipe or a device, not a file: ufmatch reads an input more than once — save it to a file first (e.g. zcat users.csv.gz > users.csv) and give that path\n');
    expect(existsSync(join(tmp, 'out-users-pipe'))).toBe(false);
  });

  it('--out where no folder can be made (/proc) is one line in words, not the system call\'s message', () => {
    const r = runCli([...SAMPLE_ARGS, '--out', '/proc/ufmatch-out', '--yes']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('ufmatch: /proc/ufmatch-out: cannot be made or written there: the file system answers "no such file or folder" — nothing was overwritten; fix it and run again\n');
  });

  it('an empty --decisions file is an input error, not zero decisions replayed', () => {
    const empty = join(tmp, 'empty.csv');
    writeFileSync(empty, '');
    const r = runCli([...SAMPLE_ARGS, '--decisions', empty, '--out', join(tmp, 'out-empty'), '--yes']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('is empty (a decisions file written by ufmatch has at least its header row)');
  });

  it('--out below a regular file is a usage error in words, not ENOTDIR', () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const r = runCli([...SAMPLE_ARGS, '--out', join(file, 'sub'), '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`ufmatch: --out ${join(file, 'sub')}: ${file} is a file, not a folder: choose another folder`);
  });

  it('an input in --out named like a stale temp file of ours is refused, not cleaned away', () => {
    const dir = join(tmp, 'out-temp');
    mkdirSync(dir);
    const input = join(dir, '.links.csv.999999.aaaaaaaaaaaa.tmp');
    copyFileSync(sample('wordpress-users.csv'), input);
    const r = runCli(['--users', input, '--contacts', sample('contacts-ui.csv'), '--out', dir, '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("named like ufmatch's temp files");
    expect(readdirSync(dir)).toEqual(['.links.csv.999999.aaaaaaaaaaaa.tmp']);
  });

  it('--strict says on stderr why it exits 1, also with --json', () => {
    const r = runCli([...SAMPLE_ARGS, '--out', join(tmp, 'out-strict'), '--yes', '--strict', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ufmatch: --strict: \d+ users are left as review \(action=review in links.csv\): exit 1\n$/);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });
});
