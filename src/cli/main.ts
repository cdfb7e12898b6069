/** The command-line shell: parse, dispatch, and turn every failure into one line and an exit code. */
import { realpathSync } from 'node:fs';
import { InputError, UsageError } from '../load/errors.js';
import { writeFailureWords } from '../output/ioWords.js';
import { VERSION } from '../version.js';
import { HELP, parseCommandLine, type Options } from './args.js';
import type { Io } from './io.js';
import { removeCreatedOutDir } from './outDir.js';
import { releaseOutLock } from './outLock.js';
import { printable } from '../runtime/printable.js';
import { runScripted } from './scripted.js';

export const EXIT = { ok: 0, reviewsRemain: 1, usage: 2, input: 3, internal: 70, interrupted: 130 } as const;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let o: Options;
  try {
    o = parseCommandLine(argv);
  } catch (e) {
    return fail(io, e);
  }
  try {
    if (o.command === 'run' || o.command === 'explain') distinctInputs(o);
    switch (o.command) {
      case 'help':
        io.stdout.write(HELP);
        return EXIT.ok;
      case 'version':
        io.stdout.write(`ufmatch ${VERSION}\n`);
        return EXIT.ok;
      case 'explain': {
        const { runExplain } = await import('./explain.js');
        return await runExplain(o, io);
      }
      case 'run':
        if (o.yes) return await runScripted(o, io);
        if (io.stdin.isTTY && io.stdout.isTTY) {
          const { runTui } = await import('../tui/runTui.js');
          return await runTui(o, io);
        }
        throw new UsageError('no terminal for the review screen (stdin or stdout is not a terminal): add --yes for a scripted run');
    }
  } catch (e) {
    releaseOutLock();
    removeCreatedOutDir(); // a failed run leaves no empty --out folder behind
    return fail(io, e);
  }
}

/** Two options naming one file (the users export given as --contacts too, say) is a mistake on the command line. */
function distinctInputs(o: Options): void {
  const named: [string, string | null][] = [['--users', o.users], ['--contacts', o.contacts], ['--links', o.links], ['--emails', o.emails], ['--decisions', o.decisions]];
  const seen = new Map<string, string>();
  for (const [flag, path] of named) {
    if (!path) continue;
    let key: string;
    try {
      key = realpathSync(path);
    } catch {
      continue; // missing or unreadable: the loader says so, naming the file
    }
    const other = seen.get(key);
    if (other) throw new UsageError(`${other} and ${flag} name the same file (${path}): give each export once`);
    seen.set(key, flag);
  }
}

/**
 * One line on stderr, never a stack trace (set UFMATCH_DEBUG=1 to see one). It quotes headers,
 * paths and cells as found, so their control characters are shown (␛, ␇, ↵), never sent: a
 * header holding ESC ] 0 ; … BEL set the terminal's title.
 */
export function fail(io: Io, e: unknown): number {
  const say = (line: string) => io.stderr.write(`ufmatch: ${printable(line)}\n`);
  if (e instanceof UsageError) {
    say(e.message);
    return EXIT.usage;
  }
  if (e instanceof InputError) {
    say(e.message);
    return EXIT.input;
  }
  const failed = writeFailureWords(e);
  if (failed !== null) {
    say(failed);
    return EXIT.input;
  }
  const err = e as Error | null;
  say(`internal error: ${(err && err.message) || String(e)} — please report it (UFMATCH_DEBUG=1 shows details)`);
  if (io.env.UFMATCH_DEBUG) io.stderr.write(`${(err && err.stack) || ''}\n`);
  return EXIT.internal;
}
