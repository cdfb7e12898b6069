/**
 * Entry of the review TUI (SPEC §6), called by the CLI when stdin and stdout are terminals.
 * Ink draws nothing in "CI mode" (CI=true, read once when Ink loads); here both ends are
 * terminals, so the operator wants the screen: CI mode is turned off before Ink is loaded.
 * The session itself lives in session.tsx, imported only after that.
 */
import type { Options } from '../cli/args.js';
import type { Io } from '../cli/io.js';
import { inkCachesBounded, unboundedNote } from './inkCaches.js';

export function leaveCiMode(env: NodeJS.ProcessEnv): void {
  for (const k of ['CI', 'CONTINUOUS_INTEGRATION']) if (env[k] !== undefined) env[k] = 'false';
}

/**
 * React's development build checks and logs every render, several times slower: the TUI runs
 * the production build unless NODE_ENV says otherwise. Must happen before React is loaded.
 */
export function preferProductionReact(env: NodeJS.ProcessEnv): void {
  if (env.NODE_ENV === undefined) env.NODE_ENV = 'production';
}

export async function runTui(o: Options, io: Io): Promise<number> {
  leaveCiMode(io.env);
  preferProductionReact(io.env);
  const { runSession } = await import('./session.js');
  const code = await runSession(o, io);
  if (inkCachesBounded() === false) io.stderr.write(unboundedNote());
  return code;
}
