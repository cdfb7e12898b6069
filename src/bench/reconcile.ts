/**
 * One scripted reconcile (`--yes`, every output written) in its own process, timed by phase.
 * Prints one JSON line on stdout: { ms, cpuMs, code, times, maxRssKb } (cpuMs: user + system
 * time of the process, its garbage-collector threads included). The text summary and the
 * progress display are discarded (stderr is not a terminal here, so there is none anyway).
 *
 * Usage: node dist/bench/reconcile.js --users … --contacts … [--links …] [--emails …] --out DIR --yes
 */
import { Writable } from 'node:stream';
import { parseCommandLine } from '../cli/args.js';
import { runScripted, type PhaseTimes } from '../cli/scripted.js';

const sink = new Writable({ write: (_c, _e, cb) => cb() });
const o = parseCommandLine(process.argv.slice(2));
const times: PhaseTimes = { load: 0, index: 0, match: 0, warnings: 0, write: 0 };
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const code = await runScripted(o, { stdin: process.stdin, stdout: sink, stderr: sink, env: process.env }, times);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, code, times, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
