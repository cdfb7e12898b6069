/** What the end-to-end tests share: the repo, the built CLI, the sample command, CSV reading. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterEach, beforeAll } from 'vitest';
import { Tmux } from './tmux.js';
import { tempDir } from '../../helpers/tempDir.js';

export const REPO = fileURLToPath(new URL('../../..', import.meta.url));

export function requireBuild(): void {
  if (!existsSync(`${REPO}/dist/cli.js`)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does)');
}

export function samplesCommand(out: string): string {
  return `node dist/cli.js --users samples/wordpress-users.csv --contacts samples/contacts-ui.csv --links samples/uf_match.csv --emails samples/emails.csv --out '${out}'`;
}

export function readCsv(path: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

/** The number in "[Review N]" on the screen. */
export function reviewCount(screen: string): number {
  const m = /\[Review ([\d,]+)\]|Review ([\d,]+)/.exec(screen);
  if (!m) throw new Error(`no Review count on the screen:\n${screen}`);
  return Number((m[1] ?? m[2])!.replace(/,/g, ''));
}

/**
 * For a describe block of terminal tests: checks the build once, and gives each test a fresh
 * tmux server of the given size and a fresh --out folder, both removed after the test.
 */
export function terminalSessions(prefix: string): (columns: number, rows: number) => { tmux: Tmux; out: string } {
  let tmux: Tmux | null = null;
  let out = '';
  beforeAll(() => requireBuild());
  afterEach(() => {
    tmux?.kill();
    tmux = null;
    if (out) rmSync(out, { recursive: true, force: true });
    out = '';
  });
  return (columns, rows) => {
    out = tempDir(prefix);
    tmux = new Tmux({ columns, rows, cwd: REPO });
    return { tmux, out };
  };
}
