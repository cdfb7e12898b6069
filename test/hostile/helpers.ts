/**
 * Shared by the hostile-input tests: the built CLI (rebuilt when src/ is newer than dist/),
 * temp folders, folder snapshots, and generators of large exports.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir as removedAfterTheFile } from '../helpers/tempDir.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli.js');
export const BAD = join(ROOT, 'test', 'fixtures', 'bad');
export const SAMPLES = join(ROOT, 'samples');
export const sample = (name: string): string => join(SAMPLES, name);
export const bad = (name: string): string => join(BAD, name);

/** The sample run every "previous output" comes from. */
export const SAMPLE_ARGS = [
  '--users', sample('wordpress-users.csv'),
  '--contacts', sample('contacts-ui.csv'),
  '--links', sample('uf_match.csv'),
  '--emails', sample('emails.csv'),
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function distIsFresh(): boolean {
  return existsSync(CLI) && statSync(CLI).mtimeMs >= newestMtime(join(ROOT, 'src'));
}

/**
 * `npm test` builds before running; a direct `vitest run` may find dist/ older than src/. Then
 * build once (a lock folder keeps parallel test files from building at the same time).
 */
export function ensureBuilt(): void {
  if (distIsFresh()) return;
  const lock = join(tmpdir(), `ufmatch-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited 2 minutes for ${lock}; remove it if no build is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (distIsFresh()) return;
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    // tsc still emits when other parts of src/ have type errors (work in progress elsewhere);
    // `npm test` and `npm run typecheck` report those. Only a build that emitted nothing fails here.
    if (!distIsFresh()) throw new Error(`npm run build failed:\n${r.stdout}${r.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI and waits for it. `nodeArgs` go before the script (e.g. a heap limit). */
export function runCli(args: readonly string[], opts: { nodeArgs?: readonly string[]; uid?: number; gid?: number; timeout?: number; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: '',
    env: { ...process.env, UFMATCH_DEBUG: '', NO_COLOR: '1', ...opts.env },
    timeout: opts.timeout ?? 60_000,
    maxBuffer: 64 * 1024 * 1024,
    ...(opts.uid !== undefined ? { uid: opts.uid } : {}),
    ...(opts.gid !== undefined ? { gid: opts.gid } : {}),
  });
  if (r.error) throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the built CLI without waiting (for kill tests). */
export function startCli(args: readonly string[], opts: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], ...opts });
}

/** A temp folder removed after the test file. */
export function tempDir(prefix = 'ufmatch-hostile-'): string {
  const dir = removedAfterTheFile(prefix);
  return dir;
}

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** Every entry of a folder (hidden ones included) → sha256 of its bytes. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = sha256(readFileSync(join(dir, name)));
  return out;
}

/** Writes a file from a row generator in 1 MiB blocks (big files without big strings). */
export function writeRows(path: string, header: string, rows: Iterable<string>): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    let buf = header + '\n';
    for (const r of rows) {
      buf += r + '\n';
      if (buf.length >= 1 << 20) {
        bytes += writeSync(fd, buf);
        buf = '';
      }
    }
    bytes += writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

const WORDS = ['ash', 'birch', 'cedar', 'dune', 'elm', 'fern', 'gale', 'heath', 'iris', 'jade', 'kale', 'lark', 'moss', 'nook', 'oak', 'pine', 'quill', 'reed', 'sage', 'teal', 'umber', 'vale', 'wren', 'yew', 'zinc'];

/** A made-up name for a number: distinct numbers, distinct and dissimilar names. */
export function fakeName(i: number): string {
  let s = '';
  do {
    s += WORDS[i % WORDS.length];
    i = Math.floor(i / WORDS.length);
  } while (i > 0);
  return s[0]!.toUpperCase() + s.slice(1);
}

export const firstOf = (i: number): string => fakeName((i * 7919) % 1_000_003);
export const lastOf = (i: number): string => fakeName((i * 104_729) % 1_000_033);
/** Person i's address; `domain` lets two populations differ in every row. */
export const emailOf = (i: number, domain = 'example'): string => `u${i}.${firstOf(i).toLowerCase()}@${domain}${i % 97}.org`;

/**
 * A WordPress users export of `n` users and a UI contacts export where every other user has a
 * contact with the same email and name (so half link, half create; no warnings).
 */
export function writePopulation(
  dir: string,
  n: number,
  domain = 'example',
  /** Users given no email (a no-email warning each). */
  blank: (i: number) => boolean = () => false,
): { users: string; contacts: string } {
  const users = join(dir, `users-${domain}-${n}.csv`);
  const contacts = join(dir, `contacts-${domain}-${n}.csv`);
  writeRows(users, 'ID,user_login,user_email,first_name,last_name', (function* () {
    for (let i = 1; i <= n; i++) yield `${i},user${i},${blank(i) ? '' : emailOf(i, domain)},${firstOf(i)},${lastOf(i)}`;
  })());
  writeRows(contacts, 'Contact ID,Contact Type,Display Name,First Name,Last Name,Email,Contact is in Trash', (function* () {
    for (let i = 1; i <= n; i += 2) yield `${i + 1_000_000},Individual,${firstOf(i)} ${lastOf(i)},${firstOf(i)},${lastOf(i)},${emailOf(i, domain)},0`;
  })());
  return { users, contacts };
}
