/**
 * A plan that takes long (thousands of addresses that differ only by a digit, each within two
 * edits of hundreds of others) still gives the event loop a turn every few tens of
 * milliseconds: SIGINT ends a scripted run promptly with 130 and writes nothing, as a Ctrl-C
 * (a key in the TUI's raw mode) ends the review's loading screen. Before, the handler waited
 * for the whole plan: minutes on such data.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { CLI, ensureBuilt, startCli, tempDir } from './helpers.js';

const tmp = tempDir('ufmatch-interrupt-');

beforeAll(() => {
  ensureBuilt();
  // users 1..5000 whose numbers no contact has exactly; 30,000 contacts numbered around them
  const users = ['ID,user_login,user_email,first_name,last_name,display_name'];
  for (let i = 1; i <= 5000; i++) users.push(`${i},u${i},user${10000 + 2 * i + 1}@example.com,F${i},L${i},d`);
  const contacts = ['Contact ID,Contact Type,Display Name,First Name,Last Name,Email,Contact is in Trash'];
  for (let i = 1; i <= 30000; i++) contacts.push(`${i},Individual,d,G${i},M${i},user${10000 + 2 * i}@example.com,No`);
  writeFileSync(join(tmp, 'users.csv'), users.join('\n') + '\n');
  writeFileSync(join(tmp, 'contacts.csv'), contacts.join('\n') + '\n');
});

describe('interrupting a long plan', () => {
  it('SIGINT while matching ends the run within a second, exit 130, no outputs', async () => {
    const out = join(tmp, 'out');
    const child = startCli(['--users', join(tmp, 'users.csv'), '--contacts', join(tmp, 'contacts.csv'), '--out', out, '--yes']);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const done = new Promise<{ code: number | null; at: number }>((resolve) => child.on('exit', (code) => resolve({ code, at: performance.now() })));
    // past Node's start-up (on a loaded machine it can take a second or more, and a SIGINT then
    // ends the process before ufmatch runs): the run takes its --out lock once its handlers are set
    while (!existsSync(join(out, '.ufmatch.lock')) && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    // loading takes a few hundred ms; the plan of these users takes seconds (3 s on a quiet machine)
    await new Promise((r) => setTimeout(r, 1000));
    expect(child.exitCode, 'the run was still going after 1 s (the data must keep the plan busy)').toBeNull();
    const sent = performance.now();
    child.kill('SIGINT');
    const { code, at } = await done;
    expect(code).toBe(130);
    expect(at - sent).toBeLessThan(1000);
    expect(stderr).toContain('interrupted');
    expect(existsSync(join(out, 'links.csv'))).toBe(false);
  }, 20_000);
});

describe('an exception no await reaches', () => {
  it('ends the run with the one-line internal error (exit 70), no stack trace, no outputs', async () => {
    const out = join(tmp, 'out-boom');
    // thrown from a timer while the plan runs, as a throw in an event handler would be
    const boom = spawn(process.execPath, ['--import', 'data:text/javascript,setTimeout(()=>{throw new Error("boom in a handler")},800)', CLI, '--users', join(tmp, 'users.csv'), '--contacts', join(tmp, 'contacts.csv'), '--out', out, '--yes'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    boom.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => boom.on('exit', resolve));
    expect(code).toBe(70);
    expect(stderr).toBe('ufmatch: internal error: boom in a handler — please report it (UFMATCH_DEBUG=1 shows details)\n');
    expect(existsSync(join(out, 'links.csv'))).toBe(false);
  }, 20_000);
});

describe('a --decisions file that cannot be read', () => {
  it('is refused before the exports load, not after the plan: a FIFO, a blank file, another CSV', async () => {
    const { execFileSync } = await import('node:child_process');
    const fifo = join(tmp, 'decisions.fifo');
    execFileSync('mkfifo', [fifo]);
    const blank = join(tmp, 'blank.csv');
    writeFileSync(blank, '\n\n  \r\n');
    const other = join(tmp, 'other.csv');
    writeFileSync(other, 'foo,bar\n1,2\n');
    for (const [file, says] of [[fifo, 'is not a regular file'], [blank, 'is empty'], [other, 'not a decisions file']] as const) {
      const t0 = performance.now();
      const child = spawn(process.execPath, [CLI, '--users', join(tmp, 'users.csv'), '--contacts', join(tmp, 'contacts.csv'), '--decisions', file, '--out', join(tmp, 'out-dec'), '--yes'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(3);
      expect(stderr).toContain(says);
      // the plan of these exports takes several seconds (see above)
      expect(performance.now() - t0, file).toBeLessThan(1500);
    }
  }, 30_000);
});
