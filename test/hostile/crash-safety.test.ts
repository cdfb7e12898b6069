/**
 * Issue 6 §2: outputs are crash-safe. A scripted run is SIGKILLed at many moments while it
 * writes (the moment its first temp file appears, random delays into the writing, the first
 * rename, and during loading); afterwards every output file is byte for byte either the previous
 * complete version or the new complete version, and the only other entries are our hidden temp
 * files `.<name>.<pid>.<hex>.tmp`, which the next run removes. `--out` that is, or links to,
 * an input is refused (exit 2) and the input is untouched.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/cli/outLock.js';
import { OUTPUT_FILES } from '../../src/output/writeOutputs.js';
import { CLI, ensureBuilt, runCli, sample, SAMPLE_ARGS, sha256, snapshot, startCli, tempDir, writePopulation } from './helpers.js';

const tmp = tempDir('ufmatch-crash-');
/** Big enough that writing takes a few hundred ms (≈ 30 MB of outputs), small enough for CI. */
const USERS = 60_000;
const TEMP = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** summary.* carry the run's elapsed time; everything else must be byte-identical. */
function normalised(dir: string, name: string): string {
  const text = readFileSync(join(dir, name), 'utf8');
  if (name === 'summary.json') return sha256(text.replace(/"elapsed_ms": \d+/, '"elapsed_ms": 0'));
  if (name === 'summary.txt') return sha256(text.replace(/Done in \d+ ms\./, 'Done in 0 ms.'));
  return sha256(text);
}

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(OUTPUT_FILES.map((f) => [f, normalised(dir, f)]));
}

type Moment = { kind: 'first-temp' } | { kind: 'after-first-temp'; ms: number } | { kind: 'first-rename' } | { kind: 'loading'; ms: number };

interface KillResult {
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
  /** Temp files present when the kill was sent. */
  readonly tempsAtKill: number;
}

/** Starts a run into `out` and SIGKILLs it at `moment` (watching the folder every millisecond). */
function runAndKill(args: readonly string[], out: string, moment: Moment, signal: NodeJS.Signals = 'SIGKILL'): Promise<KillResult> {
  return new Promise((resolve, reject) => {
    const child = startCli([...args, '--yes', '--out', out]);
    let sent = false;
    let tempsAtKill = -1;
    let maxTemps = 0;
    const temps = () => readdirSync(out).filter((n) => TEMP.test(n)).length;
    const kill = () => {
      if (sent) return;
      sent = true;
      tempsAtKill = temps();
      child.kill(signal);
    };
    let timer: NodeJS.Timeout | null = null;
    if (moment.kind === 'loading') timer = setTimeout(kill, moment.ms);
    const watch = setInterval(() => {
      if (sent) return;
      const n = temps();
      if (n > 0 && maxTemps === 0) {
        if (moment.kind === 'first-temp') kill();
        else if (moment.kind === 'after-first-temp') timer = setTimeout(kill, moment.ms);
      }
      if (moment.kind === 'first-rename' && n < maxTemps) kill();
      maxTemps = Math.max(maxTemps, n);
    }, 1);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(watch);
      if (timer) clearTimeout(timer);
      resolve({ code, signal, tempsAtKill });
    });
  });
}

