/**
 * The baseline: papaparse alone streaming the same input files from disk, in its own process
 * (as the reconcile run is), one file after the other. Prints one JSON line on stdout:
 * { ms, cpuMs, rows, bytes, maxRssKb }.
 *
 * Usage: node dist/bench/parseOnly.js FILE...
 * `fs.createReadStream(file, { encoding: 'utf8' })` with its default 64 KiB reads (papaparse
 * is faster with those than with the loader's 256 KiB: the stricter baseline), rows taken in
 * papaparse's `chunk` mode (its fastest streaming mode), header off (ufmatch's loaders take
 * rows as arrays too).
 */
import { createReadStream, statSync } from 'node:fs';
import Papa from 'papaparse';

async function parseOnly(files: readonly string[]): Promise<{ ms: number; rows: number; bytes: number }> {
  const t0 = performance.now();
  let rows = 0;
  let bytes = 0;
  for (const file of files) {
    bytes += statSync(file).size;
    await new Promise<void>((resolve, reject) => {
      Papa.parse<string[]>(createReadStream(file, { encoding: 'utf8' }), {
        chunk(results) {
          rows += results.data.length;
        },
        complete: () => resolve(),
        error: (err: Error) => reject(err),
      });
    });
  }
  return { ms: performance.now() - t0, rows, bytes };
}

const cpu0 = process.cpuUsage();
const r = await parseOnly(process.argv.slice(2));
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ ...r, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
