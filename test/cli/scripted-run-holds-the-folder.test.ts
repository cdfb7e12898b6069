/**
 * A scripted run holds its --out folder's lock from before it loads until its outputs are in
 * place: two scripted runs into one folder, each replacing its six files one by one, left a
 * mix of both runs' files.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { holderText, LOCK_FILE } from '../../src/cli/outLock.js';
import { tempDir } from '../load/helpers.js';
import { BIN, runInProcess } from '../helpers/runCli.js';

const SAMPLES = new URL('../../samples/', import.meta.url).pathname;
const args = (out: string) => ['--users', join(SAMPLES, 'wordpress-users.csv'), '--contacts', join(SAMPLES, 'contacts-ui.csv'), '--links', join(SAMPLES, 'uf_match.csv'), '--out', out, '--yes'];

const children: { kill: () => void }[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill();
});

describe('a scripted run holds its --out folder', () => {
  it('is refused while another live scripted run holds it, and changes nothing there', async () => {
    const out = join(tempDir().dir, 'out');
    mkdirSync(out);
    const other = spawn('sleep', ['30']);
    children.push(other);
    writeFileSync(join(out, LOCK_FILE), holderText({ pid: other.pid!, host: hostname(), mode: 'scripted', since: '2026-11-22T10:00:00.000Z' }));
    const r = await runInProcess(args(out));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`is in use by another ufmatch (a scripted run, pid ${other.pid}`);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(out)).toEqual([LOCK_FILE]);
  });

  it('holds the lock while it loads, plans and writes, naming itself as a scripted run', async () => {
    const out = join(tempDir().dir, 'out');
    const run = spawn(process.execPath, [BIN, ...args(out)], { stdio: 'ignore' });
    children.push(run);
    const seen: string[] = [];
    let ended = false;
    run.on('exit', () => (ended = true));
    while (!ended) {
      try {
        // (between its O_EXCL create and its write the lock is empty: takeLock gives such a lock
        // a grace period as "being written"; a CI run read it in that moment)
        const text = readFileSync(join(out, LOCK_FILE), 'utf8');
        if (text !== '') seen.push(text);
      } catch {
        /* not yet, or no more */
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(seen.length, 'the lock was seen during the run').toBeGreaterThan(0);
    expect(JSON.parse(seen[0]!)).toMatchObject({ pid: run.pid, mode: 'scripted' });
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
    expect(run.exitCode).toBe(0);
  });

  it('leaves no lock behind when it ends, written or failed, and takes over the lock of one that is gone', async () => {
    const out = join(tempDir().dir, 'out');
    expect((await runInProcess(args(out))).code).toBe(0);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
    expect(existsSync(join(out, 'links.csv'))).toBe(true);

    const failed = await runInProcess([...args(out).slice(0, 2), '--contacts', join(out, 'missing.csv'), '--out', out, '--yes']);
    expect(failed.code).toBe(3);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);

    // a run killed mid-way (kill -9) leaves its lock naming a process that is gone
    const gone = spawn('true');
    await new Promise((r) => gone.on('exit', r));
    writeFileSync(join(out, LOCK_FILE), holderText({ pid: gone.pid!, host: hostname(), mode: 'scripted', since: '2026-11-22T10:00:00.000Z' }));
    expect((await runInProcess(args(out))).code).toBe(0);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });
});