describe('SIGKILL during writing', () => {
  let argsA: string[];
  let argsB: string[];
  let refA: Record<string, string>;
  let refB: Record<string, string>;
  let dirA: string;
  let writeMs = 0;

  beforeAll(async () => {
    ensureBuilt();
    const a = writePopulation(tmp, USERS, 'alpha', (i) => i % 1000 === 0);
    const b = writePopulation(tmp, USERS, 'beta', (i) => i % 1000 === 1);
    argsA = ['--users', a.users, '--contacts', a.contacts];
    argsB = ['--users', b.users, '--contacts', b.contacts];
    dirA = join(tmp, 'ref-a');
    const ra = runCli([...argsA, '--yes', '--out', dirA]);
    expect(ra.code, ra.stderr).toBe(0);
    refA = hashes(dirA);
    // the new version, timing its writing phase (first temp file → exit)
    const dirB = join(tmp, 'ref-b');
    mkdirSync(dirB);
    const t = await new Promise<number>((resolve) => {
      const child = startCli([...argsB, '--yes', '--out', dirB]);
      let first = 0;
      const watch = setInterval(() => {
        if (first === 0 && readdirSync(dirB).some((n) => TEMP.test(n))) first = performance.now();
      }, 1);
      child.on('exit', () => {
        clearInterval(watch);
        resolve(first === 0 ? 0 : performance.now() - first);
      });
    });
    writeMs = t;
    refB = hashes(dirB);
  }, 120_000);

  it('the two versions differ in every file, and writing takes long enough to be hit', () => {
    for (const f of OUTPUT_FILES) expect(refA[f], f).not.toBe(refB[f]);
    expect(writeMs).toBeGreaterThan(20);
  });

  /** A copy of the previous complete outputs, as a pipeline would have them. */
  function previousCopy(name: string): string {
    const out = join(tmp, name);
    mkdirSync(out, { mode: 0o700 });
    for (const f of OUTPUT_FILES) copyFileSync(join(dirA, f), join(out, f));
    return out;
  }

  /** @param killed -9: the run's --out lock stays (the next run takes it over: its process is gone) */
  function expectOldOrNew(out: string, killed = false): { old: number; new: number; temps: string[] } {
    const entries = readdirSync(out).filter((n) => !(killed && n === LOCK_FILE));
    const temps = entries.filter((n) => TEMP.test(n));
    // nothing but the outputs and our hidden temp files of those outputs
    expect(entries.filter((n) => !temps.includes(n)).sort()).toEqual([...OUTPUT_FILES].sort());
    for (const t of temps) expect(OUTPUT_FILES as readonly string[]).toContain(TEMP.exec(t)![1]);
    let old = 0;
    let neu = 0;
    for (const f of OUTPUT_FILES) {
      const h = normalised(out, f);
      expect([refA[f], refB[f]], `${f} is neither the previous nor the new complete version`).toContain(h);
      if (h === refA[f]) old++;
      else neu++;
      expect(statSync(join(out, f)).mode & 0o777).toBe(0o600);
    }
    return { old, new: neu, temps };
  }

  it('every output is the previous or the new complete version, whenever the kill lands', async () => {
    const w = Math.max(writeMs, 50);
    const moments: Moment[] = [
      { kind: 'first-temp' },
      { kind: 'first-rename' },
      ...[0.1, 0.3, 0.5, 0.7, 0.9].map((f) => ({ kind: 'after-first-temp' as const, ms: Math.round(w * f * (0.8 + 0.4 * Math.random())) })),
      { kind: 'loading', ms: 300 },
    ];
    const results: { moment: Moment; kill: KillResult; old: number; new: number; temps: number }[] = [];
    let i = 0;
    for (const moment of moments) {
      const out = previousCopy(`kill-${i++}`);
      const kill = await runAndKill(argsB, out, moment);
      const seen = expectOldOrNew(out, kill.signal === 'SIGKILL');
      results.push({ moment, kill, old: seen.old, new: seen.new, temps: seen.temps.length });
    }
    if (process.env.UFMATCH_SHOW_KILLS) console.log(JSON.stringify(results, null, 1));
    // the test must have hit the writing phase, not only before or after it
    const midWrite = results.filter((r) => r.kill.signal === 'SIGKILL' && r.kill.tempsAtKill > 0);
    expect(midWrite.length, JSON.stringify(results)).toBeGreaterThanOrEqual(3);
    expect(results.some((r) => r.temps > 0 && r.old === OUTPUT_FILES.length), 'a kill while temps were being written left every previous file').toBe(true);
  }, 180_000);

  it('Ctrl-C (SIGINT) or SIGTERM while writing: exit 130, every previous output kept, no temp file left', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const out = previousCopy(`interrupt-${signal}`);
      const r = await runAndKill(argsB, out, { kind: 'first-temp' }, signal);
      expect(r.tempsAtKill, 'the signal arrived while writing').toBeGreaterThan(0);
      expect(r.code).toBe(130);
      const seen = expectOldOrNew(out);
      expect(seen.temps).toEqual([]);
      expect(seen.old, 'an interrupted run replaces no output').toBe(OUTPUT_FILES.length);
    }
  }, 60_000);

  it('the next run removes the temp files a killed run left, and leaves a live run\'s alone', async () => {
    const out = previousCopy('cleanup');
    const kill = await runAndKill(argsB, out, { kind: 'first-temp' });
    expect(kill.signal).toBe('SIGKILL');
    const leftover = readdirSync(out).filter((n) => TEMP.test(n));
    expect(leftover.length).toBeGreaterThan(0);
    // a temp file of a process that is still running (this test's own) must survive
    const live = `.links.csv.${process.pid}.0123456789ab.tmp`;
    writeFileSync(join(out, live), 'in progress');
    // and files that merely look similar are not ours to remove
    writeFileSync(join(out, '.notes.txt.1.0123456789ab.tmp'), 'keep');
    const r = runCli([...argsB, '--yes', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const after = readdirSync(out);
    for (const t of leftover) expect(after).not.toContain(t);
    expect(after, 'the killed run\'s lock, taken over and released').not.toContain(LOCK_FILE);
    expect(after).toContain(live);
    expect(after).toContain('.notes.txt.1.0123456789ab.tmp');
    expect(hashes(out)).toEqual(refB);
  }, 60_000);
});

