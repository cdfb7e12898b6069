import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { styledCharsToString } from '@alcalzone/ansi-tokenize';

/** The package.json of `name` as Ink itself resolves it. */
function versionSeenByInk(name: string): string {
  let inkDir = dirname(createRequire(import.meta.url).resolve('ink'));
  while (!inkDir.endsWith(join('node_modules', 'ink'))) inkDir = dirname(inkDir);
  let dir = inkDir;
  for (;;) {
    try {
      return JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version as string;
    } catch {
      const up = dirname(dir);
      if (up === dir) throw new Error(`${name} not found from ${inkDir}`);
      dir = up;
    }
  }
}

describe("Ink's renderer gets the style-diff fast path (package.json overrides)", () => {
  it('resolves @alcalzone/ansi-tokenize 0.3.x for Ink, not the 0.2.x Ink 6.8 asks for', () => {
    expect(versionSeenByInk('@alcalzone/ansi-tokenize')).toMatch(/^0\.3\./);
  });

  it('draws a styled run as 0.2.x did: one code where the style starts, one reset at the end', () => {
    const bold = { type: 'ansi', code: '\u001b[1m', endCode: '\u001b[22m' } as const;
    const cells = ['a', 'b', 'c'].map((value) => ({ type: 'char', value, fullWidth: false, styles: [bold] }) as const);
    expect(styledCharsToString(cells)).toBe('\u001b[1mabc\u001b[22m');
  });
});
