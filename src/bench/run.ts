/**
 * `npm run bench`: generates (or reuses) the synthetic exports, then for each size runs, each
 * in a child process of its own, papaparse alone over the input files (the baseline) and the
 * full scripted reconcile (`--yes`, every output), and prints a Markdown table: phase times,
 * total, parse-only time, their ratio, the reconcile's CPU time and the ratio that CPU time
 * allows at best on this machine's cores, input rows per second, and the reconcile's peak RSS.
 *
 *   npm run bench                        the three sets (20k/5k, 200k/50k, 1M/200k), median of 3 runs each
 *   npm run bench -- --sizes small       only some sets (small, medium, large)
 *   npm run bench -- --repeat 1          one run of each (default 3; the table shows medians)
 *   npm run bench -- --cpu-prof DIR      write a V8 CPU profile of each reconcile run into DIR
 *   npm run bench -- --json FILE         also write the figures as JSON
 *   npm run bench -- --presses N         keypresses per terminal size in the TUI latency run (default 60)
 *
 * Data are cached in $UFMATCH_BENCH_CACHE, $XDG_CACHE_HOME/ufmatch-bench or ~/.cache/ufmatch-bench.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, tmpdir, totalmem, type as osType } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cacheRoot, ensureDataset, SIZES, type BenchFiles, type BenchSize, type Manifest } from './generate.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));

interface ParseResult {
  ms: number;
  cpuMs: number;
  rows: number;
  bytes: number;
  maxRssKb: number;
}
interface KeepResult {
  ms: number;
  rows: number;
  hits: number;
  maxRssKb: number;
}
interface ReconcileResult {
  ms: number;
  /** User + system time of every thread of the process (this one, the worker, the collector's helpers). */
  cpuMs: number;
  code: number;
  times: { load: number; index: number; match: number; warnings: number; write: number };
  maxRssKb: number;
}
export interface SizeResult {
  readonly size: BenchSize;
  readonly manifest: Manifest;
  readonly inputRows: number;
  readonly parse: ParseResult;
  /** parseKeep.ts: the parse plus a Map of the contacts' email keys and the users' rows, the floor under any papaparse-based reconcile. */
  readonly keep: KeepResult;
  readonly reconcile: ReconcileResult;
  readonly ratio: number;
  /** keep / parse-only: how much of the ratio target the floor alone takes. */
  readonly keepRatio: number;
  readonly runs: number;
}

function child<T>(script: string, args: readonly string[], nodeArgs: readonly string[] = []): Promise<T> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, [...nodeArgs, join(HERE, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    p.on('error', rej);
    p.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        if (code !== 0 && code !== 1) throw new Error(`exit ${code}`);
        res(JSON.parse(line) as T);
      } catch (e) {
        rej(new Error(`${script} failed (${(e as Error).message}): ${err.trim().slice(-2000)}`));
      }
    });
  });
}

