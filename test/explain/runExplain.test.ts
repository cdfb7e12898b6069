/** The shell, in process: main() dispatches explain; answers go to stdout, the no-match line to stderr. */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { tempDir } from '../helpers/tempDir.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const S = (f: string) => join(ROOT, 'samples', f);
const WP = ['--users', S('wordpress-users.csv'), '--contacts', S('contacts-ui.csv'), '--links', S('uf_match.csv'), '--emails', S('emails.csv')];

function sink(isTTY: boolean): PassThrough & { isTTY?: boolean; text(): string } {
  const chunks: Buffer[] = [];
  const s = new PassThrough() as PassThrough & { isTTY?: boolean; text(): string };
  s.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  s.isTTY = isTTY;
  s.text = () => Buffer.concat(chunks).toString('utf8');
  return s;
}

async function run(args: readonly string[], opts: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const stdout = sink(opts.tty ?? false);
  const stderr = sink(false);
  const io: Io = { stdin: new PassThrough(), stdout, stderr, env: opts.env ?? {} };
  const code = await main(args, io);
  await new Promise((r) => setImmediate(r));
  return { code, out: stdout.text(), err: stderr.text() };
}

describe('runExplain (in process)', () => {
  it('explains one user on stdout and exits 0', async () => {
    const r = await run(['explain', '36', ...WP]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('User 36: Grace Okafor <okafor.family@gmail.com>');
    expect(r.out).toContain('contact-taken');
    expect(r.err).not.toContain('no user matches');
  });

  it('lists several hits and exits 0', async () => {
    const r = await run(['explain', 'Kevin.Doyle@EIRCOM.net', ...WP]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 users match');
  });

  it('an unknown query: exit 1, one line on stderr with the nearest, nothing on stdout', async () => {
    const r = await run(['explain', 'rachel.mooore@gmail.com', ...WP]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const lines = r.err.trimEnd().split('\n').filter((l) => l.includes('no user matches'));
    expect(lines).toEqual([expect.stringMatching(/^ufmatch: no user matches "rachel\.mooore@gmail\.com"; nearest: 40 rachel\.moore@gmial\.com/)]);
  });

  it('colour only on a terminal without NO_COLOR', async () => {
    expect((await run(['explain', '1', ...WP], { tty: true, env: { TERM: 'xterm' } })).out).toContain('\x1b[1m');
    expect((await run(['explain', '1', ...WP], { tty: true, env: { NO_COLOR: '1' } })).out).not.toContain('\x1b');
    expect((await run(['explain', '1', ...WP], { tty: false })).out).not.toContain('\x1b');
  });

  it('--json prints the envelope; never colour', async () => {
    const r = await run(['explain', '1', ...WP, '--json'], { tty: true });
    expect(r.out).not.toContain('\x1b');
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ result: 'one', matched_by: 'uf_id', explanation: { user: { uf_id: 1 }, decision: { action: 'keep', contact_id: 101 } } });
  });

  it('writes no file (not even the --out folder), and says so when given --out; --yes, which SPEC §1 lets a script pass, changes nothing', async () => {
    const dir = tempDir('ufmatch-explain-');
    const out = join(dir, 'out');
    const r = await run(['explain', '5', ...WP, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`ufmatch: explain writes no files: --out ${out} is not used\n`);
    const both = await run(['explain', '5', ...WP, '--yes', '--out', out]);
    expect(both.code).toBe(0);
    expect(both.out).toBe(r.out);
    const plain = await run(['explain', '5', ...WP, '--yes']);
    expect(plain.code).toBe(0);
    expect(plain.err).not.toContain('writes no files');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an input error is exit 3 with one line', async () => {
    const r = await run(['explain', '1', '--users', S('nope.csv'), '--contacts', S('contacts-ui.csv')]);
    expect(r.code).toBe(3);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });
});
