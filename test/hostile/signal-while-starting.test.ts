/**
 * A Ctrl-C or SIGTERM that comes while ufmatch is still loading its own modules (nothing read,
 * nothing written yet) ends the run like one that comes later: exit 130 and one line on stderr,
 * not Node's silent death by signal. A module hook holds back the loading of `cli/main.js` and
 * says when it has started, so that the signal lands in that window every time.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, SAMPLE_ARGS, tempDir } from './helpers.js';

const tmp = tempDir('ufmatch-early-signal-');
const marker = join(tmp, 'main-is-loading');
const hooks = join(tmp, 'hooks.mjs');
const register = join(tmp, 'register.mjs');

beforeAll(() => {
  ensureBuilt();
  writeFileSync(
    hooks,
    `import { writeFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.endsWith('/cli/main.js')) {
    writeFileSync(${JSON.stringify(marker)}, '');
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  return next(url, context);
}
`,
  );
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
});

function interruptWhileStarting(signal: NodeJS.Signals, out: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    rmSync(marker, { force: true });
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', pathToFileURL(register).href, CLI, ...SAMPLE_ARGS, '--yes', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const watch = setInterval(() => {
      if (existsSync(marker)) {
        clearInterval(watch);
        child.kill(signal);
      }
    }, 2);
    child.on('error', reject);
    child.on('exit', (code, sig) => {
      clearInterval(watch);
      resolve({ code, signal: sig, stderr, ms: Date.now() - started });
    });
  });
}

describe('a signal while ufmatch is starting', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${signal}: exit 130 with one line, no output folder made`, async () => {
      const out = join(tmp, `out-${signal}`);
      const r = await interruptWhileStarting(signal, out);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(130);
      expect(r.stderr).toBe('ufmatch: interrupted — no output was written\n');
      expect(r.ms, 'ended at the signal, not after the held-back load').toBeLessThan(4000);
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    }, 20_000);
  }
});
