#!/usr/bin/env node
/**
 * Run by `npm install` / `npm ci` (postinstall): bounds the two text caches of Ink 6.8.
 *
 * Ink 6.8 remembers the size of every text it has ever laid out (build/measure-text.js, a Map
 * keyed by the whole text) and every text it has wrapped (build/wrap-text.js), and never
 * forgets one (vadimdemedes/ink#986, fixed in Ink 8 with an LRU of 4,096, which needs Node 22).
 * A review draws new texts on almost every key (the list's columns, the detail pane, the
 * message line), so a long review kept them all: about 18 KB per decision and 10 KB per line
 * scrolled (a scroll through 50k users kept about 480 MB). Each cache now forgets its oldest
 * text past 4,096 (a frame lays out about fifty).
 *
 * Why a script and not patch-package: that package (and the 59 packages it installs) would have
 * to be a runtime dependency for a two-line change in two files. This script changes exactly
 * the lines it knows, checks the result, writes each file by rename, and does nothing to a file
 * already changed; any other text (another Ink, or none found) leaves Ink as it is with a
 * warning: the install goes on (tui/inkCaches.ts then notes the unbounded caches at a review's end).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MARK = '/* ufmatch: bounded (ink#986) */';
const LIMIT = 4096;

/** [file, [original, replacement][]] */
export const EDITS = [
  [
    'measure-text.js',
    [['    cache.set(text, dimensions);\n', `    if (cache.size >= ${LIMIT}) cache.delete(cache.keys().next().value); ${MARK}\n    cache.set(text, dimensions);\n`]],
  ],
  [
    'wrap-text.js',
    [
      ['const cache = {};\n', `const cache = new Map(); ${MARK}\n`],
      ['    const cachedText = cache[cacheKey];\n', '    const cachedText = cache.get(cacheKey);\n'],
      ['    cache[cacheKey] = wrappedText;\n', `    if (cache.size >= ${LIMIT}) cache.delete(cache.keys().next().value);\n    cache.set(cacheKey, wrappedText);\n`],
    ],
  ],
];

/** The text of `file` with the edits made, or null when it has them already; throws on a text it does not know. */
export function patched(file, text, edits) {
  if (text.includes(MARK)) return null;
  let out = text;
  for (const [from, to] of edits) {
    if (out.split(from).length !== 2) throw new Error(`ink's build/${file} is not the one this patch knows (Ink 6.8.0): "${from.trim()}" is not in it once`);
    out = out.replace(from, () => to);
  }
  return out;
}

function main() {
  const build = dirname(fileURLToPath(import.meta.resolve('ink')));
  const version = JSON.parse(readFileSync(join(build, '..', 'package.json'), 'utf8')).version;
  if (Number(version.split('.')[0]) >= 8) return; // Ink 8 bounds them itself
  for (const [file, edits] of EDITS) {
    const path = join(build, file);
    const next = patched(file, readFileSync(path, 'utf8'), edits);
    if (next === null) continue;
    const temp = `${path}.ufmatch-tmp`;
    writeFileSync(temp, next);
    renameSync(temp, path);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main();
  } catch (e) {
    // a warning, not a failed install: the review works with this Ink, and says so at its end
    // (tui/inkCaches.ts); stopping npm here would have rolled back a user's whole install
    console.error(`ufmatch: warning: Ink's text caches left unbounded (${e.message}): a long review holds on to memory; with ink 6.8.0 installed, run \`node tools/patch-ink.mjs\` in ufmatch's folder`);
  }
}
