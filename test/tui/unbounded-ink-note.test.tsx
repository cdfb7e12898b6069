/**
 * An install that skipped tools/patch-ink.mjs (npm's allowScripts, --ignore-scripts) leaves Ink
 * keeping every text it draws: the review still runs, and ends with a note saying how to bound it.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { parseCommandLine } from '../../src/cli/args.js';
import { FakeStdin, FakeStdout } from '../../src/tui/fakeTerminal.js';
import { SAMPLE_RUN } from './helpers/session.js';
import { tempDir } from '../helpers/tempDir.js';

const ink = { bounded: false as boolean | null };
vi.mock('../../src/tui/inkCaches.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/tui/inkCaches.js')>();
  return { ...real, inkCachesBounded: () => ink.bounded };
});
const { runTui } = await import('../../src/tui/runTui.js');
const { UNBOUNDED_NOTE } = await import('../../src/tui/inkCaches.js');

async function review(): Promise<string> {
  const o = parseCommandLine([...SAMPLE_RUN, '--out', join(tempDir('ufm-ink-note-'), 'out')]);
  if (o.command !== 'run') throw new Error('not a run');
  const stdin = new FakeStdin();
  let err = '';
  const stderr = new Writable({ write: (c, _e, done) => ((err += String(c)), done()) });
  const stdout = new FakeStdout(100, 30);
  const ended = runTui(o, { stdin: stdin as unknown as NodeJS.ReadStream, stdout: stdout as unknown as NodeJS.WriteStream, stderr, env: { ...process.env, NO_COLOR: '1' } });
  for (let i = 0; i < 400 && !stdout.writes.some((w) => w.includes('[Review')); i++) await new Promise((r) => setTimeout(r, 25));
  stdin.press('q');
  expect(await ended).toBe(0);
  return err;
}

describe('a review on an Ink whose text caches are not bounded', () => {
  it('ends with the note; a bounded one, or one it cannot tell, without', async () => {
    ink.bounded = false;
    expect(await review()).toContain(UNBOUNDED_NOTE);
    ink.bounded = true;
    expect(await review()).not.toContain('keeps every text');
    ink.bounded = null;
    expect(await review()).not.toContain('keeps every text');
  }, 30_000);
});
