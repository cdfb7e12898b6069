/** Run the CLI in-process (src) or as the built binary (dist). */
import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runInProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const stdin = new PassThrough();
  const code = await main(args, { stdin, stdout: out, stderr: err, env });
  return { code, stdout, stderr };
}

export const BIN = new URL('../../dist/cli.js', import.meta.url).pathname;

export function runBinary(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
