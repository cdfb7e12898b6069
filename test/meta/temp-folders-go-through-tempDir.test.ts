/**
 * A test that makes a temporary folder with mkdtempSync leaves it behind (a full run once left
 * some 200 in /tmp); test/helpers/tempDir's are removed after each file. This keeps new tests
 * on it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const TEST = fileURLToPath(new URL('../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'fixtures' ? [] : sources(join(dir, e.name))) : /\.(ts|tsx|mjs)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('temporary folders in the tests', () => {
  it('are made by test/helpers/tempDir only', () => {
    const making = sources(TEST)
      .map((f) => relative(TEST, f))
      .filter((f) => f !== join('helpers', 'tempDir.ts') && /\bmkdtemp(Sync)?\(/.test(readFileSync(join(TEST, f), 'utf8')));
    expect(making).toEqual([]);
  });
});
