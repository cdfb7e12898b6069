/**
 * Golden files: every output of the three sample runs (WordPress, Drupal, Joomla), byte for byte (elapsed_ms zeroed).
 * Regenerate after an intended change with UPDATE_GOLDEN=1 npx vitest run test/golden
 * and review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WARNING_CODES } from '../../src/domain/warnings.js';
import { OUTPUT_FILES } from '../../src/output/writeOutputs.js';
import { runInProcess } from '../helpers/runCli.js';
import { tempDir } from '../helpers/tempDir.js';

const GOLDEN = new URL('.', import.meta.url).pathname;

const RUNS = {
  wordpress: ['--users', 'samples/wordpress-users.csv', '--contacts', 'samples/contacts-ui.csv', '--links', 'samples/uf_match.csv', '--emails', 'samples/emails.csv'],
  drupal: ['--users', 'samples/drupal-users.csv', '--contacts', 'samples/contacts-api.csv'],
  joomla: ['--users', 'samples/joomla-users.csv', '--contacts', 'samples/contacts-api.csv'],
} as const;

function normalise(name: string, text: string): string {
  if (name === 'summary.json') return text.replace(/"elapsed_ms": \d+/, '"elapsed_ms": 0').replace(/"version": "[^"]*"/, '"version": "X"');
  if (name === 'summary.txt') return text.replace(/Done in \d+ ms\./, 'Done in 0 ms.').replace(/^ufmatch \S+/, 'ufmatch X');
  if (name === 'uf_match.sql') return text.replace(/^-- ufmatch \S+:/, '-- ufmatch X:');
  return text;
}

describe.each(Object.entries(RUNS))('golden outputs: %s sample', (platform, args) => {
  const out = tempDir(`ufm-golden-${platform}-`);
  let result: Awaited<ReturnType<typeof runInProcess>>;

  it('runs with exit 0', async () => {
    result = await runInProcess([...args, '--yes', '--out', out]);
    expect(result.stderr).not.toMatch(/ at .*\(/); // no stack
    expect(result.code).toBe(0);
  });

  it.each(OUTPUT_FILES.map((f) => [f]))('%s matches the golden file', (file) => {
    const got = normalise(file, readFileSync(join(out, file), 'utf8'));
    const path = join(GOLDEN, platform, file);
    const golden = existsSync(path) ? readFileSync(path, 'utf8') : '';
    // UPDATE_GOLDEN=1 writes the new file, and still fails where it changed: review the diff, run again
    if (process.env.UPDATE_GOLDEN && got !== golden) writeFileSync(path, got);
    expect(got).toBe(golden);
  });
});

describe('the main sample raises every warning code', () => {
  it('warnings.csv has each SPEC §4 code at least once', () => {
    const text = readFileSync(join(GOLDEN, 'wordpress', 'warnings.csv'), 'utf8');
    const codes = new Set(text.split('\r\n').slice(1).map((l) => l.split(',')[0]).filter(Boolean));
    for (const c of WARNING_CODES) expect(codes, c).toContain(c);
  });
});