describe('--out that would overwrite an input is refused (exit 2), the input untouched', () => {
  const dir = tempDir('ufmatch-refuse-');
  let users: string;
  let before: string;

  beforeAll(() => {
    ensureBuilt();
    users = join(dir, 'users.csv');
    copyFileSync(sample('wordpress-users.csv'), users);
    before = sha256(readFileSync(users));
  });

  const args = () => ['--users', users, '--contacts', sample('contacts-ui.csv'), '--yes'];

  function expectRefused(out: string, message: RegExp): void {
    const r = runCli([...args(), '--out', out]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(sha256(readFileSync(users))).toBe(before);
  }

  it('--out naming the input file', () => {
    expectRefused(users, /--out .* is an input file: choose another folder/);
  });

  it('--out naming a symlink to the input file', () => {
    const link = join(dir, 'out-link');
    symlinkSync(users, link);
    expectRefused(link, /is an input file/);
  });

  it('--out naming another regular file', () => {
    const other = join(dir, 'notes.txt');
    writeFileSync(other, 'mine');
    expectRefused(other, /exists and is not a folder/);
    expect(readFileSync(other, 'utf8')).toBe('mine');
  });

  it('an --out folder whose links.csv is a symlink to the input', () => {
    const out = join(dir, 'out-with-link');
    mkdirSync(out);
    symlinkSync(users, join(out, 'links.csv'));
    expectRefused(out, /would overwrite the input links\.csv \(a link to an input\)/);
    expect(readdirSync(out)).toEqual(['links.csv']);
  });

  it('an --out folder whose uf_match.sql is a symlink elsewhere (ufmatch never writes through links)', () => {
    const out = join(dir, 'out-with-other-link');
    mkdirSync(out);
    const target = join(dir, 'precious.sql');
    writeFileSync(target, 'keep me');
    symlinkSync(target, join(out, 'uf_match.sql'));
    const r = runCli([...args(), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/uf_match\.sql is a symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
  });

  it('a hard link to the input inside --out, named like an output, is kept: not ufmatch\'s, so the run is refused and the input untouched', () => {
    const out = join(dir, 'out-with-hardlink');
    mkdirSync(out);
    linkSync(users, join(out, 'summary.txt'));
    const r = runCli([...args(), '--out', out]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('holds a summary.txt that does not begin as ufmatch writes it');
    expect(sha256(readFileSync(users))).toBe(before);
    expect(statSync(join(out, 'summary.txt')).ino).toBe(statSync(users).ino);
  });

  it('the sample run itself is fine (control)', () => {
    const out = join(dir, 'control');
    const r = runCli([...SAMPLE_ARGS, '--yes', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(snapshot(out)).sort()).toEqual([...OUTPUT_FILES].sort());
  });
});

describe('a write that fails (disk full, no permission) leaves the previous outputs and no temp files', () => {
  const dir = tempDir('ufmatch-fullfs-');
  let previous: string;
  let big: { users: string; contacts: string };

  beforeAll(() => {
    ensureBuilt();
    chmodSync(dir, 0o755);
    previous = join(dir, 'previous');
    const r = runCli([...SAMPLE_ARGS, '--yes', '--out', previous]);
    expect(r.code, r.stderr).toBe(0);
    big = writePopulation(dir, 20_000, 'gamma'); // ≈ 8 MB of outputs
  }, 60_000);

  it('disk full (a 2 MB tmpfs, mounted in a private mount namespace): exit 3, one line, previous outputs byte-identical', () => {
    const mnt = join(dir, 'mnt');
    mkdirSync(mnt);
    const script = [
      `mount -t tmpfs -o size=2m tmpfs "${mnt}" || exit 99`,
      `mkdir "${mnt}/out" && cp "${previous}"/* "${mnt}/out/"`,
      `"${process.execPath}" "${CLI}" --users "${big.users}" --contacts "${big.contacts}" --yes --out "${mnt}/out" 2>"${dir}/stderr"`,
      'echo "rc=$?"',
      `cd "${mnt}/out" && ls -A && sha256sum -- *`,
    ].join('\n');
    const ns = spawnSync('unshare', [...(process.getuid?.() === 0 ? ['-m'] : ['-r', '-m']), 'sh', '-c', script], { encoding: 'utf8' });
    expect(ns.status, `unshare/mount failed (needs CAP_SYS_ADMIN or user namespaces): ${ns.stderr}`).toBe(0);
    const lines = ns.stdout.trim().split('\n');
    expect(lines[0]).toBe('rc=3');
    const stderr = readFileSync(join(dir, 'stderr'), 'utf8');
    expect(stderr).toMatch(new RegExp(`^ufmatch: ${mnt}/out/[a-z_.-]+: no space left on the device — nothing was overwritten; fix it and run again\\n$`));
    const names = lines.slice(1).filter((l) => !/^[0-9a-f]{64} /.test(l));
    expect(names.sort()).toEqual([...OUTPUT_FILES].sort()); // no temp files left
    const sums = Object.fromEntries(lines.filter((l) => /^[0-9a-f]{64} /.test(l)).map((l) => [l.slice(66), l.slice(0, 64)]));
    const before = snapshot(previous);
    expect(sums).toEqual(before);
  }, 60_000);

  it('an --out folder the user may not write to: exit 3, one line, nothing changed', () => {
    const ro = join(dir, 'read-only');
    mkdirSync(ro);
    for (const f of OUTPUT_FILES) copyFileSync(join(previous, f), join(ro, f));
    const before = snapshot(ro);
    const isRoot = process.getuid?.() === 0;
    chmodSync(ro, isRoot ? 0o755 : 0o555); // root ignores modes: run as "nobody" instead
    try {
      const r = runCli(['--users', sample('wordpress-users.csv'), '--contacts', sample('contacts-ui.csv'), '--yes', '--out', ro], isRoot ? { uid: 65534, gid: 65534 } : {});
      expect(r.code).toBe(3);
      // the folder is named: the run's lock is the first file it would create there
      expect(r.stderr).toMatch(new RegExp(`^ufmatch: ${ro}: permission denied — nothing was overwritten; fix it and run again\\n$`));
      expect(snapshot(ro)).toEqual(before);
    } finally {
      chmodSync(ro, 0o755);
    }
  });
});
