/**
 * Ink 6.8 kept the size of every text it ever laid out, and every text it wrapped, for the
 * life of the process (vadimdemedes/ink#986): a long review kept about 18 KB per decision and
 * 10 KB per line scrolled, and never gave them back. tools/patch-ink.mjs (run by npm install)
 * makes each cache forget its oldest text past 4,096.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script, without types
import { EDITS, MARK, patched } from '../../tools/patch-ink.mjs';
import { BOUNDED_MARK, inkCachesBounded, UNBOUNDED_NOTE, unboundedNote } from '../../src/tui/inkCaches.js';
import { tempDir } from '../helpers/tempDir.js';

const build = dirname(fileURLToPath(import.meta.resolve('ink')));
type Edit = readonly [string, string];
const edits = EDITS as readonly (readonly [string, readonly Edit[]])[];

describe("Ink's text caches", () => {
  it('the installed Ink is the patched one (npm install ran tools/patch-ink.mjs)', () => {
    for (const [file] of edits) expect(readFileSync(join(build, file), 'utf8')).toContain(MARK);
  });

  it('the size of a text laid out 4,096 texts ago is no longer kept (the same module Ink uses)', async () => {
    const { default: measureText } = (await import(pathToFileURL(join(build, 'measure-text.js')).href)) as { default: (t: string) => { width: number; height: number } };
    const first = measureText('the first text of this test\nline two');
    expect(measureText('the first text of this test\nline two')).toBe(first); // kept while recent
    for (let i = 0; i < 4096; i++) measureText(`other text ${i}`);
    const again = measureText('the first text of this test\nline two');
    expect(again).toEqual({ width: 27, height: 2 });
    expect(again).not.toBe(first); // measured again: it had been let go
  });

  it('the patch changes exactly the lines it knows, once, and refuses a text it does not know', () => {
    for (const [file, fileEdits] of edits) {
      const now = readFileSync(join(build, file), 'utf8');
      // the file as Ink ships it: the edits undone
      let original = now;
      for (const [from, to] of fileEdits) original = original.replace(to, () => from);
      expect(original).not.toContain(MARK);
      expect(patched(file, original, fileEdits)).toBe(now);
      expect(patched(file, now, fileEdits)).toBeNull();
      expect(() => patched(file, original.replace(fileEdits[0]![0], ''), fileEdits)).toThrow(/is not the one this patch knows \(Ink 6\.8\.0\)/);
    }
  });

  it('the review can tell an install that skipped the script (and then says so when it ends)', () => {
    expect(BOUNDED_MARK).toBe(MARK);
    expect(inkCachesBounded()).toBe(true);
    const fake = (version: string, text: string) => {
      const root = tempDir('ufm-ink-');
      mkdirSync(join(root, 'build'));
      writeFileSync(join(root, 'package.json'), JSON.stringify({ version }));
      for (const [file] of edits) writeFileSync(join(root, 'build', file), text);
      return join(root, 'build');
    };
    expect(inkCachesBounded(fake('6.8.0', 'const cache = new Map();\n'))).toBe(false);
    expect(inkCachesBounded(fake('6.8.0', `x ${MARK}\n`))).toBe(true);
    expect(inkCachesBounded(fake('8.0.0', 'const cache = new QuickLRU({maxSize: 4096});\n'))).toBe(true);
    expect(inkCachesBounded(join(tmpdir(), 'no-such-ink', 'build'))).toBeNull();
  });

  it("an Ink the script does not know is not told to run the script again (it left that Ink as it is, with a warning)", () => {
    const fake = (version: string) => {
      const root = tempDir('ufm-ink-');
      mkdirSync(join(root, 'build'));
      writeFileSync(join(root, 'package.json'), JSON.stringify({ version }));
      return join(root, 'build');
    };
    expect(unboundedNote(fake('6.8.0'))).toBe(UNBOUNDED_NOTE);
    const other = unboundedNote(fake('6.9.1'));
    expect(other).toContain("this install's Ink (6.9.1) keeps every text it has drawn");
    expect(other).not.toContain('npm rebuild');
    expect(other).not.toContain('skipped');
  });
});