/** Read every file once so both runs start from the page cache. */
function warm(paths: readonly string[]): void {
  const buf = Buffer.allocUnsafe(1 << 20);
  for (const p of paths) {
    const fd = openSync(p, 'r');
    try {
      while (readSync(fd, buf, 0, buf.length, null) > 0) {
        /* discard */
      }
    } finally {
      closeSync(fd);
    }
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function medianBy<T>(runs: readonly T[], key: (t: T) => number): T {
  const m = median(runs.map(key));
  return runs.reduce((best, r) => (Math.abs(key(r) - m) < Math.abs(key(best) - m) ? r : best));
}

export async function benchSize(size: BenchSize, files: BenchFiles, manifest: Manifest, repeat: number, cpuProf: string | null): Promise<SizeResult> {
  const inputs = [files.users, files.contacts, files.emails, files.links];
  warm(inputs);
  const out = mkdtempSync(join(tmpdir(), 'ufmatch-bench-out-'));
  try {
    const parses: ParseResult[] = [];
    const keeps: KeepResult[] = [];
    const recs: ReconcileResult[] = [];
    for (let i = 0; i < repeat; i++) {
      parses.push(await child<ParseResult>('parseOnly.js', inputs));
      keeps.push(await child<KeepResult>('parseKeep.js', [files.users, files.contacts, files.emails, files.links]));
      const nodeArgs = cpuProf ? ['--cpu-prof', '--cpu-prof-dir', cpuProf, '--cpu-prof-name', `ufmatch-${size.name}-${i + 1}.cpuprofile`] : [];
      recs.push(
        await child<ReconcileResult>(
          'reconcile.js',
          ['--users', files.users, '--contacts', files.contacts, '--links', files.links, '--emails', files.emails, '--yes', '--out', join(out, String(i))],
          nodeArgs,
        ),
      );
    }
    const parse = medianBy(parses, (p) => p.ms);
    const keep = medianBy(keeps, (k) => k.ms);
    const reconcile = medianBy(recs, (r) => r.ms);
    const m = manifest.rows;
    return { size, manifest, inputRows: m.users + m.contacts + m.links + m.emails, parse, keep, reconcile, ratio: reconcile.ms / parse.ms, keepRatio: keep.ms / parse.ms, runs: repeat };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const s = (ms: number) => (ms / 1000).toFixed(2);
const thousands = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M` : n >= 1e3 ? `${Math.round(n / 1e3)}k` : String(n));

export function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GB RAM, ${osType()} ${release()}, Node ${process.version}`;
}

interface KeypressResult {
  users: number;
  presses: number;
  sizes: { columns: number; rows: number; p50: number; p95: number; max: number }[];
}

/** Keypress → frame through the real TUI component tree, on the largest set benched. */
async function benchKeypress(files: BenchFiles, presses: number): Promise<KeypressResult> {
  return child<KeypressResult>('keypress.js', ['--users', files.users, '--contacts', files.contacts, '--links', files.links, '--emails', files.emails, '--presses', String(presses)]);
}

export function keypressTable(k: KeypressResult): string {
  const lines = ['| terminal | p50 | p95 | max |', '|---|--:|--:|--:|'];
  for (const z of k.sizes) lines.push(`| ${z.columns}×${z.rows} | ${z.p50.toFixed(1)} ms | ${z.p95.toFixed(1)} ms | ${z.max.toFixed(1)} ms |`);
  return lines.join('\n');
}

/**
 * The lowest ratio the reconcile's CPU time allows on `cores` cores: its CPU time spread
 * perfectly over every core, over the parse-only time. Wall time can only beat it by doing
 * less work, not by running more of it in parallel.
 */
export function cpuBound(r: SizeResult, cores: number): number {
  return r.reconcile.cpuMs / cores / r.parse.ms;
}

export function table(results: readonly SizeResult[], cores = availableParallelism()): string {
  const lines = [
    `| set | contacts / users | load | index | match | warnings | write | **total** | parse-only | **ratio** | CPU (all threads) | CPU ÷ ${cores} cores ÷ parse-only | parse + keys (floor) | rows/s | **peak RSS** |`,
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of results) {
    const t = r.reconcile.times;
    lines.push(
      `| ${r.size.name} | ${thousands(r.size.contacts)} / ${thousands(r.size.users)} | ${s(t.load)} s | ${s(t.index)} s | ${s(t.match)} s | ${s(t.warnings)} s | ${s(t.write)} s | **${s(r.reconcile.ms)} s** | ${s(r.parse.ms)} s | **${r.ratio.toFixed(2)}×** | ${s(r.reconcile.cpuMs)} s | ${cpuBound(r, cores).toFixed(2)}× | ${s(r.keep.ms)} s = ${r.keepRatio.toFixed(2)}× | ${thousands(Math.round(r.inputRows / (r.reconcile.ms / 1000)))} | **${Math.round(r.reconcile.maxRssKb / 1024)} MB** |`,
    );
  }
  return lines.join('\n');
}

/** log(t2/t1) / log(n2/n1) over the input rows: 1 is linear. */
export function exponent(a: SizeResult, b: SizeResult, ms: (r: SizeResult) => number): number {
  return Math.log(ms(b) / ms(a)) / Math.log(b.inputRows / a.inputRows);
}

export function scaling(results: readonly SizeResult[]): string[] {
  const lines: string[] = [];
  for (let i = 1; i < results.length; i++) {
    const a = results[i - 1]!;
    const b = results[i]!;
    lines.push(
      `Scaling ${a.size.name} → ${b.size.name} (input rows ×${(b.inputRows / a.inputRows).toFixed(2)}): total time exponent ${exponent(a, b, (r) => r.reconcile.ms).toFixed(2)}` +
        ` (parse-only ${exponent(a, b, (r) => r.parse.ms).toFixed(2)}; peak RSS ×${(b.reconcile.maxRssKb / a.reconcile.maxRssKb).toFixed(2)}).`,
    );
  }
  return lines;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      repeat: { type: 'string' },
      'cpu-prof': { type: 'string' },
      json: { type: 'string' },
      presses: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write('npm run bench [-- --sizes small,medium,large] [--repeat N] [--cpu-prof DIR] [--json FILE] [--presses N]\n');
    return;
  }
  const names = (values.sizes ?? SIZES.map((z) => z.name).join(',')).split(',').map((x) => x.trim()).filter(Boolean);
  const sizes = names.map((n) => {
    const z = SIZES.find((x) => x.name === n);
    if (!z) throw new Error(`unknown size ${n} (choose from ${SIZES.map((x) => x.name).join(', ')})`);
    return z;
  });
  const repeat = Math.max(1, Number(values.repeat ?? 3) | 0);
  const cpuProf = values['cpu-prof'] ? resolve(values['cpu-prof']) : null;
  const root = cacheRoot();
  const log = (m: string) => process.stderr.write(`bench: ${m}\n`);
  log(`machine: ${machine()}; load average ${loadavg().map((l) => l.toFixed(1)).join(', ')} (other processes skew wall times: run on a quiet machine)`);
  log(`data cache: ${root}`);
  const results: SizeResult[] = [];
  let largest: BenchFiles | null = null;
  for (const size of sizes) {
    const { files, manifest, generatedMs } = ensureDataset(size, root, log);
    if (generatedMs > 0) log(`generated ${size.name} in ${s(generatedMs)} s`);
    log(`running ${size.name} (${repeat} run${repeat > 1 ? 's' : ''}: parse-only, parse + keys, then reconcile)`);
    const r = await benchSize(size, files, manifest, repeat, cpuProf);
    log(`${size.name}: total ${s(r.reconcile.ms)} s, parse-only ${s(r.parse.ms)} s, ratio ${r.ratio.toFixed(2)}, parse + keys ${r.keepRatio.toFixed(2)}×, peak RSS ${Math.round(r.reconcile.maxRssKb / 1024)} MB`);
    results.push(r);
    largest = files;
  }
  let keypress: KeypressResult | null = null;
  if (largest) {
    log(`running keypress → frame on ${sizes[sizes.length - 1]!.name} (the review TUI's real component tree)`);
    keypress = await benchKeypress(largest, Math.max(10, Number(values.presses ?? 60) | 0));
  }
  const load = loadavg().map((l) => l.toFixed(1)).join(', ');
  const cores = availableParallelism();
  const out = [
    `Machine: ${machine()} (load average at the end: ${load})`,
    '',
    table(results, cores),
    '',
    ...scaling(results),
    '',
    ...(keypress
      ? [`Review TUI, keypress → frame with ${thousands(keypress.users)} users (${keypress.presses} presses per terminal size: moves, pages, queues, a decision and its undo):`, '', keypressTable(keypress), '']
      : []),
    'Times are medians of wall-clock time inside each child process; "warnings" is the part of the match pass spent in fuzzy look-ups (alias, typo, name) and their warnings, "match" the rest of it;',
    'parse-only = papaparse alone streaming the same four files from disk; ratio = total / parse-only;',
    `CPU = user + system time of the reconcile process, every thread (main, indexing worker, collector helpers); CPU ÷ ${cores} cores ÷ parse-only = the lowest ratio that much work allows on this machine, were it spread perfectly over every core;`,
    'parse + keys (floor) = the same parse keeping only a Map of every contact email key to its contact id and the users\' rows, then one exact look-up per user (src/bench/parseKeep.ts), × parse-only: what any reconcile that parses with papaparse pays before names, typos, the plan or any output;',
    'rows/s = input rows (all four files) / total; peak RSS = the reconcile process\'s maximum resident set size.',
  ].join('\n');
  process.stdout.write(out + '\n');
  if (values.json) {
    writeFileSync(values.json, JSON.stringify({ machine: machine(), loadavg: loadavg(), results, keypress }, null, 2) + '\n');
    log(`figures written to ${values.json}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    process.exitCode = 1;
  });
}
