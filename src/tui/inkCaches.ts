/**
 * Whether the installed Ink bounds its text caches. Ink 6.8 keeps every text it lays out or
 * wraps, for the life of the process (vadimdemedes/ink#986): `tools/patch-ink.mjs`, run by npm
 * at install (postinstall), bounds them. An install that skipped scripts (`--ignore-scripts`,
 * or npm's allowScripts when ufmatch is installed as a package) leaves them unbounded, and a long
 * review then keeps memory it never gives back: the review says so when it ends.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The mark tools/patch-ink.mjs leaves in each file it bounds (a test holds the two equal). */
export const BOUNDED_MARK = '/* ufmatch: bounded (ink#986) */';

/** true: bounded (patched, or an Ink of 8 or later); false: not; null: could not tell. */
export function inkCachesBounded(build: string | null = null): boolean | null {
  try {
    const dir = build ?? dirname(fileURLToPath(import.meta.resolve('ink')));
    const version = String((JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8')) as { version?: unknown }).version ?? '');
    if (Number(version.split('.')[0]) >= 8) return true;
    return ['measure-text.js', 'wrap-text.js'].every((f) => readFileSync(join(dir, f), 'utf8').includes(BOUNDED_MARK));
  } catch {
    return null;
  }
}

/** The Ink tools/patch-ink.mjs knows (its edits are of this build's lines). */
export const PATCHED_INK = '6.8.0';

/**
 * The line a review ends with when Ink's caches are not bounded: the install script skipped
 * (UNBOUNDED_NOTE), or an Ink it does not know (another version, forced by the installing
 * project), which the script left as it is with a warning and running it again cannot change.
 */
export function unboundedNote(build: string | null = null): string {
  let version = PATCHED_INK;
  try {
    const dir = build ?? dirname(fileURLToPath(import.meta.resolve('ink')));
    version = String((JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8')) as { version?: unknown }).version ?? '');
  } catch {
    /* not found: as when the script was skipped */
  }
  if (version === PATCHED_INK) return UNBOUNDED_NOTE;
  return `ufmatch: note: this install's Ink (${version || 'of an unknown version'}) keeps every text it has drawn: a long review holds on to memory; ufmatch's install script bounds Ink ${PATCHED_INK} only — install ufmatch with the Ink it depends on (no override of ink's version)\n`;
}

/** The line a review ends with when Ink's caches are not bounded because npm skipped ufmatch's install script. */
export const UNBOUNDED_NOTE =
  "ufmatch: note: this install's Ink keeps every text it has drawn (npm skipped ufmatch's install script): a long review holds on to memory; run `npm rebuild ufmatch` (`npm rebuild -g ufmatch` for a global install), or `node tools/patch-ink.mjs` in ufmatch's folder, once\n";
