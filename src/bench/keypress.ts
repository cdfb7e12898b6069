/**
 * Keypress → frame latency of the review TUI on a bench set, in its own process: loads the
 * set as the TUI does, builds the plan, renders the real component tree (src/tui/App) on
 * stand-in terminals of three sizes and times each key to the frame Ink writes.
 * Prints one JSON line: { users, sizes: [{ columns, rows, p50, p95, max }] }.
 *
 * Usage: node dist/bench/keypress.js --users … --contacts … [--links …] [--emails …] --presses N
 */
import { Writable } from 'node:stream';
import { parseCommandLine } from '../cli/args.js';
import { silentProgress } from '../cli/progress.js';
import { prepare } from '../cli/scripted.js';
import { measureKeypressLatency } from '../tui/benchKeypress.js';
import { reviewModel } from '../tui/state/model.js';

export const TERMINALS = [
  { columns: 80, rows: 24 },
  { columns: 100, rows: 30 },
  { columns: 200, rows: 60 },
] as const;

const argv = process.argv.slice(2);
const at = argv.indexOf('--presses');
const presses = at >= 0 ? Number(argv.splice(at, 2)[1]) | 0 : 60;
const o = parseCommandLine([...argv, '--yes']);
/**
 * As in the TUI: loaded and planned by prepare() (so with the indexing worker on a set this
 * size), and the loaded export let go once the review model holds what it shows.
 */
async function reviewOfBenchSet() {
  const notes = new Writable({ write: (_c, _e, cb) => cb() }); // prepare's notes (links of other domains, …)
  const io = { stdin: process.stdin, stdout: process.stdout, stderr: notes, env: process.env };
  const { loaded, plan } = await prepare(o, io, silentProgress);
  return reviewModel(plan, loaded.data.contacts, loaded.data.links);
}
const model = await reviewOfBenchSet();
const sizes = [];
for (const t of TERMINALS) {
  const r = await measureKeypressLatency(model, { ...t, presses });
  sizes.push({ ...t, ...r });
}
process.stdout.write(JSON.stringify({ users: model.plan.rows.length, presses, sizes }) + '\n');
process.exit(0);
